import { describe, expect, it } from 'vitest';
import { calculatePerformanceMetrics } from '../metrics/performance-metrics.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { barTableStart, makeBarTable } from '../testing/bar-table.ts';
import { runBacktest, simulateTargets } from './simulator.ts';

const hour = 3_600_000;

/**
 * SMA(2) vs SMA(3) on hand-written hourly bars (open, high, low, close).
 * Each bar opens at the previous close.
 */
const crossoverBars = makeBarTable([
  [10, 10, 10, 10], //  0 warm-up
  [10, 10, 10, 10], //  1 warm-up
  [10, 10, 10, 10], //  2 SMA2 = SMA3 = 10 → tie → flat
  [10, 11, 10, 11], //  3 SMA2 10.5 > SMA3 10.33 → target long (decided at this close)
  [11, 12, 11, 12], //  4 ← BUY at this open (11)
  [12, 12, 9, 9], //    5 SMA2 10.5 < SMA3 10.67 → target flat
  [9, 9, 8, 8], //      6 ← SELL at this open (9)
]);

describe('simulator scenarios (SMA crossover 2/3)', () => {
  it('buys at the next open after the signal and sells at the next open after the exit signal, with fees', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3 });
    const result = runBacktest(crossoverBars, smaCrossoverStrategy, parameters, { feeBps: 10, slippageBps: 0, periodsPerYear: 8760, initialEquity: 1000 });
    const quantity = 1000 / 11;
    const cashAfterBuy = 1000 - 1000 - 1; // notional 1000, fee 0.1 % = 1
    const cashAfterSell = cashAfterBuy + quantity * 9 * (1 - 0.001);
    expect(Array.from(result.position)).toEqual([0, 0, 0, 0, 1, 1, 0]);
    const expectedEquity = [1000, 1000, 1000, 1000, cashAfterBuy + quantity * 12, cashAfterBuy + quantity * 9, cashAfterSell];
    result.equity.forEach((value, index) => expect(value).toBeCloseTo(expectedEquity[index], 9));
    expect(result.returns[4]).toBeCloseTo(expectedEquity[4] / 1000 - 1, 12);
    expect(result.returns[0]).toBe(0);
    expect(result.trades).toHaveLength(1);
    const [trade] = result.trades;
    expect(trade.side).toBe('long');
    expect(trade.entryTime).toBe(barTableStart + 4 * hour);
    expect(trade.exitTime).toBe(barTableStart + 6 * hour);
    expect(trade.entryPrice).toBe(11);
    expect(trade.exitPrice).toBe(9);
    expect(trade.quantity).toBeCloseTo(quantity, 12);
    expect(trade.fee).toBeCloseTo(1 + quantity * 9 * 0.001, 12);
    expect(trade.profit).toBeCloseTo(cashAfterSell - 1000, 9);
    expect(trade.returnFraction).toBeCloseTo((cashAfterSell - 1000) / 1000, 12);
    expect(result.metrics.tradeCount).toBe(1);
    expect(result.metrics.exposure).toBeCloseTo(2 / 7, 15);
    expect(result.metrics.turnover).toBeCloseTo(1 + (quantity * 9) / (cashAfterBuy + quantity * 9), 12);
    expect(result.metrics.totalReturn).toBeCloseTo(cashAfterSell / 1000 - 1, 12);
  });

  it('applies slippage to the fill price in the adverse direction', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3 });
    const result = runBacktest(crossoverBars, smaCrossoverStrategy, parameters, { feeBps: 0, slippageBps: 100, periodsPerYear: 8760, initialEquity: 1000 });
    const [trade] = result.trades;
    expect(trade.entryPrice).toBeCloseTo(11 * 1.01, 12);
    expect(trade.exitPrice).toBeCloseTo(9 * 0.99, 12);
    expect(trade.fee).toBe(0);
    const quantity = 1000 / 11;
    expect(result.equity[4]).toBeCloseTo(1000 - quantity * 11.11 + quantity * 12, 9);
    expect(trade.profit).toBeCloseTo(quantity * (9 * 0.99 - 11 * 1.01), 9);
  });

  it('flips from long to short in one fill and leaves the last trade open', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3, allowShort: true });
    const result = runBacktest(crossoverBars, smaCrossoverStrategy, parameters, { feeBps: 0, slippageBps: 0, periodsPerYear: 8760, initialEquity: 1000 });
    expect(Array.from(result.position)).toEqual([0, 0, 0, 0, 1, 1, -1]);
    expect(result.trades.map((trade) => [trade.side, trade.exitTime])).toEqual([
      ['long', barTableStart + 6 * hour],
      ['short', null],
    ]);
    const equityAtFlip = 1000 / 11 * 9;
    expect(result.trades[1].quantity).toBeCloseTo(equityAtFlip / 9, 12);
    expect(result.trades[1].profit).toBeNull();
    // short 90.9 units from 9 to 8 → +90.9
    expect(result.equity[6]).toBeCloseTo(equityAtFlip + equityAtFlip / 9, 9);
  });

  it('trades only when the target changes and lets the weight drift in between', () => {
    const frame = makeBarTable([
      [100, 100, 100, 100], // 0 target 0.5 decided here
      [100, 110, 100, 110], // 1 ← buy 0.5 of equity at 100
      [110, 121, 110, 121], // 2 target still 0.5 → no rebalance although the weight drifted
      [121, 121, 121, 121], // 3
    ]);
    const result = simulateTargets(frame, Float64Array.from([0.5, 0.5, 0.5, 0.5]), { feeBps: 0, slippageBps: 0, periodsPerYear: 8760 });
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0].quantity).toBeCloseTo(0.005, 15);
    expect(result.equity[2]).toBeCloseTo(0.5 + 0.005 * 121, 14);
    expect(result.turnover).toBeCloseTo(0.5, 15);
  });

  it('partially reduces a position as an exit of the same trade', () => {
    const frame = makeBarTable([
      [100, 100, 100, 100], // 0 target 1
      [100, 100, 100, 100], // 1 ← buy 1 equity; target 0.5
      [120, 120, 120, 120], // 2 ← sell half of the equity at 120; target 0
      [100, 100, 100, 100], // 3 ← sell the rest at 100
    ]);
    const result = simulateTargets(frame, Float64Array.from([1, 0.5, 0, 0]), { feeBps: 0, slippageBps: 0, periodsPerYear: 8760 });
    expect(result.trades).toHaveLength(1);
    const [trade] = result.trades;
    // bought 0.01 units at 100; at 120 equity 1.2 → keep 0.005 units (sell 0.005 at 120), then sell 0.005 at 100
    expect(trade.exitPrice).toBeCloseTo(110, 12);
    expect(trade.profit).toBeCloseTo(0.005 * 20, 14);
    expect(result.equity[3]).toBeCloseTo(1.1, 14);
  });

  it('rejects bad options and empty frames, naming the field', () => {
    const parameters = parseParameters(smaCrossoverStrategy, {});
    expect(() => runBacktest(crossoverBars, smaCrossoverStrategy, parameters, { feeBps: -1, slippageBps: 0, periodsPerYear: 1 })).toThrow(/feeBps/);
    expect(() => runBacktest(crossoverBars, smaCrossoverStrategy, parameters, { feeBps: 0, slippageBps: 0, periodsPerYear: 0 })).toThrow(/periodsPerYear/);
    expect(() => runBacktest(makeBarTable([]), smaCrossoverStrategy, parameters, { feeBps: 0, slippageBps: 0, periodsPerYear: 1 })).toThrow(/no bars/);
  });

  it('is deterministic', () => {
    const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 2, slowPeriod: 3, allowShort: true });
    const options = { feeBps: 5, slippageBps: 3, periodsPerYear: 8760 };
    expect(runBacktest(crossoverBars, smaCrossoverStrategy, parameters, options)).toEqual(runBacktest(crossoverBars, smaCrossoverStrategy, parameters, options));
  });
});

describe('runBacktest parameter checking', () => {
  it('rejects invalid parameters naming the parameter', () => {
    expect(() => runBacktest(crossoverBars, smaCrossoverStrategy, { fastPeriod: 50, slowPeriod: 20 }, { feeBps: 0, slippageBps: 0, periodsPerYear: 1 })).toThrow(/fastPeriod < slowPeriod/);
  });
});

describe('liquidation at equity ≤ 0', () => {
  const options = { feeBps: 0, slippageBps: 0, periodsPerYear: 8760, initialEquity: 100 };

  it('closes a short at the close where equity would go below zero, then stays flat at equity 0', () => {
    const frame = makeBarTable([
      [10, 10, 10, 10], // 0: target short decided here
      [10, 15, 10, 15], // 1: SELL 10 at open 10 → cash 200; close 15 → equity 50
      [15, 25, 15, 25], // 2: close 25 → 200 − 250 = −50 → liquidated at 25, equity 0
      [25, 26, 5, 5], //   3: flat at 0 even though the price collapses (the short would have profited)
      [5, 5, 5, 5], //     4
    ]);
    const result = simulateTargets(frame, Float64Array.from([-1, -1, -1, -1, -1]), options);
    expect(Array.from(result.equity)).toEqual([100, 50, 0, 0, 0]);
    expect(Array.from(result.returns)).toEqual([0, -0.5, -1, 0, 0]);
    expect(Array.from(result.position)).toEqual([0, -1, -1, 0, 0]);
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0].side).toBe('short');
    expect(result.trades[0].exitTime).toBe(barTableStart + 2 * hour);
    expect(result.trades[0].exitPrice).toBe(25);
  });

  it('liquidates at the open when a gap leaves no equity, before any fill of that bar', () => {
    const frame = makeBarTable([
      [10, 10, 10, 10], // 0: target long ×2 (leveraged)
      [10, 10, 10, 10], // 1: BUY 20 at 10 → cash −100
      [4, 4, 4, 4], //     2: gap open 4 → −100 + 80 = −20 ≤ 0 → liquidated at the open 4
      [8, 8, 8, 8], //     3
    ]);
    const result = simulateTargets(frame, Float64Array.from([2, 2, 1, 1]), options);
    expect(Array.from(result.equity)).toEqual([100, 100, 0, 0]);
    expect(Array.from(result.returns)).toEqual([0, 0, -1, 0]);
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0].exitPrice).toBe(4);
    expect(result.trades[0].exitTime).toBe(barTableStart + 2 * hour);
  });

  it('keeps drawdown and total return of a wiped-out short at exactly −100 %', () => {
    const closes = [10, 20, 40, 80, 160];
    const frame = makeBarTable(closes.map((value, index) => [index === 0 ? value : closes[index - 1], value, value, value] as const));
    const result = simulateTargets(frame, new Float64Array(closes.length).fill(-1), options);
    const metrics = calculatePerformanceMetrics(result.returns, 8760);
    expect(metrics.totalReturn).toBe(-1);
    expect(metrics.maxDrawdown).toBe(-1);
    expect(Math.min(...result.equity)).toBe(0);
  });
});
