import { calculateBenchmarkBasket, sliceBarFrame, type BarFrame } from '../src/engine/index.ts';
import type { DeploymentMarks } from '../src/domain/monitoring/policy/deployment-marks.ts';
import { evaluateMonitoringRules } from '../src/domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { defaultMonitoringPolicy } from '../src/domain/monitoring/policy/monitoring-policy.ts';
import { initialMonitoringState, type MonitoringState } from '../src/domain/monitoring/policy/monitoring-state.ts';
import { evaluateStrategyRedundancy } from '../src/domain/monitoring/policy/strategy-redundancy.ts';

/** Per-call seconds of a piece of work (main.ts `measure`). */
type Measure = (work: () => void, totalSeconds?: number) => { median: number; best: number };

/** The issue-13 budget: monitoring evaluation of 100 active deployments per bar. */
const targetMilliseconds = 100;
const hoursOfHistory = 120 * 24;

/**
 * Monitoring evaluation of 100 active deployments on one bar (issue 13 budget < 100 ms): the benchmark basket (BTC 60 /
 * ETH 30 / SOL 10) over the last 120 days of the bundled 1h bars, and 100 deployments marked hourly over those 120 days
 * (2 880 marks each: the basket's returns scaled by a per-deployment beta plus a seeded per-bar noise), each evaluated
 * on its last mark against every per-deployment rule of the default policy with its persistence state. Figures: the
 * 100 evaluations per bar; the basket recomputed per bar; the daily pairwise redundancy over the 100 (4 950 pairs).
 */
export function benchMonitoringEvaluation(frames: { btc: BarFrame; eth: BarFrame; sol: BarFrame }, measure: Measure): Record<string, unknown>[] {
  const tail = (frame: BarFrame) => sliceBarFrame(frame, frame.length - hoursOfHistory, frame.length);
  const members = [
    { symbol: 'BTC-USDT', weight: 0.6, frame: tail(frames.btc) },
    { symbol: 'ETH-USDT', weight: 0.3, frame: tail(frames.eth) },
    { symbol: 'SOL-USDT', weight: 0.1, frame: tail(frames.sol) },
  ];
  const basket = calculateBenchmarkBasket(members, 1);
  const length = basket.timestamp.length;
  let seed = 12_345;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  const deployments: DeploymentMarks[] = Array.from({ length: 100 }, (_, index) => {
    const beta = 0.5 + (index % 10) / 10;
    const equity = new Float64Array(length);
    equity[0] = 10_000;
    for (let bar = 1; bar < length; bar++) equity[bar] = equity[bar - 1] * (1 + beta * basket.returns[bar] + random() * 0.004);
    return { deploymentId: `deployment-${index}`, stage: 'live', barDurationMs: 3_600_000, maxBarAgeMs: 7_200_000, timestamp: basket.timestamp, equity, expectedSharpe: 1.2, regimeBand: 'neutral', dataIntegrityEvents: 0 };
  });
  const nowMs = basket.timestamp[length - 1] + 3_600_000;
  let states: MonitoringState[] = deployments.map((marks) => initialMonitoringState(marks.deploymentId));
  let actions = 0;
  let breaches = 0;
  const perBar = measure(() => {
    actions = 0;
    breaches = 0;
    states = deployments.map((marks, index) => {
      const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, states[index], nowMs);
      actions += evaluation.actions.length;
      breaches += evaluation.results.filter((result) => result.status === 'breach').length;
      return evaluation.state;
    });
  });
  const basketTiming = measure(() => {
    calculateBenchmarkBasket(members, 1);
  });
  const strategies = deployments.map((marks, index) => ({ deploymentId: marks.deploymentId, rank: index + 1, timestamp: marks.timestamp, equity: marks.equity }));
  let flagged = 0;
  const redundancy = measure(() => {
    flagged = evaluateStrategyRedundancy(strategies, defaultMonitoringPolicy, {}).pairs.filter((pair) => pair.status === 'breach').length;
  });
  return [
    {
      figure: 'monitoring_evaluation_100_deployments_ms',
      scope: 'every per-deployment rule of the default policy on the last mark, 100 deployments, 2 880 hourly marks each',
      value: perBar.median * 1000,
      bestValue: perBar.best * 1000,
      targetMs: targetMilliseconds,
      withinTarget: perBar.median * 1000 < targetMilliseconds,
      deployments: deployments.length,
      marksPerDeployment: length,
      breaches,
      actions,
      policyVersion: defaultMonitoringPolicy.version,
    },
    { figure: 'benchmark_basket_ms', scope: 'BTC 60 / ETH 30 / SOL 10 over 2 880 hourly bars, recomputed', value: basketTiming.median * 1000, bestValue: basketTiming.best * 1000, bars: length },
    { figure: 'monitoring_redundancy_100_strategies_ms', scope: '4 950 pairs, daily returns over 30 days', value: redundancy.median * 1000, bestValue: redundancy.best * 1000, flaggedPairs: flagged },
  ];
}
