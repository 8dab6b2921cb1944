import { describe, expect, it } from 'vitest';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { findOrCreateParameterConfig } from '../../src/services/strategy/parameter-config.repository.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { runnerFor } from '../support/deployment-runner-harness.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: triggers, cycles and incidents are shared state.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

/** Runs the runner one bar per job and the monitor after each job, as the worker does (bar job → monitoring job). */
async function replayWithMonitor(deploymentId: string, maxBars = 400) {
  for (let bar = 0; bar < maxBars; bar++) {
    const outcome = await runnerFor(harness, systemClock, { deploymentBatchBars: 1 }).processBars(deploymentId);
    await harness.services().monitoring.evaluate(deploymentId);
    if (outcome.nextBarMs === null) return;
  }
  throw new Error('the replay did not end');
}

/** Runs the replay to its end (as fast as possible), then one monitoring evaluation of the newest mark. */
async function replayThenEvaluate(deploymentId: string) {
  for (let job = 0; job < 1_000; job++) if ((await harness.services().deploymentRunner.processBars(deploymentId)).nextBarMs === null) break;
  return harness.services().monitoring.evaluate(deploymentId);
}

interface IncidentRow {
  id: string;
  breach_key: string;
  incident_type: string;
  severity: string;
  summary: string;
  auto_actions: Record<string, unknown>;
  trigger_event_id: string | null;
  follow_up_cycle_id: string | null;
}
const incidentsOf = (deploymentId: string, rule: string) => rows<IncidentRow>(`select * from monitoring_incident where deployment_id = ? and auto_actions->>'rule' = ? order by detected_at`, [deploymentId, rule]);

describe('regime band and expected Sharpe reach the monitoring evaluation (real BTC-USDT 1d bars)', () => {
  it('regime change: BTC enters the turbulent band on 2020-03-12 (COVID crash); sustained 3 marks → re-rank of every strategy deployed on BTC/USDT 1d, with regime backtests', async () => {
    const window = { replayStartAt: new Date('2020-02-24T00:00:00Z'), replayEndAt: new Date('2020-03-20T00:00:00Z') };
    const { deployment, strategy } = await arrangeShadowDeployment(harness, window);
    // A second strategy deployed on the same instrument and bar length (EMA crossover, its approved version).
    const em = harness.orm.em.fork();
    const ema = await em.findOneOrFail(Strategy, { code: builtInStrategyCode('ema_crossover') });
    const emaVersion = await em.findOneOrFail(StrategyVersion, { id: (await harness.services().strategies.latestApprovedVersion(ema.id))!.id });
    const emaConfig = await findOrCreateParameterConfig(em, emaVersion, {}, 'research');
    await em.flush();
    await arrangeShadowDeployment(harness, { ...window, strategy: ema.id, strategyVersion: emaVersion.id, parameterConfig: emaConfig.id });

    await replayWithMonitor(deployment.id);

    const [reRank, ...others] = await incidentsOf(deployment.id, 'regimeChange');
    expect(others).toEqual([]);
    // Neutral since 2020-02-23, turbulent from the 2020-03-12 bar (engine regimes over the dataset); acted on the third turbulent mark.
    expect(reRank.breach_key).toBe(`${deployment.id}:regimeChange:${Date.parse('2020-03-12T00:00:00Z')}`);
    expect(reRank).toMatchObject({ incident_type: 'regime_shift', severity: 'warning' });
    expect(reRank.summary).toContain('Regime band neutral → turbulent');
    const reRankActions = reRank.auto_actions as { kind: string; regimeBand: string; reRank: { strategyIds: string[]; triggerEventId: string; cycleId: string; regimeBacktests: number } };
    expect(reRankActions).toMatchObject({ kind: 're_rank', regimeBand: 'turbulent' });
    expect([...reRankActions.reRank.strategyIds].sort()).toEqual([strategy.id, ema.id].sort());
    expect(reRankActions.reRank.regimeBacktests).toBe(2);
    // The trigger: regime_change, linked to the incident, one evaluation cycle over both strategies, two turbulent-band backtests.
    const [trigger] = await rows<{ type: string; subject_type: string; subject_id: string; outcome: string }>(`select type, subject_type, subject_id, outcome from trigger_event where id = ?`, [reRank.trigger_event_id]);
    expect(trigger).toEqual({ type: 'regime_change', subject_type: 'MonitoringIncident', subject_id: reRank.id, outcome: 'enqueued' });
    expect(reRank.follow_up_cycle_id).toBe(reRankActions.reRank.cycleId);
    const runs = await rows<{ regime_band: string; trigger_type: string; market_data_set_id: string }>(
      `select r.regime_band, r.trigger_type, r.market_data_set_id from trigger_link l join backtest_run r on r.id = l.target_id::uuid where l.trigger_event_id = ? and l.target_type = 'backtest_run'`,
      [reRank.trigger_event_id],
    );
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run).toEqual({ regime_band: 'turbulent', trigger_type: 'regime_change', market_data_set_id: deployment.replayDataset!.id });
    // The regime is known on every mark: the rule is no longer "unknown" (it no longer blocks promotion on its own).
    const [state] = await rows<{ results: { rule: string; status: string }[] }>(`select results from deployment_monitoring_state where deployment_id = ?`, [deployment.id]);
    expect(state.results.find((result) => result.rule === 'regimeChange')!.status).toBe('pass');
    // The stage is untouched: a re-rank moves nothing.
    const [after] = await rows<{ stage: string }>(`select stage from deployment where id = ?`, [deployment.id]);
    expect(after.stage).toBe('shadow');
  }, 240_000);

  it('drift: the deployed configuration’s backtest Sharpe is the expectation; 2022 H1 live Sharpe below half of it after 90 days → drift alert + re-backtest, while 2020 Q4 keeps up', async () => {
    // The evidence: a backtest of the configuration then deployed (SMA 10/30, the approved version) over the whole bundled BTC-USDT 1d history.
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const queued = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 10, slowPeriod: 30 } });
    const backtest = await harness.services().backtests.execute(queued.id);
    const deployed = { parameterConfig: backtest.parameterConfig.id };
    const { deployment } = await arrangeShadowDeployment(harness, { ...deployed, replayStartAt: new Date('2022-01-01T00:00:00Z'), replayEndAt: new Date('2022-06-30T00:00:00Z') });
    const expected = Number(backtest.metrics!.sharpe);
    expect(expected).toBeGreaterThan(0);

    const outcome = await replayThenEvaluate(deployment.id);
    const drift = outcome.last!.results.find((result) => result.rule === 'drift')!;
    expect(drift.status).toBe('breach');
    expect(drift.measured!).toBeLessThan(0.5);
    expect(drift.message).toContain(`expected ${Math.round(expected * 10_000) / 10_000}`);
    const [alert, ...more] = await incidentsOf(deployment.id, 'drift');
    expect(more).toEqual([]);
    expect(alert.auto_actions).toMatchObject({ kind: 'drift_alert', rule: 'drift' });
    // The re-backtest: a monitoring_incident trigger at remediation priority, linked to the incident, with its cycle.
    expect(alert.trigger_event_id).not.toBeNull();
    expect(alert.follow_up_cycle_id).not.toBeNull();
    const [trigger] = await rows<{ type: string; subject_id: string; details: { breachKey: string } }>(`select type, subject_id, details from trigger_event where id = ?`, [alert.trigger_event_id]);
    expect(trigger).toMatchObject({ type: 'monitoring_incident', subject_id: alert.id, details: { breachKey: alert.breach_key } });
    // …whose cycle re-backtests the strategy: queued, with its run_evaluation_cycle job waiting at remediation priority
    // (0, ahead of validation and research; the dataset import's own cycle waits at validation) and the cycle scoped to
    // the drifting strategy.
    const [cycle] = await rows<{ status: string; strategy_ids: string[] }>(`select status, strategy_ids from evaluation_cycle where id = ?`, [alert.follow_up_cycle_id]);
    expect(cycle).toEqual({ status: 'queued', strategy_ids: [deployment.strategy.id] });
    const jobs = await rows<{ priority: number; cycle_id: string }>(
      `select j.priority, j.payload->>'cycleId' as cycle_id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'run_evaluation_cycle'`,
    );
    expect(jobs.filter((job) => job.cycle_id === alert.follow_up_cycle_id)).toEqual([{ priority: 0, cycle_id: alert.follow_up_cycle_id }]);

    // …and re-runs the DEPLOYED configuration over the deployment's live window (the reconciliation), queued with the
    // alert and recorded on the incident when its job runs: live and backtest compared for the same period.
    expect(alert.auto_actions).toMatchObject({ reconciliation: 'queued' });
    const reconcileJobs = await rows<{ incident_id: string; priority: number }>(
      `select j.payload->>'incidentId' as incident_id, j.priority from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'reconcile_monitoring_incident'`,
    );
    expect(reconcileJobs).toEqual([{ incident_id: alert.id, priority: 0 }]);
    await harness.services().reconciliation.recordForIncident(alert.id);
    const [{ reconciliation }] = await rows<{ reconciliation: Record<string, unknown> }>(`select reconciliation from monitoring_incident where id = ?`, [alert.id]);
    const [marks] = await rows<{ count: number; first: string; last: string }>(`select count(*)::int as count, min(bar_at) as first, max(bar_at) as last from pnl_snapshot where deployment_id = ?`, [deployment.id]);
    expect(reconciliation).toMatchObject({ windowStart: new Date(marks.first).toISOString(), windowEnd: new Date(marks.last).toISOString(), alignedMarks: marks.count, startEquity: 10_000 });
    expect(reconciliation.windowStart).toBe('2022-01-01T00:00:00.000Z');
    // A replay of the same bars with the same fill model: the re-run backtest tracks the live record (parity).
    expect(reconciliation.trackingError).toBeCloseTo(0, 9);
    expect(reconciliation.finalEquityDifference).toBeCloseTo(0, 6);
    expect(reconciliation.counts).toMatchObject({ missing: 0, extra: 0 });

    // The same configuration deployed over 2020-10-01 … 2021-01-31 (a trending market): live Sharpe at least half the expectation.
    const { deployment: trending } = await arrangeShadowDeployment(harness, { ...deployed, replayStartAt: new Date('2020-10-01T00:00:00Z'), replayEndAt: new Date('2021-01-31T00:00:00Z') });
    const kept = (await replayThenEvaluate(trending.id)).last!.results.find((result) => result.rule === 'drift')!;
    expect(kept.status).toBe('pass');
    expect(kept.measured!).toBeGreaterThanOrEqual(0.5);
    expect(await incidentsOf(trending.id, 'drift')).toEqual([]);
  }, 240_000);
});
