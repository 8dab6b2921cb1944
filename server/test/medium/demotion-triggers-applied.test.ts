import { describe, expect, it } from 'vitest';
import { DeploymentEvent } from '../../src/domain/deployment/deployment-event.entity.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { arrangeOrder } from '../support/deployment-orders.ts';
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
    // Production and risk are told (FR-032), with the deciding trigger's rule and measured value.
    const told = await query<{ audience: string; severity: string; subject_id: string; message: string; details: { reasonCode: string; rule: string; measured: number } }>(
      `select audience, severity, subject_id, message, details from notification where kind = 'deployment.demoted' order by audience`,
    );
    expect(told.map((row) => [row.audience, row.severity, row.subject_id, row.details.reasonCode, row.details.rule])).toEqual([
      ['production', 'warning', breached!.deploymentId, 'drawdown_breaker', 'demotion.minDrawdown'],
      ['risk', 'warning', breached!.deploymentId, 'drawdown_breaker', 'demotion.minDrawdown'],
    ]);
    expect(told[0]!.message).toMatch(/^Demoted LIVE → SHADOW: deployment .* by the demotion trigger drawdown_breaker: Drawdown: -0\.08/);
    // Leaving LIVE does not close the exchange position: the message says so.
    expect(told[0]!.message).toContain('its holdings and open orders at binanceus are not closed by the demotion: close them at the exchange.');

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

  it('DEGRADED for 20 minutes while LIVE (the limit is 15) goes to SHADOW (execution not ready), 10 minutes and a stretch that ended stay; an order whose venue call failed is read as a venue error', async () => {
    await activatePolicy(harness.orm.em.fork(), policy);
    const [long, short, ended, erring] = await arrangeMarkedLadderDeployments(harness, [
      { stage: 'live', dailyReturns: path(40, 0, 0) },
      { stage: 'live', dailyReturns: path(40, 0, 0) },
      { stage: 'live', dailyReturns: path(40, 0, 0) },
      { stage: 'live', dailyReturns: path(40, 0, 0) },
    ]);
    // 20 orders at the venue yesterday, the calls of 2 failed (10 % > the 5 % limit, with the 20 orders it needs)
    const orders = [];
    for (let index = 0; index < 20; index++) orders.push(await arrangeOrder(harness, erring!.deploymentId, 'filled', 'binanceus'));
    await query(`update deployment_order set decision_bar_at = ? where deployment_id = ?`, [new Date(Date.now() - dayMs), erring!.deploymentId]);
    const em = harness.orm.em.fork();
    const flip = (deploymentId: string, kind: 'health_degraded' | 'health_restored', minutesAgo: number) =>
      em.create(DeploymentEvent, { deployment: em.getReference(Deployment, deploymentId), occurredAt: new Date(Date.now() - minutesAgo * 60_000), barAt: null, category: 'runtime', kind, message: kind });
    flip(long!.deploymentId, 'health_degraded', 20);
    flip(short!.deploymentId, 'health_degraded', 10);
    flip(ended!.deploymentId, 'health_degraded', 60);
    flip(ended!.deploymentId, 'health_restored', 50);
    for (const order of orders.slice(0, 2)) {
      em.create(DeploymentEvent, { deployment: em.getReference(Deployment, erring!.deploymentId), occurredAt: new Date(Date.now() - dayMs), barAt: null, category: 'connector', kind: 'connector_unavailable', message: 'binanceus: HTTP 503', order: order.id });
    }
    await em.flush();

    const run = await harness.services().stageControl.applyDemotionTriggers();
    expect(run.acted).toEqual([
      expect.objectContaining({ deploymentId: long!.deploymentId, from: 'live', to: 'shadow', reasonCode: 'execution_not_ready' }),
      expect.objectContaining({ deploymentId: erring!.deploymentId, from: 'live', to: 'shadow', reasonCode: 'broker_instability' }),
    ]);
    const [brokerTrigger] = (await records(erring!.deploymentId))[0]!.metrics_snapshot.triggers;
    expect(brokerTrigger).toMatchObject({ rule: 'demotion.maxOrderErrorRate', threshold: 0.05, measured: 0.1 });
    const [record] = await records(long!.deploymentId);
    const [trigger] = record!.metrics_snapshot.triggers;
    expect(trigger).toMatchObject({ rule: 'demotion.maxDegradedMs', threshold: 15 * 60_000 });
    expect(trigger!.measured).toBeGreaterThanOrEqual(20 * 60_000);
    expect(trigger!.measured).toBeLessThan(25 * 60_000);
    for (const left of [short!, ended!]) expect(await stageOf(left.deploymentId)).toBe('live');
  });
});
