import { describe, expect, it } from 'vitest';
import { runBacktest, getStrategyTemplate, parseParameters } from '../../src/engine/index.ts';
import { loadBarFrame } from '../../src/services/market-data/bar-frame.repository.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

type TradeRow = { number: number; side: string; entryTime: string; exitTime: string | null; entryPrice: number; profit: number | null; fee: number; durationMs: number | null; exitReason: string };

async function completedSmaRun() {
  const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
  const run = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 10, slowPeriod: 30 }, feeBps: 10, slippageBps: 5 });
  await api.services().backtests.execute(run.id);
  return { run, marketDataSet };
}

describe('a run’s trades, price chart and analytics (engine replay)', () => {
  it('lists the replayed trades (sorted, paged) equal to the engine’s own backtest, with exit reasons and durations in time', async () => {
    const { run, marketDataSet } = await completedSmaRun();
    const frame = await loadBarFrame(api.orm.em.fork(), marketDataSet.id);
    const template = getStrategyTemplate('sma_crossover');
    const expected = runBacktest(frame, template, parseParameters(template, { fastPeriod: 10, slowPeriod: 30 }), { feeBps: 10, slippageBps: 5, periodsPerYear: 365 }).trades;
    const fields = 'totalCount items { number side entryTime exitTime entryPrice profit fee durationMs exitReason }';
    const byTime = await api.request<{ backtestRun: { trades: { totalCount: number; items: TradeRow[] } } }>(`query($id: ID!) { backtestRun(id: $id) { trades(first: 1000) { ${fields} } } }`, { id: run.id });
    expect(byTime.errors).toBeUndefined();
    const { totalCount, items } = byTime.data!.backtestRun.trades;
    expect(totalCount).toBe(expected.length);
    expect(totalCount).toBeGreaterThan(10);
    items.forEach((row, index) => {
      expect(new Date(row.entryTime).getTime()).toBe(expected[index]!.entryTime);
      expect(row.entryPrice).toBe(expected[index]!.entryPrice);
      expect(row.profit).toBe(expected[index]!.profit);
      expect(row.side).toBe('LONG');
      if (row.exitTime) expect(row.durationMs).toBe(new Date(row.exitTime).getTime() - new Date(row.entryTime).getTime());
    });
    expect(new Set(items.map((row) => row.exitReason))).toEqual(new Set(items.at(-1)!.exitTime ? ['SIGNAL'] : ['SIGNAL', 'OPEN']));

    const best = await api.request<{ backtestRun: { trades: { items: TradeRow[] } } }>(`query($id: ID!) { backtestRun(id: $id) { trades(first: 3, offset: 0, orderBy: PROFIT, descending: true) { ${fields} } } }`, { id: run.id });
    const profits = expected.map((trade) => trade.profit).filter((profit): profit is number => profit !== null).sort((a, b) => b - a);
    expect(best.data!.backtestRun.trades.items.map((row) => row.profit)).toEqual(profits.slice(0, 3));

    const tooMany = await api.request(`query($id: ID!) { backtestRun(id: $id) { trades(first: 5000) { totalCount } } }`, { id: run.id });
    expect(tooMany.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('draws candles with volume and the two SMAs from the engine’s indicator code, thinned to maxPoints', async () => {
    const { run } = await completedSmaRun();
    const result = await api.request<{ backtestRun: { priceChart: { barsPerCandle: number; candleMs: number; time: number[]; close: number[]; volume: number[]; indicators: { label: string; pane: string; values: (number | null)[] }[] } } }>(
      `query($id: ID!) { backtestRun(id: $id) { priceChart(maxPoints: 500) { barsPerCandle candleMs time open high low close volume indicators { key label pane values } } } }`,
      { id: run.id },
    );
    expect(result.errors).toBeUndefined();
    const chart = result.data!.backtestRun.priceChart;
    expect(chart.barsPerCandle).toBe(Math.ceil(2562 / 500));
    expect(chart.candleMs).toBe(chart.barsPerCandle * 86_400_000);
    expect(chart.time.length).toBeLessThanOrEqual(500);
    expect(chart.volume.every((volume) => volume > 0)).toBe(true);
    expect(chart.indicators.map((series) => [series.label, series.pane])).toEqual([
      ['SMA 10', 'PRICE'],
      ['SMA 30', 'PRICE'],
    ]);
    expect(chart.indicators[0]!.values).toHaveLength(chart.time.length);
    expect(chart.indicators[1]!.values[0]).toBeNull();
  });

  it('reports monthly returns, buy-and-hold, rolling figures in time and the VaR horizon', async () => {
    const { run } = await completedSmaRun();
    const result = await api.request<{ backtestRun: { metrics: { totalReturn: number; maxDrawdownDurationBars: number }; analytics: { benchmarkDescription: string; sampleYears: number; shortSampleWarning: string | null; valueAtRiskHorizon: string; maxDrawdownDurationMs: number; rollingWindowMs: number; monthlyReturns: { returnFraction: number }[]; returnDistribution: { counts: number[]; zeroCount: number }; series: { time: number[]; buyAndHoldEquity: number[]; rollingSharpe: (number | null)[]; benchmarkEquity: (number | null)[] } } } }>(
      `query($id: ID!) { backtestRun(id: $id) { metrics { totalReturn maxDrawdownDurationBars } analytics { benchmarkDescription sampleYears shortSampleWarning valueAtRiskHorizon maxDrawdownDurationMs rollingWindowMs monthlyReturns { year month returnFraction barCount } returnDistribution { counts zeroCount } series(maxPoints: 200) { time equity buyAndHoldEquity rollingSharpe rollingVolatility benchmarkEquity } } } }`,
      { id: run.id },
    );
    expect(result.errors).toBeUndefined();
    const { metrics, analytics } = result.data!.backtestRun;
    expect(analytics.valueAtRiskHorizon).toBe('1 day');
    expect(analytics.shortSampleWarning).toBeNull();
    expect(analytics.sampleYears).toBeCloseTo(2562 / 365, 12);
    expect(analytics.maxDrawdownDurationMs).toBe(metrics.maxDrawdownDurationBars * 86_400_000);
    expect(analytics.rollingWindowMs).toBe(183 * 86_400_000);
    const compounded = analytics.monthlyReturns.reduce((total, month) => total * (1 + month.returnFraction), 1) - 1;
    expect(compounded).toBeCloseTo(metrics.totalReturn, 9);
    expect(analytics.returnDistribution.counts.reduce((a, b) => a + b, 0) + analytics.returnDistribution.zeroCount).toBe(2562);
    expect(analytics.series.buyAndHoldEquity[0]).toBe(1);
    expect(analytics.series.time.length).toBeLessThanOrEqual(200);
    expect(analytics.series.rollingSharpe[0]).toBeNull();
    // Only BTC bars are certified here: no basket, and the answer says why instead of failing the analytics.
    expect(analytics.benchmarkDescription).toMatch(/^No benchmark basket for this run: /);
    expect(analytics.series.benchmarkEquity).toEqual(analytics.series.time.map(() => null));
  });

  it('refuses trades of a run that has not completed (CONFLICT)', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const queued = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const result = await api.request(`query($id: ID!) { backtestRun(id: $id) { trades { totalCount } } }`, { id: queued.id });
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
  });
});
