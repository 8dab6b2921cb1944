import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the strategy's promotion chain and the audit trail are shared state).
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const production = (stepUp = true) => harness.servicesAs('pat@production.test', ['production'], { stepUp });
const risk = (stepUp = true) => harness.servicesAs('rita@risk.test', ['risk'], { stepUp });
const compliance = (stepUp = true) => harness.servicesAs('cora@compliance.test', ['compliance'], { stepUp });
const research = () => harness.servicesAs('rae@research.test', ['research'], { stepUp: true });

async function rejection(promise: Promise<unknown>): Promise<Error & { reason?: string; field?: string }> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

async function state(deploymentId: string) {
  const [row] = await query<{ stage: string; records: number; frozen: boolean; held: boolean }>(
    `select d.stage, (select count(*)::int from promotion_record where deployment_id = d.id or strategy_id = d.strategy_id) as records,
            s.promotions_frozen_at is not null as frozen, s.regulatory_hold_at is not null as held
       from deployment d join strategy s on s.id = d.strategy_id where d.id = ?`,
    [deploymentId],
  );
  return row;
}

describe('demotion, freeze, unfreeze and regulatory hold', () => {
  it('risk demotes a PAPER deployment to SHADOW: stage, chained DEMOTE record, audit event in one transaction; a demotion upwards is refused', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper' });
    const services = await risk();
    const result = await services.stageControl.demote({ deploymentId: deployment.id, toStage: 'shadow', reason: 'daily loss beyond the desk limit' });
    expect(result).toMatchObject({ from: 'paper', to: 'shadow' });
    expect(result.record).toMatchObject({ sequence: 1, decision: 'demote', fromStage: 'paper', toStage: 'shadow', reasonCode: 'manual_demotion', promotionRequestId: null });
    expect(result.record.approvers).toEqual([expect.objectContaining({ step: 'demote', role: 'risk' })]);
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).stage).toBe('shadow');
    const [audit] = await query<{ action: string; details: { stage: { from: string; to: string }; recordId: string } }>(`select action, details from audit_event where action = 'promotion.demoted'`);
    expect(audit).toMatchObject({ details: { stage: { from: 'paper', to: 'shadow' }, recordId: result.record.id } });
    // Production and risk are told who did it and why (FR-032).
    const told = await query<{ audience: string; message: string; details: { reasonCode: string; recordId: string } }>(`select audience, message, details from notification where kind = 'deployment.demoted' order by audience`);
    expect(told.map((row) => [row.audience, row.details.reasonCode, row.details.recordId])).toEqual([
      ['production', 'manual_demotion', result.record.id],
      ['risk', 'manual_demotion', result.record.id],
    ]);
    expect(told[0]!.message).toMatch(/^Demoted PAPER → SHADOW: deployment .* by .*: daily loss beyond the desk limit\.$/);
    expect(await services.promotionRequests.verifyChains(strategy.id)).toEqual([{ strategyId: strategy.id, records: 1, intact: true, brokenSequence: null, reason: null }]);
    expect(await rejection(services.stageControl.demote({ deploymentId: deployment.id, toStage: 'paper', reason: 'back up' }))).toMatchObject({ message: expect.stringMatching(/^demotion\.notSafer: /) });
    expect(await rejection(services.stageControl.demote({ deploymentId: deployment.id, toStage: 'sideways', reason: 'nonsense' }))).toMatchObject({ field: 'toStage' });
    expect(await rejection(services.stageControl.demote({ deploymentId: deployment.id, toStage: 'observe', reason: '' }))).toMatchObject({ field: 'reason' });
    expect(await state(deployment.id)).toMatchObject({ stage: 'shadow', records: 1 });
  });

  it('the evidence of a demoted deployment leaves out the demotion’s own incident (detected at the stage entry) and counts one opened after it', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper' });
    const { demoteDeploymentIn } = await import('../../src/services/promotion/stage-demotion.ts');
    const { stageFacts } = await import('../../src/services/promotion/deployment-gate.ts');
    const { loadDeploymentEvidence } = await import('../../src/services/promotion/deployment-evidence.ts');
    const { PromotionRecord } = await import('../../src/domain/promotion/promotion-record.entity.ts');
    const platform = await risk();
    const demotedAt = new Date(Date.UTC(2026, 11, 1, 12));
    const incidentAt = async (detectedAt: Date, summary: string, record: unknown = null) => {
      const em = harness.orm.em.fork();
      em.create(MonitoringIncident, { deployment: deployment.id, strategy: strategy.id, incidentType: 'risk_threshold', detectedAt, severity: 'critical', status: 'open', summary, context: {}, openedBy: null, autoActions: {}, promotionRecord: record as never, breachKey: null });
      await em.flush();
    };
    // The monitor's demotion: the stage change and its incident at the same instant (monitoring-actions).
    const { record } = await harness.orm.em.fork().transactional((em) =>
      demoteDeploymentIn(em, platform.governance.audit, deployment.id, 'shadow', { reasonCode: 'daily_loss', reason: 'daily loss −2.4 %', policyVersion: 'test', now: demotedAt, actor: { userId: null, role: null }, automated: true }),
    );
    await incidentAt(demotedAt, 'daily loss −2.4 % (the demotion)', record!.id);
    const evidenceIncidents = async () => {
      const em = harness.orm.em.fork();
      const current = await em.findOneOrFail(Deployment, { id: deployment.id }, { populate: ['strategy'] });
      const facts = stageFacts(current, await em.find(PromotionRecord, { strategy: strategy.id }, { orderBy: { sequence: 'desc' } }));
      expect(facts.stageEnteredAt.getTime()).toBe(demotedAt.getTime());
      const { input } = await loadDeploymentEvidence(em, current, { ...facts, wallNowMs: demotedAt.getTime() + 86_400_000, scorecard: null, concentration: { capitalAllocation: null, portfolioSameAssetConcentration: 0 } });
      // The demotion is the re-entry cool-down's protective exit (PromotionPolicy.reentryCooldown).
      expect(input.protectiveExitsMs).toEqual([demotedAt.getTime()]);
      return input.incidents.length;
    };
    expect(await evidenceIncidents()).toBe(0);
    await incidentAt(new Date(demotedAt.getTime() + 1_000), 'drawdown in SHADOW, after the demotion');
    expect(await evidenceIncidents()).toBe(1);
  });

  it('without a fresh step-up, or as research, nothing is demoted', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper' });
    expect(await rejection((await production(false)).stageControl.demote({ deploymentId: deployment.id, toStage: 'shadow', reason: 'no second factor' }))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    expect(await rejection((await research()).stageControl.freeze({ deploymentId: deployment.id, reason: 'research may not' }))).toMatchObject({ reason: 'ROLE' });
    expect(await rejection((await compliance()).stageControl.demote({ deploymentId: deployment.id, toStage: 'shadow', reason: 'compliance holds, not demotes' }))).toMatchObject({ reason: 'ROLE' });
    expect(await state(deployment.id)).toMatchObject({ stage: 'paper', records: 0, frozen: false });
  });

  it('a freeze sends the deployment to OBSERVE and blocks promotion requests until production unfreezes with a new approval; nothing re-promotes itself', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(harness);
    const frozen = await (await risk()).stageControl.freeze({ deploymentId: deployment.id, reason: 'stale feed for 3 bars' });
    expect(frozen).toMatchObject({ from: 'shadow', to: 'observe' });
    expect(frozen.record).toMatchObject({ decision: 'freeze', fromStage: 'shadow', toStage: 'observe' });
    expect(await state(deployment.id)).toMatchObject({ stage: 'observe', frozen: true });
    expect(await rejection((await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'try while frozen' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.strategyHeld: /) });
    // The unfreeze is a new approval by a person who approves deployments (approve:Deployment), with a step-up.
    expect(await rejection((await research()).stageControl.unfreeze({ strategyId: strategy.id, reason: 'feed is back' }))).toMatchObject({ reason: 'ROLE' });
    expect(await rejection((await production(false)).stageControl.unfreeze({ strategyId: strategy.id, reason: 'feed is back' }))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    const unfrozen = await (await production()).stageControl.unfreeze({ strategyId: strategy.id, reason: 'feed is back and checked' });
    expect(unfrozen.record).toMatchObject({ sequence: 2, decision: 'unfreeze', fromStage: 'observe', toStage: 'observe' });
    expect(unfrozen.record.approvers).toEqual([expect.objectContaining({ step: 'unfreeze', role: 'production' })]);
    // The stage stayed OBSERVE: going back up is a new promotion request through the gates.
    expect(await state(deployment.id)).toMatchObject({ stage: 'observe', frozen: false, records: 2 });
    expect(await rejection((await production()).stageControl.unfreeze({ strategyId: strategy.id, reason: 'again' }))).toMatchObject({ message: expect.stringMatching(/^freeze\.notFrozen: /) });
    expect((await (await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'evidence gathered again' })).request.status).toBe('pending');
  });

  it('compliance’s regulatory hold stops automated demotion and promotion requests, keeps the evidence, and only compliance clears it', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper' });
    expect(await rejection((await production()).stageControl.setRegulatoryHold({ strategyId: strategy.id, reason: 'not production’s call' }))).toMatchObject({ reason: 'ROLE' });
    const held = await (await compliance()).stageControl.setRegulatoryHold({ strategyId: strategy.id, reason: 'regulator inquiry 2026-12' });
    expect(held.regulatoryHoldReason).toBe('regulator inquiry 2026-12');
    expect(await rejection((await compliance()).stageControl.setRegulatoryHold({ strategyId: strategy.id, reason: 'twice' }))).toMatchObject({ message: expect.stringMatching(/^hold\.alreadyHeld: /) });
    // The platform's automated demotion is refused while held; a person's is not.
    const { demoteDeploymentIn } = await import('../../src/services/promotion/stage-demotion.ts');
    const platform = await harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });
    const automated = harness.orm.em.fork().transactional((em) =>
      demoteDeploymentIn(em, platform.governance.audit, deployment.id, 'shadow', { reasonCode: 'risk_breach', reason: 'monitor', policyVersion: 'test', now: new Date(), actor: { userId: null, role: null }, automated: true }),
    );
    expect(await rejection(automated)).toMatchObject({ message: expect.stringMatching(/^demotion\.regulatoryHold: /) });
    expect(await rejection((await production()).promotionRequests.request({ deploymentId: deployment.id, reason: 'while held' }))).toMatchObject({ message: expect.stringMatching(/^promotion\.strategyHeld: .*regulatory hold/) });
    expect(await state(deployment.id)).toMatchObject({ stage: 'paper', records: 0, held: true });
    await (await compliance()).stageControl.clearRegulatoryHold({ strategyId: strategy.id, reason: 'inquiry closed' });
    expect((await harness.orm.em.fork().findOneOrFail(Strategy, { id: strategy.id })).regulatoryHoldAt).toBeNull();
    const actions = await query<{ action: string }>(`select action from audit_event where action like 'strategy.regulatory%' order by sequence`);
    expect(actions.map((row) => row.action)).toEqual(['strategy.regulatory_hold_set', 'strategy.regulatory_hold_cleared']);
  });
});
