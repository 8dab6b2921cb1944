import { describe, expect, it } from 'vitest';
import { buildPromotionEvidence } from './build-promotion-evidence.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import { demotionRecordsRead, evaluateDemotionTriggers } from './demotion-triggers.ts';
import { evidenceRecordKinds, type PromotionEvidence } from './promotion-evidence.ts';
import { defaultPromotionPolicy as policy } from './promotion-policy.ts';
import { makeSyntheticEvidenceInput, makeSyntheticEvidenceInputWithEveryRecord } from './testing/synthetic-deployment-records.ts';

function healthy(stage: DeploymentStage, change: (evidence: PromotionEvidence) => void = () => {}): PromotionEvidence {
  const evidence = buildPromotionEvidence(makeSyntheticEvidenceInput(1, { stage, days: 10 }), policy.measurement);
  change(evidence);
  return evidence;
}

describe('evaluateDemotionTriggers (promotion-framework §2)', () => {
  it('does nothing for a healthy deployment', () => {
    expect(evaluateDemotionTriggers(healthy('live'), policy)).toMatchObject({ action: 'none', fromStage: 'live', toStage: 'live', reasonCode: null, triggers: [] });
  });

  it.each([
    ['daily loss breaker', (e: PromotionEvidence) => (e.performance.worstDailyReturn = -0.025), 'daily_loss_limit_breached', 'demotion.minDailyReturn', -0.02, -0.025],
    ['drawdown breaker', (e: PromotionEvidence) => (e.performance.maxDrawdown = -0.06), 'drawdown_breaker', 'demotion.minDrawdown', -0.05, -0.06],
    ['repeated concentration violations', (e: PromotionEvidence) => (e.risk.concentrationViolations = 3), 'concentration_violations', 'demotion.maxConcentrationViolations', 2, 3],
    ['warning budget', (e: PromotionEvidence) => (e.risk.warningIncidents = 4), 'warning_budget_exceeded', 'demotion.maxWarningIncidents', 3, 4],
    ['broker instability', (e: PromotionEvidence) => (e.operational.orderErrorRate = 0.06), 'broker_instability', 'demotion.maxOrderErrorRate', 0.05, 0.06],
    ['execution not ready', (e: PromotionEvidence) => (e.operational.longestDegradedMs = 16 * 60_000), 'execution_not_ready', 'demotion.maxDegradedMs', 15 * 60_000, 16 * 60_000],
  ])('demotes LIVE to SHADOW on %s, naming rule, threshold and measured value', (_, change, reasonCode, rule, threshold, measured) => {
    const decision = evaluateDemotionTriggers(healthy('live', change), policy);
    expect(decision).toMatchObject({ action: 'demote', fromStage: 'live', toStage: 'shadow', freeze: false, reasonCode, policyVersion: '2026.12.1' });
    expect(decision.triggers).toEqual([expect.objectContaining({ reasonCode, rule, threshold, measured, toStage: 'shadow' })]);
  });

  it('a critical incident demotes to SHADOW and freezes promotions', () => {
    expect(evaluateDemotionTriggers(healthy('paper', (e) => (e.risk.criticalIncidents = 1)), policy)).toMatchObject({ action: 'demote', toStage: 'shadow', freeze: true, reasonCode: 'critical_breaker' });
  });

  it('data integrity demotes to OBSERVE and freezes, and wins over a risk breach', () => {
    const decision = evaluateDemotionTriggers(
      healthy('paper', (e) => {
        e.performance.worstDailyReturn = -0.03;
        e.operational.dataIntegrityEventsByKind.stale_feed = 1;
      }),
      policy,
    );
    expect(decision).toMatchObject({ action: 'demote', fromStage: 'paper', toStage: 'observe', freeze: true, reasonCode: 'data_integrity' });
    expect(decision.triggers.map((trigger) => trigger.rule)).toEqual(['demotion.maxDataIntegrityEvents.stale_feed', 'demotion.minDailyReturn']);
  });

  it('allows repeated invalid bars (schema drift, missing fields) up to their allowance', () => {
    expect(evaluateDemotionTriggers(healthy('shadow', (e) => (e.operational.dataIntegrityEventsByKind.invalid_bar = 2)), policy).action).toBe('none');
    expect(evaluateDemotionTriggers(healthy('shadow', (e) => (e.operational.dataIntegrityEventsByKind.invalid_bar = 3)), policy)).toMatchObject({ action: 'demote', toStage: 'observe' });
  });

  it('never moves up: a risk breach at SHADOW does not demote, a critical one freezes in place', () => {
    expect(evaluateDemotionTriggers(healthy('shadow', (e) => (e.performance.maxDrawdown = -0.2)), policy)).toMatchObject({ action: 'none', toStage: 'shadow' });
    expect(evaluateDemotionTriggers(healthy('shadow', (e) => (e.risk.criticalIncidents = 2)), policy)).toMatchObject({ action: 'freeze', toStage: 'shadow', freeze: true, reasonCode: 'critical_breaker' });
    const alreadyFrozen = healthy('shadow', (e) => {
      e.risk.criticalIncidents = 2;
      e.frozen = true;
    });
    expect(evaluateDemotionTriggers(alreadyFrozen, policy).action).toBe('none');
    expect(evaluateDemotionTriggers(healthy('observe', (e) => (e.operational.dataIntegrityEventsByKind.clock_skew = 1)), policy)).toMatchObject({ action: 'freeze', toStage: 'observe', reasonCode: 'data_integrity' });
  });

  it('broker and health triggers only apply to PAPER and LIVE, the error rate only with enough orders', () => {
    expect(evaluateDemotionTriggers(healthy('shadow', (e) => (e.operational.longestDegradedMs = 3_600_000)), policy).triggers).toEqual([]);
    const fewOrders = healthy('paper', (e) => {
      e.operational.orderErrorRate = 0.5;
      e.activity.ordersSubmitted = 19;
    });
    expect(evaluateDemotionTriggers(fewOrders, policy).action).toBe('none');
  });

  it('without a valid policy, demotes to OBSERVE (fail closed)', () => {
    expect(evaluateDemotionTriggers(healthy('paper'), null)).toMatchObject({ action: 'demote', toStage: 'observe', reasonCode: 'policy_missing', policyVersion: null });
    expect(evaluateDemotionTriggers(healthy('observe'), null).action).toBe('none');
  });
});

describe('demotionRecordsRead', () => {
  it('the decision from only the records read (no signals, no fills) equals the decision from every record', () => {
    const lenient = { ...policy, demotion: { ...policy.demotion, minDailyReturn: -1, minDrawdown: -1, maxWarningIncidents: 100, maxDegradedMs: 86_400_000, maxDataIntegrityEvents: { stale_feed: 9, clock_skew: 9, out_of_order_bar: 9, invalid_bar: 9, feed_gap: 9 } } };
    for (const stage of ['paper', 'live', 'shadow'] as const) {
      const input = makeSyntheticEvidenceInputWithEveryRecord(2, { stage, days: 10 });
      const reduced = { ...input, ...Object.fromEntries(evidenceRecordKinds.filter((kind) => !demotionRecordsRead.has(kind)).map((kind) => [kind, []])) };
      for (const demotionPolicy of [policy, lenient]) {
        const full = evaluateDemotionTriggers(buildPromotionEvidence(input, demotionPolicy.measurement), demotionPolicy);
        expect(evaluateDemotionTriggers(buildPromotionEvidence(reduced, demotionPolicy.measurement), demotionPolicy)).toEqual(full);
        expect(full.triggers.length).toBeGreaterThan(0);
      }
    }
    expect(demotionRecordsRead.has('signals') || demotionRecordsRead.has('fills')).toBe(false);
  });
});
