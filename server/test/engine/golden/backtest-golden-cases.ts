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

/**
 * Metrics that are sums the engine may associate differently (the order and grouping of additions is not part of their
 * definition): compared to a relative tolerance. Every other field — products and comparisons in bar order (total
 * return, CAGR, drawdown and its duration, Calmar), order statistics (VaR, tail ratio), counts, and the backtest's
 * decisions (trades, positions, fills, equity) — is compared exactly.
 */
export const reassociatedMetrics: readonly string[] = [
  'annualVolatility',
  'sharpe',
  'sortino',
  'downsideRisk',
  'conditionalValueAtRisk',
  'omega',
  'profitFactor',
  'payoffRatio',
  'stability',
];

/** Relative tolerance of the {@link reassociatedMetrics}: far above their rounding (~1e−13), far below any real change. */
export const reassociatedRelativeTolerance = 1e-11;

/** |a − b| / |b| (0 when both are the same number, NaN, or the same infinity; ∞ when only one is finite). */
export function relativeDifference(actual: number | string, expected: number | string): number {
  if (Object.is(actual, expected)) return 0;
  if (typeof actual !== 'number' || typeof expected !== 'number') return Number.POSITIVE_INFINITY;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

/**
 * The largest relative difference of every metric and every other numeric field between two sets of golden records
 * (matched by file, template, parameters and cash floor), for the generator's report.
 */
export function compareGoldenRecords(previous: Record<string, unknown>[], next: Record<string, unknown>[]): Record<string, number> {
  const key = (record: Record<string, unknown>) => JSON.stringify([record.file, record.template, record.parameters, record.cashFloor]);
  const before = new Map(previous.map((record) => [key(record), record]));
  const largest: Record<string, number> = { unmatchedRecords: 0 };
  for (const record of next) {
    const old = before.get(key(record));
    if (old === undefined) {
      largest.unmatchedRecords++;
      continue;
    }
    const fields: [string, unknown, unknown][] = Object.entries(record.metrics as Record<string, unknown>).map(([name, value]) => [name, value, (old.metrics as Record<string, unknown>)[name]]);
    for (const name of ['finalEquity', 'trades', 'equitySum', 'returnsSum', 'positionSum', 'turnover']) fields.push([name, record[name], old[name]]);
    fields.push(['lastTrade', JSON.stringify(record.lastTrade) === JSON.stringify(old.lastTrade) ? 0 : 1, 0]);
    for (const [name, value, oldValue] of fields) {
      const difference = relativeDifference(value as number | string, oldValue as number | string);
      largest[name] = Math.max(largest[name] ?? 0, difference);
    }
  }
  return largest;
}
