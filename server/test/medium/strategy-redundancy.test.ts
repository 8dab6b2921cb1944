import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: the redundancy state and the incidents are shared state.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

/** Runs the replay to its end, as fast as possible. */
async function replay(deploymentId: string) {
  for (let job = 0; job < 1_000; job++) if ((await harness.services().deploymentRunner.processBars(deploymentId)).nextBarMs === null) return;
}

describe('redundancy between live strategies at run time (correlation > 0.8 → flag, suggest deactivating the lower-ranked)', () => {
  it('SMA and EMA crossovers both at PAPER on BTC-USDT 1d through the late-2020 trend move together: one warning incident on the lower-ranked (SMA), once; a SHADOW deployment is not compared', async () => {
    const window = { replayStartAt: new Date('2020-10-01T00:00:00Z'), replayEndAt: new Date('2020-12-31T00:00:00Z') };
    const paper = { stage: 'paper' as const, effectiveStage: 'paper' as const, venue: 'paper' as const, capitalAllocation: 1 };
    const sma = await arrangeShadowDeployment(harness, { ...window, ...paper }, { parameters: { fastPeriod: 10, slowPeriod: 30 } });
    const ema = await arrangeShadowDeployment(harness, { ...window, ...paper }, { template: 'ema_crossover', parameters: { fastPeriod: 10, slowPeriod: 30 } });
    const shadow = await arrangeShadowDeployment(harness, window, { parameters: { fastPeriod: 10, slowPeriod: 30 } });
    // EMA ranks first on the scorecard, SMA second: SMA is the lower-ranked.
    const em = harness.orm.em.fork();
    await scoreToday(em, ema.strategy, ema.version, 1);
    await scoreToday(em, sma.strategy, sma.version, 2);
    for (const arranged of [sma, ema, shadow]) await replay(arranged.deployment.id);

    const first = await harness.services().strategyRedundancy.evaluate();
    expect(first).toMatchObject({ skipped: null, policyVersion: '2026.12.2', deployments: 2 });
    expect(first.pairs).toHaveLength(1);
    const [pair] = first.pairs;
    expect(pair).toMatchObject({ status: 'breach', suggestDeactivating: sma.deployment.id });
    expect(pair!.correlation!).toBeGreaterThan(0.8);
    expect(pair!.overlapDays).toBeGreaterThanOrEqual(20);
    expect(first.incidents).toHaveLength(1);
    const [flag] = await rows<{ id: string; deployment_id: string; severity: string; auto_actions: { kind: string; rule: string }; summary: string; breach_key: string; promotion_record_id: string | null }>(
      `select * from monitoring_incident where auto_actions->>'rule' = 'correlation'`,
    );
    expect(flag).toMatchObject({ deployment_id: sma.deployment.id, severity: 'warning', auto_actions: { kind: 'redundancy_flag', rule: 'correlation' }, breach_key: pair!.breachKey, promotion_record_id: null });
    expect(flag!.summary).toContain(`suggest deactivating the lower-ranked ${sma.deployment.id} (rank 2)`);
    // Notified (research, production, risk) and audited; nothing deactivated by the platform.
    const notified = await rows<{ audience: string }>(`select audience from notification where subject_id = ? order by audience`, [flag!.id]);
    expect(notified.map((row) => row.audience)).toEqual(['production', 'research', 'risk']);
    expect(await rows(`select sequence from audit_event where action = 'monitoring.breach_acted' and subject_id = ?`, [flag!.id])).toHaveLength(1);
    const after = await rows<{ id: string; stage: string; capital_allocation: number; trading_state: string }>(`select id, stage, capital_allocation, trading_state from deployment where id in (?, ?) order by id`, [sma.deployment.id, ema.deployment.id]);
    for (const deployment of after) expect(deployment).toMatchObject({ stage: 'paper', capital_allocation: 1, trading_state: 'active' });

    // Evaluated again (the next hour's job, or a retried one): the same episode acts no more.
    const again = await harness.services().strategyRedundancy.evaluate();
    expect(again.pairs[0]).toMatchObject({ status: 'breach', breachKey: pair!.breachKey });
    expect(again.incidents).toEqual([]);
    expect(await rows(`select id from monitoring_incident where auto_actions->>'rule' = 'correlation'`)).toHaveLength(1);
  }, 240_000);

  it('is the platform’s: a person is refused', async () => {
    const risk = await harness.servicesAs('rita@risk.test', ['risk']);
    await expect(risk.strategyRedundancy.evaluate()).rejects.toThrow(/manage MonitoringIncident|may not/i);
  });
});
