import { performance } from 'node:perf_hooks';
import {
  defaultFillModelConfig,
  parseParameters,
  periodsPerYear,
  replayDeployment,
  replayTargets,
  runBacktest,
  smaCrossoverStrategy,
  timeframeMilliseconds,
} from '../src/engine/index.ts';
import type { BarFrame, FillModelConfig } from '../src/engine/index.ts';

/** Per-call seconds of a piece of work (main.ts `measure`). */
type Measure = (work: () => void, totalSeconds?: number) => { median: number; best: number };

/** The issue-11 budget: the decision path alone (engine target + fill model + checks, no I/O). */
const targetBarDecisionsPerSecond = 1_000_000;

/**
 * The deployment decision path over a whole history (issue 11): bar-decisions per second of a replayed SHADOW
 * deployment of SMA crossover 20/50 on Binance US fees — `replayTargets` (targets computed once, then bar validation,
 * sizing, pre-trade checks, fill model, P&L mark per bar) and `replayDeployment` (the template's targets included) —
 * with market orders (the parity settings) and with a 10 % participation cap and 250 ms latency. Each figure also says
 * whether the market-order replay gave the backtest's equity (the parity the test asserts on a slice).
 */
export function benchDecisionPath(frame: BarFrame, measure: Measure): Record<string, unknown>[] {
  const template = smaCrossoverStrategy;
  const parameters = parseParameters(template, { fastPeriod: 20, slowPeriod: 50 });
  const barDurationMs = timeframeMilliseconds('1h');
  const targets = new Float64Array(frame.length);
  template.computeTargets(frame, parameters, targets);
  const backtest = runBacktest(frame, template, parameters, { feeBps: 10, slippageBps: 5, periodsPerYear: periodsPerYear('1h'), initialEquity: 10_000 });
  const configs: [string, FillModelConfig][] = [
    ['market', defaultFillModelConfig('binanceus', { slippageBps: 5 })],
    ['market_cap_0.1_latency_250ms', defaultFillModelConfig('binanceus', { slippageBps: 5, participationCap: 0.1, latencyMs: 250 })],
  ];
  const figures: Record<string, unknown>[] = [];
  // Steady state: a second of replays first (the step's code is optimized after a few hundred thousand bars).
  for (const start = performance.now(); performance.now() - start < 1000; ) replayTargets(frame, targets, configs[0][1], { barDurationMs, initialEquity: 10_000 });
  for (const [fillModel, config] of configs) {
    let orders = 0;
    const stepTiming = measure(() => {
      orders = replayTargets(frame, targets, config, { barDurationMs, initialEquity: 10_000 }).orders.length;
    }, 3);
    let maxEquityDifference = Number.NaN;
    if (fillModel === 'market') {
      const replay = replayTargets(frame, targets, config, { barDurationMs, initialEquity: 10_000 });
      maxEquityDifference = 0;
      for (let index = 0; index < frame.length; index++) {
        maxEquityDifference = Math.max(maxEquityDifference, Math.abs(replay.equity[index] - backtest.equity[index]) / backtest.equity[index]);
      }
    }
    const stepValue = frame.length / stepTiming.median;
    figures.push({
      figure: 'decision_path_bar_decisions_per_second',
      path: 'step_per_bar',
      template: template.id,
      fillModel,
      value: stepValue,
      bestValue: frame.length / stepTiming.best,
      secondsPerHistory: stepTiming.median,
      orders,
      ...(fillModel === 'market' ? { maxRelativeEquityDifferenceToBacktest: maxEquityDifference } : {}),
      target: targetBarDecisionsPerSecond,
    });
    const fullTiming = measure(() => {
      replayDeployment(frame, template, parameters, config, { barDurationMs, initialEquity: 10_000 });
    }, 3);
    const fullValue = frame.length / fullTiming.median;
    figures.push({
      figure: 'decision_path_bar_decisions_per_second',
      path: 'targets_and_steps',
      template: template.id,
      fillModel,
      value: fullValue,
      bestValue: frame.length / fullTiming.best,
      secondsPerHistory: fullTiming.median,
      target: targetBarDecisionsPerSecond,
    });
  }
  return figures;
}
