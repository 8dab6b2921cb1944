import type { BacktestResult } from '../../../src/engine/index.ts';

/** The bundled real datasets of the backtest golden values (data/market) and the grid points per template. */
export const goldenCases = [
  { file: 'BTC-USDT_1h.csv', rows: Number.POSITIVE_INFINITY, periodsPerYear: 8760, gridPoints: 3 },
  { file: 'ETH-USDT_1h.csv', rows: 20_000, periodsPerYear: 8760, gridPoints: 3 },
  { file: 'SOL-USDT_1d.csv', rows: Number.POSITIVE_INFINITY, periodsPerYear: 365, gridPoints: 4 },
] as const;

/** Costs of the golden backtests (periodsPerYear and cashFloor per case). */
export const goldenOptions = { feeBps: 10, slippageBps: 5, initialEquity: 1000 };

/** A number as JSON keeps it exactly (shortest round-trip form); NaN and ±∞ as strings. */
export function encodeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** Σ of a series in index order: one number that changes with any entry's bits (almost surely). */
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum;
}

/** What a golden record keeps of a backtest: every metric, final equity, trade count, the series' sums, the last trade. */
export function goldenRecord(result: BacktestResult): Record<string, unknown> {
  const metrics: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(result.metrics)) metrics[name] = encodeNumber(value);
  return {
    metrics,
    finalEquity: encodeNumber(result.equity[result.equity.length - 1]),
    trades: result.trades.length,
    lastTrade: result.trades.at(-1) ?? null,
    equitySum: encodeNumber(sumOf(result.equity)),
    returnsSum: encodeNumber(sumOf(result.returns)),
    positionSum: encodeNumber(sumOf(result.position)),
    turnover: encodeNumber(result.turnover),
  };
}
