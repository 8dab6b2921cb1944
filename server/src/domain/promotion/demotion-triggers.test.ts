import { describe, expect, it } from 'vitest';
import { buildPromotionEvidence } from './build-promotion-evidence.ts';
import type { DeploymentStage } from './deployment-stage.ts';
import { evaluateDemotionTriggers } from './demotion-triggers.ts';
import type { PromotionEvidence } from './promotion-evidence.ts';
import { defaultPromotionPolicy as policy } from './promotion-policy.ts';
import { makeSyntheticEvidenceInput } from './testing/synthetic-deployment-records.ts';

function healthy(stage: DeploymentStage, change: (evidence: PromotionEvidence) => void = () => {}): PromotionEvidence {
  const evidence = buildPromotionEvidence(makeSyntheticEvidenceInput(1, { stage, days: 10 }), policy.measurement);
  change(evidence);
  return evidence;
}

describe('evaluateDemotionTriggers (promotion-framework §2)', () => {
  it('does nothing for a healthy deployment', () => {
    expect(evaluateDemotionTriggers(healthy('LIVE'), policy)).toMatchObject({ action: 'none', fromStage: 'LIVE', toStage: 'LIVE', reasonCode: null, triggers: [] });
  });

  it.each([
    ['daily loss breaker', (e: PromotionEvidence) => (e.performance.worstDailyReturn = -0.025), 'daily_loss_limit_breached', 'demotion.minDailyReturn', -0.02, -0.025],
    ['drawdown breaker', (e: PromotionEvidence) => (e.performance.maxDrawdown = -0.06), 'drawdown_breaker', 'demotion.minDrawdown', -0.05, -0.06],
    ['repeated concentration violations', (e: PromotionEvidence) => (e.risk.concentrationViolations = 3), 'concentration_violations', 'demotion.maxConcentrationViolations', 2, 3],
    ['warning budget', (e: PromotionEvidence) => (e.risk.warningIncidents = 4), 'warning_budget_exceeded', 'demotion.maxWarningIncidents', 3, 4],
    ['broker instability', (e: PromotionEvidence) => (e.operational.orderErrorRate = 0.06), 'broker_instability', 'demotion.maxOrderErrorRate', 0.05, 0.06],
    ['execution not ready', (e: PromotionEvidence) => (e.operational.longestDegradedMs = 16 * 60_000), 'execution_not_ready', 'demotion.maxDegradedMs', 15 * 60_000, 16 * 60_000],
  ])('demotes LIVE to SHADOW on %s, naming rule, threshold and measured value', (_, change, reasonCode, rule, threshold, measured) => {
    const decision = evaluateDemotionTriggers(healthy('LIVE', change), policy);
    expect(decision).toMatchObject({ action: 'demote', fromStage: 'LIVE', toStage: 'SHADOW', freeze: false, reasonCode, policyVersion: '2026.12.1' });
    expect(decision.triggers).toEqual([expect.objectContaining({ reasonCode, rule, threshold, measured, toStage: 'SHADOW' })]);
  });

  it('a critical incident demotes to SHADOW and freezes promotions', () => {
    expect(evaluateDemotionTriggers(healthy('PAPER', (e) => (e.risk.criticalIncidents = 1)), policy)).toMatchObject({ action: 'demote', toStage: 'SHADOW', freeze: true, reasonCode: 'critical_breaker' });
  });

  it('data integrity demotes to OBSERVE and freezes, and wins over a risk breach', () => {
    const decision = evaluateDemotionTriggers(
      healthy('PAPER', (e) => {
        e.performance.worstDailyReturn = -0.03;
        e.operational.dataIntegrityEventsByKind.stale_data = 1;
      }),
      policy,
    );
    expect(decision).toMatchObject({ action: 'demote', fromStage: 'PAPER', toStage: 'OBSERVE', freeze: true, reasonCode: 'data_integrity' });
    expect(decision.triggers.map((trigger) => trigger.rule)).toEqual(['demotion.maxDataIntegrityEvents.stale_data', 'demotion.minDailyReturn']);
  });

  it('allows repeated schema drift up to its allowance', () => {
    expect(evaluateDemotionTriggers(healthy('SHADOW', (e) => (e.operational.dataIntegrityEventsByKind.schema_drift = 2)), policy).action).toBe('none');
    expect(evaluateDemotionTriggers(healthy('SHADOW', (e) => (e.operational.dataIntegrityEventsByKind.schema_drift = 3)), policy)).toMatchObject({ action: 'demote', toStage: 'OBSERVE' });
  });

  it('never moves up: a risk breach at SHADOW does not demote, a critical one freezes in place', () => {
    expect(evaluateDemotionTriggers(healthy('SHADOW', (e) => (e.performance.maxDrawdown = -0.2)), policy)).toMatchObject({ action: 'none', toStage: 'SHADOW' });
    expect(evaluateDemotionTriggers(healthy('SHADOW', (e) => (e.risk.criticalIncidents = 2)), policy)).toMatchObject({ action: 'freeze', toStage: 'SHADOW', freeze: true, reasonCode: 'critical_breaker' });
    const alreadyFrozen = healthy('SHADOW', (e) => {
      e.risk.criticalIncidents = 2;
      e.frozen = true;
    });
    expect(evaluateDemotionTriggers(alreadyFrozen, policy).action).toBe('none');
    expect(evaluateDemotionTriggers(healthy('OBSERVE', (e) => (e.operational.dataIntegrityEventsByKind.clock_skew = 1)), policy)).toMatchObject({ action: 'freeze', toStage: 'OBSERVE', reasonCode: 'data_integrity' });
  });

  it('broker and health triggers only apply to PAPER and LIVE, the error rate only with enough orders', () => {
    expect(evaluateDemotionTriggers(healthy('SHADOW', (e) => (e.operational.longestDegradedMs = 3_600_000)), policy).triggers).toEqual([]);
    const fewOrders = healthy('PAPER', (e) => {
      e.operational.orderErrorRate = 0.5;
      e.activity.ordersSubmitted = 19;
    });
    expect(evaluateDemotionTriggers(fewOrders, policy).action).toBe('none');
  });

  it('without a valid policy, demotes to OBSERVE (fail closed)', () => {
    expect(evaluateDemotionTriggers(healthy('PAPER'), null)).toMatchObject({ action: 'demote', toStage: 'OBSERVE', reasonCode: 'policy_missing', policyVersion: null });
    expect(evaluateDemotionTriggers(healthy('OBSERVE'), null).action).toBe('none');
  });
});
