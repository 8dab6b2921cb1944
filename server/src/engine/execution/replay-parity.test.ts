import { describe, expect, it } from 'vitest';
import { runBacktest, simulateTargets } from '../backtest/simulator.ts';
import type { Trade } from '../backtest/trade.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { makeGridPoints } from '../search/grid-points.ts';
import { strategyTemplates } from '../strategies/strategy-registry.ts';
import { makeBarTable } from '../testing/bar-table.ts';
import { makeBitcoinHourlySlice } from '../testing/bitcoin-hourly-slice.ts';
import { defaultFillModelConfig } from './fill-model-config.ts';
import { replayDeployment, replayTargets } from './replay-deployment.ts';
import type { DeploymentReplay } from './replay-deployment.ts';

const hour = 3_600_000;
const feeBps = 10;
const slippageBps = 5;
const initialEquity = 10_000;
/** The parity settings: no participation cap, no latency, market orders, the backtest's fee and slippage. */
const parityConfig = defaultFillModelConfig('binanceus', { takerFeeBps: feeBps, slippageBps, participationCap: null, latencyMs: 0, orderType: 'market' });

const relativeTolerance = 1e-9;
const near = (actual: number, expected: number): boolean => Math.abs(actual - expected) <= relativeTolerance * Math.max(1, Math.abs(expected));

function tradeMismatch(actual: readonly Trade[], expected: readonly Trade[]): string | null {
  if (actual.length !== expected.length) return `trade count ${actual.length} ≠ ${expected.length}`;
  for (let index = 0; index < expected.length; index++) {
    const [a, e] = [actual[index], expected[index]];
    if (a.entryTime !== e.entryTime || a.exitTime !== e.exitTime || a.side !== e.side) return `trade ${index}: times or side differ`;
    for (const field of ['entryPrice', 'exitPrice', 'quantity', 'fee', 'profit', 'returnFraction'] as const) {
      const [x, y] = [a[field], e[field]];
      if (x === null || y === null ? x !== y : !near(x, y)) return `trade ${index}: ${field} ${x} ≠ ${y}`;
    }
  }
  return null;
}

function equityMismatch(replay: DeploymentReplay, equity: Float64Array, position: Float64Array): string | null {
  for (let index = 0; index < equity.length; index++) {
    if (!near(replay.equity[index], equity[index])) return `bar ${index}: equity ${replay.equity[index]} ≠ ${equity[index]}`;
    if (replay.position[index] !== position[index]) return `bar ${index}: position ${replay.position[index]} ≠ ${position[index]}`;
  }
  return null;
}

describe('replayed deployment = backtest (parity)', () => {
  const frame: BarFrame = makeBitcoinHourlySlice();

  it('gives the same trades and equity as runBacktest for every template on real BTC-USDT 1h bars', () => {
    let compared = 0;
    for (const template of strategyTemplates) {
      const points = [{}, { allowShort: true }, ...makeGridPoints(template.parameterSpace, 4).map((point) => point.values)];
      for (const raw of points) {
        const parameters = parseParameters(template, raw);
        const backtest = runBacktest(frame, template, parameters, { feeBps, slippageBps, periodsPerYear: 8760, initialEquity, cashFloor: true });
        const replay = replayDeployment(frame, template, parameters, parityConfig, { barDurationMs: hour, initialEquity });
        const label = `${template.id} ${JSON.stringify(parameters)}`;
        expect([label, tradeMismatch(replay.trades, backtest.trades)]).toEqual([label, null]);
        expect([label, equityMismatch(replay, backtest.equity, backtest.position)]).toEqual([label, null]);
        expect(replay.barRefusals).toEqual([]);
        expect(replay.orders.every((order) => order.check.allowed && order.fill?.state === 'FILLED')).toBe(true);
        compared += backtest.trades.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('liquidates like the backtest: a leveraged short against a rally, at the open gap and at the close', () => {
    const bars = makeBarTable([
      [100, 100, 100, 100],
      [100, 101, 99, 100], //  1: short −2× at 100
      [100, 160, 100, 150], // 2: close 150 → equity 1 − 2·0.5 − costs ≤ 0 → liquidated at the close
      [150, 150, 150, 150],
    ]);
    const gap = makeBarTable([
      [100, 100, 100, 100],
      [100, 101, 99, 100], //  1: short −3× at 100
      [100, 120, 100, 110], // 2: equity at close 1 − 3·0.1 − costs > 0
      [140, 150, 140, 145], // 3: gaps open to 140 → equity at the open ≤ 0 → liquidated at the open
      [145, 146, 144, 145],
    ]);
    for (const [frameOfCase, target] of [
      [bars, -2],
      [gap, -3],
    ] as const) {
      const targets = new Float64Array(frameOfCase.length).fill(target);
      const backtest = simulateTargets(frameOfCase, targets, { feeBps, slippageBps, periodsPerYear: 8760, cashFloor: true });
      const replay = replayTargets(frameOfCase, targets, parityConfig, { barDurationMs: hour });
      expect(tradeMismatch(replay.trades, backtest.trades)).toBeNull();
      expect(equityMismatch(replay, backtest.equity, backtest.position)).toBeNull();
      expect(Array.from(replay.returns)).toEqual(Array.from(backtest.returns));
      expect(replay.liquidations).toHaveLength(1);
      expect(replay.account).toMatchObject({ liquidated: true, equity: 0, quantity: 0 });
    }
  });
});
