import { describe, expect, it } from 'vitest';
import { DeploymentEvent } from '../../src/domain/deployment/deployment-event.entity.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { arrangeMarkedLadderDeployments } from '../support/ladder-fixtures.ts';
import { activatePolicy } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the active policy and the portfolio are shared state).
const harness = useServiceHarness({ database: 'test' });
const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const dayMs = 86_400_000;
/** The default policy's triggers (30-day lookback, 5 % drawdown breaker, no stale feed allowed) under a version of its own. */
const policy = { ...structuredClone(defaultPromotionPolicy), version: '2026.12.1-demotion-triggers-test' };

const stageOf = async (deploymentId: string) => (await query<{ stage: string }>(`select stage from deployment where id = ?`, [deploymentId]))[0]!.stage;
const records = (deploymentId: string) =>
  query<{ decision: string; from_stage: string; to_stage: string; reason_code: string; policy_version: string; requested_by_id: string | null; metrics_snapshot: { automated: boolean; triggers: { reasonCode: string; rule: string; measured: number; threshold: number }[] } }>(
    `select decision, from_stage, to_stage, reason_code, policy_version, requested_by_id, metrics_snapshot from promotion_record where deployment_id = ? order by sequence`,
    [deploymentId],
  );

/** Rising 0.2 % a day, then `falls` days of −1.5 % (inside the −2 % daily loss breaker), then `after` flat days. */
const path = (rising: number, falls: number, after: number) => [...Array<number>(rising).fill(0.002), ...Array<number>(falls).fill(-0.015), ...Array<number>(after).fill(0)];

describe('the automatic demotion triggers (promotion-framework §2) applied to PAPER and LIVE deployments', () => {
  it('a LIVE deployment whose drawdown breaks the 5 % breaker within the lookback goes to SHADOW with a demote record naming the trigger and the measured drawdown; a healthy one, a breach older than the lookback and a held strategy are left as they are', async () => {
    await activatePolicy(harness.orm.em.fork(), policy);
    const [healthy, breached, old, held] = await arrangeMarkedLadderDeployments(harness, [
      { stage: 'live', dailyReturns: path(40, 0, 0) },
      // the last 30 marks hold six falls of 1.5 %: drawdown 1 − 0.985⁶ ≈ 8.7 %
      { stage: 'live', dailyReturns: path(30, 6, 4) },
      // the same six falls, but 40–35 days ago: outside the 30-day lookback (35 flat days since)
      { stage: 'live', dailyReturns: path(10, 6, 35) },
      { stage: 'paper', dailyReturns: path(30, 6, 4) },
    ]);
    await (await harness.servicesAs('cora@compliance.test', ['compliance'], { stepUp: true })).stageControl.setRegulatoryHold({ strategyId: held!.strategyId, reason: 'regulator inquiry' });

    const run = await harness.services().stageControl.applyDemotionTriggers();

    expect(run).toMatchObject({ policyVersion: policy.version, unavailable: null, evaluated: 4 });
    expect(run.acted).toEqual([expect.objectContaining({ deploymentId: breached!.deploymentId, action: 'demote', from: 'live', to: 'shadow', reasonCode: 'drawdown_breaker', freeze: false })]);
    expect(run.skipped).toEqual([{ deploymentId: held!.deploymentId, reason: expect.stringMatching(/^demotion\.regulatoryHold: /) }]);
    expect(await stageOf(breached!.deploymentId)).toBe('shadow');
    for (const unmoved of [healthy!, old!]) expect(await stageOf(unmoved.deploymentId)).toBe('live');
    expect(await stageOf(held!.deploymentId)).toBe('paper');

    const [record] = await records(breached!.deploymentId);
    expect(record).toMatchObject({ decision: 'demote', from_stage: 'live', to_stage: 'shadow', reason_code: 'drawdown_breaker', policy_version: policy.version, requested_by_id: null });
    expect(record!.metrics_snapshot.automated).toBe(true);
    const [trigger] = record!.metrics_snapshot.triggers;
    expect(trigger).toMatchObject({ reasonCode: 'drawdown_breaker', rule: 'demotion.minDrawdown', threshold: -0.05 });
    expect(trigger!.measured).toBeCloseTo(0.985 ** 6 - 1, 12);
    for (const unmoved of [healthy!, old!, held!]) expect(await records(unmoved.deploymentId)).toEqual([]);
    const audit = await query<{ subject_id: string; details: { reasonCode: string; automated: boolean } }>(`select subject_id, details from audit_event where action = 'promotion.demoted'`);
    expect(audit).toEqual([{ subject_id: breached!.deploymentId, details: expect.objectContaining({ reasonCode: 'drawdown_breaker', automated: true }) }]);

    // Applied again: the demoted deployment is no longer PAPER or LIVE, the others read the same; nothing more is done.
    const again = await harness.services().stageControl.applyDemotionTriggers();
    expect(again).toMatchObject({ evaluated: 3, acted: [] });
    expect(await records(breached!.deploymentId)).toHaveLength(1);
  });

  it('a stale feed while PAPER (allowance 0) sends it to OBSERVE and freezes its strategy’s promotions; without a valid promotion policy every PAPER and LIVE deployment goes to OBSERVE (fail closed)', async () => {
    await activatePolicy(harness.orm.em.fork(), policy);
    const [stale, live] = await arrangeMarkedLadderDeployments(harness, [
      { stage: 'paper', dailyReturns: path(40, 0, 0) },
      { stage: 'live', dailyReturns: path(40, 0, 0) },
    ]);
    const em = harness.orm.em.fork();
    em.create(DeploymentEvent, {
      deployment: em.getReference(Deployment, stale!.deploymentId),
      occurredAt: new Date(Date.now() - 2 * dayMs),
      barAt: null,
      category: 'data_integrity',
      kind: 'stale_feed',
      message: 'no bar for 3 h',
    });
    await em.flush();

    const run = await harness.services().stageControl.applyDemotionTriggers();
    expect(run.acted).toEqual([expect.objectContaining({ deploymentId: stale!.deploymentId, from: 'paper', to: 'observe', reasonCode: 'data_integrity', freeze: true })]);
    expect(await records(stale!.deploymentId)).toEqual([expect.objectContaining({ decision: 'freeze', from_stage: 'paper', to_stage: 'observe', reason_code: 'data_integrity' })]);
    const [strategy] = await query<{ promotions_frozen_at: Date | null }>(`select promotions_frozen_at from strategy where id = ?`, [stale!.strategyId]);
    expect(strategy!.promotions_frozen_at).not.toBeNull();
    expect(await stageOf(live!.deploymentId)).toBe('live');

    await query(`update promotion_policy set active = false`);
    const unpoliced = await harness.services().stageControl.applyDemotionTriggers();
    expect(unpoliced.policyVersion).toBeNull();
    expect(unpoliced.unavailable).toMatch(/^promotion\.policyUnavailable: /);
    expect(unpoliced.acted).toEqual([expect.objectContaining({ deploymentId: live!.deploymentId, from: 'live', to: 'observe', reasonCode: 'policy_missing' })]);
    expect(await records(live!.deploymentId)).toEqual([expect.objectContaining({ decision: 'demote', to_stage: 'observe', reason_code: 'policy_missing', policy_version: 'none' })]);
  });
});
