import type { PostureRowFragment } from '#lib/gql/graphql.ts';

/** Columns the wall sorts by. */
export type SortKey = 'strategy' | 'stage' | 'trading' | 'health' | 'return' | 'drawdown' | 'lag' | 'incidents';

const stageOrder = ['OBSERVE', 'SHADOW', 'PAPER', 'LIVE'];
const tradingOrder = ['ACTIVE', 'REDUCING', 'HALTED'];
const healthOrder = ['HEALTHY', 'DEGRADED'];

/**
 * The rows sorted by `key` (stable; ties by strategy code). Lag: an unknown lag sorts before every measured one when
 * ascending (worst first — unknown fails closed), then by bps, then the not-applicable ones (no basket at their
 * timeframe: nothing to compare, no block). Stages rank OBSERVE < SHADOW < PAPER < LIVE.
 */
export function sortRows(rows: readonly PostureRowFragment[], key: SortKey, ascending: boolean): PostureRowFragment[] {
  const value = (row: PostureRowFragment): number | string => {
    switch (key) {
      case 'strategy':
        return `${row.deployment.strategy.code} ${row.deployment.symbol}`;
      case 'stage':
        return stageOrder.indexOf(row.deployment.stage);
      case 'trading':
        return tradingOrder.indexOf(row.effectiveTradingState);
      case 'health':
        return healthOrder.indexOf(row.deployment.health);
      case 'return':
        return row.deployment.totalReturn;
      case 'drawdown':
        return row.deployment.drawdown;
      case 'lag':
        return row.lagVsBasketBps ?? (row.lagStatus === 'NOT_APPLICABLE' ? 1e12 : -1e12);
      case 'incidents':
        return row.openIncidents;
    }
  };
  const direction = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    const order = typeof left === 'string' ? left.localeCompare(right as string) : left - (right as number);
    return order !== 0 ? order * direction : a.deployment.strategy.code.localeCompare(b.deployment.strategy.code);
  });
}
