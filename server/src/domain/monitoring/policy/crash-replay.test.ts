import { describe, expect, it } from 'vitest';
import { calculateBenchmarkBasket } from '../../../engine/index.ts';
import { hourly2025Frame } from '../../../engine/benchmark/testing/hourly-2025-slice.ts';
import type { DeploymentMarks } from './deployment-marks.ts';
import { evaluateMonitoringRules, type MonitoringActionDecision } from './evaluate-monitoring-rules.ts';
import { defaultMonitoringPolicy } from './monitoring-policy.ts';
import { initialMonitoringState } from './monitoring-state.ts';

const hour = 3_600_000;

describe('crash replay on real bundled bars (BTC/ETH/SOL 1h, 2025-10-09 … 11)', () => {
  it('a 2× long SOL deployment: when each rule fires', () => {
    const btc = hourly2025Frame('BTC-USDT');
    const eth = hourly2025Frame('ETH-USDT');
    const sol = hourly2025Frame('SOL-USDT');
    const basket = calculateBenchmarkBasket([
      { symbol: 'BTC-USDT', weight: 0.6, frame: btc },
      { symbol: 'ETH-USDT', weight: 0.3, frame: eth },
      { symbol: 'SOL-USDT', weight: 0.1, frame: sol },
    ]);
    // 2× long SOL from the first close, rebalanced never: equity = 10 000 · (1 + 2 · (close / close₀ − 1)).
    const equity = Float64Array.from(sol.close, (close) => 10_000 * (1 + 2 * (close / sol.close[0] - 1)));
    let state = initialMonitoringState('sol-2x');
    const fired: { at: string; action: MonitoringActionDecision }[] = [];
    for (let length = 2; length <= sol.length; length++) {
      const marks: DeploymentMarks = { deploymentId: 'sol-2x', stage: 'live', barDurationMs: hour, maxBarAgeMs: 2 * hour, timestamp: sol.timestamp.subarray(0, length), equity: equity.subarray(0, length), expectedSharpe: 1, regimeBand: 'neutral', dataIntegrityEvents: 0 };
      const evaluation = evaluateMonitoringRules(marks, basket, defaultMonitoringPolicy, state, sol.timestamp[length - 1] + hour);
      state = evaluation.state;
      for (const action of evaluation.actions) fired.push({ at: new Date(sol.timestamp[length - 1]).toISOString(), action });
    }
    // What happened (measured on the bundled bars): the leveraged SOL position lags the basket by more than 200 bps
    // within hours of the start and is rolled back after 3 hourly marks; in the 2025-10-10 crash it crosses the 20 %
    // drawdown (throttle) and the 15 % underperformance (deactivate); each daily-loss episode demotes once.
    expect(fired.map((entry) => `${entry.at} ${entry.action.rule}:${entry.action.kind}`)).toEqual([
      '2025-10-09T02:00:00.000Z dailyLoss:demote',
      '2025-10-09T07:00:00.000Z dailyLoss:demote',
      '2025-10-09T09:00:00.000Z benchmarkLag:rollback',
      '2025-10-09T10:00:00.000Z drawdownVsBenchmark:rollback',
      '2025-10-09T15:00:00.000Z benchmarkLag:rollback',
      '2025-10-10T07:00:00.000Z dailyLoss:demote',
      '2025-10-10T15:00:00.000Z dailyLoss:demote',
      '2025-10-10T19:00:00.000Z drawdown:throttle',
      '2025-10-10T22:00:00.000Z underperformance:deactivate',
      '2025-10-11T01:00:00.000Z dailyLoss:demote',
      '2025-10-11T03:00:00.000Z dailyLoss:demote',
    ]);
    const rollback = fired.find((entry) => entry.action.kind === 'rollback')!;
    expect(rollback.action).toMatchObject({ rule: 'benchmarkLag', toStage: 'shadow', revalidate: true, breachKey: `sol-2x:benchmarkLag:${Date.parse('2025-10-09T07:00:00Z')}` });
    expect(rollback.action.measured).toBeCloseTo(-0.03634030789797815, 12);
    expect(fired.find((entry) => entry.action.kind === 'throttle')!.action).toMatchObject({ positionSizeFactor: 0.5, measured: expect.closeTo(-0.20239761988099414, 12) });
    // Each rule acts at most once per breach episode.
    expect(new Set(fired.map((entry) => entry.action.breachKey)).size).toBe(fired.length);
  });
});
