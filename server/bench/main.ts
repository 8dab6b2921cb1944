/**
 * Engine benchmarks. Run from the repository root:
 *   npx tsx --tsconfig server/tsconfig.json server/bench/main.ts
 * Prints one JSON line per figure. Budgets (reported, never asserted): SMA sweep ≥ 1e8
 * bar-evaluations/s on one core; full backtest ≥ 2e7 bars/s; walk-forward optimization of 200 trials ×
 * ~8 windows over BTC/ETH/SOL 1h through the worker, persisted: < 20 s wall time, < 1 GB peak RSS.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  calculateSmaCrossoverSweep,
  makeGridPoints,
  parseParameters,
  periodsPerYear,
  runBacktest,
  smaCrossoverStrategy,
  strategyTemplates,
} from '../src/engine/index.ts';
import type { BacktestOptions } from '../src/engine/index.ts';
import { repositoryRoot } from '../src/infra/config.ts';
import { loadMarketCsv } from './load-market-csv.ts';

/** The repository's own bundled data (`data/market`), wherever the repository is checked out. */
const dataset = 'data/market/BTC-USDT_1h.csv';
const path = join(repositoryRoot, dataset);
const frame = loadMarketCsv(path);
const options: BacktestOptions = { feeBps: 10, slippageBps: 5, periodsPerYear: periodsPerYear('1h') };

function report(figure: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...figure, dataset, bars: frame.length }));
}

/** Per-call seconds: median and best over batches of ≥ 0.2 s, after one warm-up call (the host may be shared). */
interface Timing {
  median: number;
  best: number;
}

function measure(work: () => void, totalSeconds = 2): Timing {
  work();
  const perCall: number[] = [];
  const deadline = performance.now() + totalSeconds * 1000;
  while (performance.now() < deadline || perCall.length < 3) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      work();
      calls++;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < 0.2);
    perCall.push(elapsed / calls);
  }
  perCall.sort((a, b) => a - b);
  return { median: perCall[Math.floor(perCall.length / 2)], best: perCall[0] };
}

// 1. Full backtest (targets, simulation with trade list and equity curve, all metrics)
{
  const parameters = parseParameters(smaCrossoverStrategy, { fastPeriod: 20, slowPeriod: 50 });
  let trades = 0;
  const timing = measure(() => {
    trades = runBacktest(frame, smaCrossoverStrategy, parameters, options).trades.length;
  }, 3);
  report({ figure: 'full_backtest_bars_per_second', template: 'sma_crossover', value: frame.length / timing.median, bestValue: frame.length / timing.best, secondsPerBacktest: timing.median, trades, budget: 2e7 });
}

// 2. SMA crossover sweep with precomputed window sums and an allocation-free loop per pair
{
  const fastPeriods = Array.from({ length: 20 }, (_, index) => 5 + index * 5); // 5 … 100
  const slowPeriods = Array.from({ length: 20 }, (_, index) => 20 + index * 20); // 20 … 400
  let pairs = 0;
  const timing = measure(() => {
    pairs = calculateSmaCrossoverSweep(frame, fastPeriods, slowPeriods, options).sharpe.length;
  }, 3);
  report({
    figure: 'sweep_bar_evaluations_per_second',
    template: 'sma_crossover',
    method: 'precomputed_window_sums',
    value: (pairs * frame.length) / timing.median,
    bestValue: (pairs * frame.length) / timing.best,
    configurations: pairs,
    secondsPerSweep: timing.median,
    budget: 1e8,
  });
}

// 3. Generic sweep of every template: full backtest per grid point
for (const template of strategyTemplates) {
  const points = makeGridPoints(template.parameterSpace, 24);
  const timing = measure(() => {
    for (const point of points) runBacktest(frame, template, parseParameters(template, point.values), options);
  }, 1);
  report({
    figure: 'sweep_bar_evaluations_per_second',
    template: template.id,
    method: 'full_backtest_per_point',
    value: (points.length * frame.length) / timing.median,
    bestValue: (points.length * frame.length) / timing.best,
    configurations: points.length,
    secondsPerSweep: timing.median,
  });
}

// 4. Walk-forward optimization through the worker, results persisted (throwaway database)
{
  const { benchWalkForwardOptimization } = await import('./walk-forward-optimization.bench.ts');
  console.log(JSON.stringify(await benchWalkForwardOptimization()));
}

// 5. Evaluation cycle (60 configurations × BTC/ETH/SOL 1d+1h through the worker), trigger → enqueue p99, scorecard of 80
{
  const { benchEvaluationCycle } = await import('./evaluation-cycle.bench.ts');
  for (const figure of await benchEvaluationCycle()) console.log(JSON.stringify(figure));
}

// 6. API under load (50 concurrent clients on the scorecard and registry queries) and 200 subscribers' delivery
{
  const { benchApiLoad } = await import('./api-load.bench.ts');
  for (const figure of await benchApiLoad()) console.log(JSON.stringify(figure));
}
