import { describe, expect, it } from 'vitest';
import { getStrategyTemplate, parseParameters, runBacktest, type BacktestResult, type BarFrame, type Trade } from '../../../engine/index.ts';
import { makeBitcoinHourlySlice } from '../../../engine/testing/bitcoin-hourly-slice.ts';
import { reconcileLiveWithBacktest, type ReconciliationSide } from './live-backtest-reconciliation.ts';

const frame = makeBitcoinHourlySlice();
const template = getStrategyTemplate('sma_crossover');
const parameters = parseParameters(template, { fastPeriod: 5, slowPeriod: 20 });

function run(feeBps: number, slippageBps = 0): BacktestResult {
  return runBacktest(frame, template, parameters, { feeBps, slippageBps, periodsPerYear: 8760, initialEquity: 10_000 });
}

function side(result: BacktestResult, source: BarFrame = frame, trades: readonly Trade[] = result.trades): ReconciliationSide {
  return { timestamp: source.timestamp, equity: result.equity, trades };
}

describe('live-vs-backtest reconciliation (real BTC-USDT 1h bars, March 2020)', () => {
  it('a replay identical to its backtest shows zero tracking error and nothing to attribute (parity)', () => {
    const backtest = run(10);
    const reconciliation = reconcileLiveWithBacktest(side(run(10)), side(backtest));
    expect(backtest.trades.length).toBeGreaterThan(3);
    expect(reconciliation).toMatchObject({ alignedMarks: frame.length, trackingError: 0, finalEquityDifference: 0, counts: { matched: backtest.trades.length, missing: 0, extra: 0, timeShifted: 0 } });
    expect(reconciliation.attribution).toEqual({ fillPrice: 0, size: 0, fees: 0, missingTrades: 0, extraTrades: 0, unexplained: 0 });
  });

  it('a deliberately higher live fee shows the divergence attributed to fees', () => {
    const live = run(30);
    const backtest = run(10);
    const reconciliation = reconcileLiveWithBacktest(side(live), side(backtest));
    expect(reconciliation.trackingError).toBeGreaterThan(0);
    expect(reconciliation.counts).toEqual({ matched: backtest.trades.length, missing: 0, extra: 0, timeShifted: 0 });
    const { fees, fillPrice, size, unexplained } = reconciliation.attribution;
    expect(fees).toBeCloseTo(backtest.trades.reduce((sum, trade) => sum + trade.fee, 0) - live.trades.reduce((sum, trade) => sum + trade.fee, 0), 9);
    expect(fees).toBeLessThan(0);
    expect(fillPrice).toBeCloseTo(0, 6); // same fill prices; weighted averages of different quantities round
    // Higher fees leave less equity, so later trades are smaller: the size effect is second order.
    expect(Math.abs(size) + Math.abs(unexplained)).toBeLessThan(Math.abs(fees) * 0.5);
    expect(reconciliation.finalEquityDifference).toBeLessThan(0);
  });

  it('slippage shows as fill price; a trade the live side never made is missing, one it made alone is extra', () => {
    const live = run(10, 20);
    const backtest = run(10);
    expect(reconcileLiveWithBacktest(side(live), side(backtest)).attribution.fillPrice).toBeLessThan(0);
    const [first, ...rest] = backtest.trades;
    const dropped = reconcileLiveWithBacktest(side(backtest, frame, rest), side(backtest));
    expect(dropped.counts).toMatchObject({ missing: 1, extra: 0 });
    expect(dropped.attribution.missingTrades).toBeCloseTo(-(first.profit ?? 0), 9);
    const shifted = { ...first, entryTime: first.entryTime + 3_600_000 };
    const late = reconcileLiveWithBacktest(side(backtest, frame, [shifted, ...rest]), side(backtest), 3_600_000);
    expect(late.counts).toMatchObject({ matched: backtest.trades.length, timeShifted: 1 });
    expect(late.trades.find((entry) => entry.entryTimeDeltaMs === 3_600_000)).toBeDefined();
    expect(reconcileLiveWithBacktest(side(backtest, frame, [shifted, ...rest]), side(backtest)).counts).toMatchObject({ missing: 1, extra: 1 });
  });
});
