import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import { failClosedStage, stageLevel } from './promotion-transitions.ts';
import { comparePasses, type GateComparator, type GateUnit } from './gate-check.ts';
import type { EvidenceRecordKind, PromotionEvidence } from './promotion-evidence.ts';
import { dataIntegrityKinds, type PromotionPolicy } from './promotion-policy.ts';

/** Reason codes of automatic demotions (recorded on the promotion record, promotion-framework §3.D `reason_code`). */
export const demotionReasonCodes = [
  'policy_missing',
  'data_integrity',
  'critical_breaker',
  'daily_loss_limit_breached',
  'drawdown_breaker',
  'concentration_violations',
  'warning_budget_exceeded',
  'broker_instability',
  'execution_not_ready',
] as const;
export type DemotionReasonCode = (typeof demotionReasonCodes)[number];

/** One trigger that fired: its rule (policy field), threshold, measured value, and where it sends the deployment. */
export interface DemotionTrigger {
  reasonCode: DemotionReasonCode;
  rule: string;
  /** The comparison the measured value broke (a trigger fires when `measured comparator threshold` is false). */
  comparator: GateComparator;
  threshold: number;
  measured: number;
  unit: GateUnit;
  /** The safer stage it demands. */
  toStage: DeploymentStage;
  /** Whether it also freezes promotions until a person unfreezes. */
  freeze: boolean;
  message: string;
}

/** What to do: nothing, demote (optionally freezing), or only freeze (already at or below the demanded stage). */
export interface DemotionDecision {
  action: 'none' | 'demote' | 'freeze';
  fromStage: DeploymentStage;
  /** The stage after the action (= fromStage unless demoting). */
  toStage: DeploymentStage;
  freeze: boolean;
  /** The reason of the most severe trigger (lowest stage, freezing first); null when none fired. */
  reasonCode: DemotionReasonCode | null;
  /** Every trigger that fired, most severe first. */
  triggers: DemotionTrigger[];
  policyVersion: string | null;
}

/**
 * The record lists whose evidence {@link evaluateDemotionTriggers} reads (order errors, P&L marks, incidents, data
 * integrity, health): signals and fills may be passed empty to `buildPromotionEvidence` without changing its decision
 * (a simulation evaluating every PAPER/LIVE deployment daily builds only these; the test locks the list).
 */
export const demotionRecordsRead: ReadonlySet<EvidenceRecordKind> = new Set(['orders', 'pnlSnapshots', 'incidents', 'dataIntegrityEvents', 'healthChanges']);

/**
 * Automatic demotion triggers (promotion-framework §2), over evidence built for the policy's `demotion.lookbackDays`
 * at the current stage. Conservative: it only ever moves down the ladder.
 * - Risk (§2.A/B) → SHADOW: worst daily return below the daily loss breaker, drawdown below the drawdown breaker,
 *   concentration episodes or warning incidents above their allowance; any critical incident → SHADOW and freeze.
 * - Data integrity (§2.C) → OBSERVE and freeze: more events of a kind than its allowance.
 * - Operational (§2.D, PAPER/LIVE only) → SHADOW: order error rate above its limit (with enough orders), or DEGRADED
 *   longer than allowed.
 * - No valid policy (§5) → OBSERVE.
 * A deployment already at or below the demanded stage is not moved; a freezing trigger still freezes it.
 */
export function evaluateDemotionTriggers(evidence: PromotionEvidence, policy: PromotionPolicy | null): DemotionDecision {
  const fromStage = evidence.stage;
  const triggers: DemotionTrigger[] = [];
  if (policy === null) {
    triggers.push({ reasonCode: 'policy_missing', rule: 'policy', comparator: '==', threshold: 1, measured: 0, unit: 'flag', toStage: failClosedStage, freeze: false, message: 'no valid promotion policy: everything stays OBSERVE' });
    return decide(fromStage, evidence.frozen, triggers, null);
  }
  const demotion = policy.demotion;
  const fire = (reasonCode: DemotionReasonCode, rule: string, comparator: GateComparator, threshold: number, measured: number | null, unit: GateUnit, toStage: DeploymentStage, freeze: boolean, label: string) => {
    if (measured === null || comparePasses(measured, comparator, threshold)) return;
    triggers.push({ reasonCode, rule, comparator, threshold, measured, unit, toStage, freeze, message: `${label}: ${measured} breaks ${comparator} ${threshold} (${rule})` });
  };
  for (const kind of dataIntegrityKinds) {
    fire('data_integrity', `demotion.maxDataIntegrityEvents.${kind}`, '<=', demotion.maxDataIntegrityEvents[kind], evidence.operational.dataIntegrityEventsByKind[kind], 'count', 'observe', true, `Data-integrity events "${kind}"`);
  }
  fire('critical_breaker', 'demotion.criticalIncidents', '<=', 0, evidence.risk.criticalIncidents, 'count', 'shadow', true, 'Critical incidents');
  fire('daily_loss_limit_breached', 'demotion.minDailyReturn', '>=', demotion.minDailyReturn, evidence.performance.worstDailyReturn, 'fraction', 'shadow', false, 'Worst daily return');
  fire('drawdown_breaker', 'demotion.minDrawdown', '>=', demotion.minDrawdown, evidence.performance.maxDrawdown, 'fraction', 'shadow', false, 'Drawdown');
  fire('concentration_violations', 'demotion.maxConcentrationViolations', '<=', demotion.maxConcentrationViolations, evidence.risk.concentrationViolations, 'count', 'shadow', false, 'Concentration episodes');
  fire('warning_budget_exceeded', 'demotion.maxWarningIncidents', '<=', demotion.maxWarningIncidents, evidence.risk.warningIncidents, 'count', 'shadow', false, 'Warning incidents');
  if (fromStage === 'paper' || fromStage === 'live') {
    if (evidence.activity.ordersSubmitted >= demotion.minOrdersForErrorRate) {
      fire('broker_instability', 'demotion.maxOrderErrorRate', '<=', demotion.maxOrderErrorRate, evidence.operational.orderErrorRate, 'fraction', 'shadow', false, 'Order error rate');
    }
    fire('execution_not_ready', 'demotion.maxDegradedMs', '<=', demotion.maxDegradedMs, evidence.operational.longestDegradedMs, 'ms', 'shadow', false, 'Longest DEGRADED stretch');
  }
  return decide(fromStage, evidence.frozen, triggers, policy.version);
}

function decide(fromStage: DeploymentStage, frozen: boolean, fired: DemotionTrigger[], policyVersion: string | null): DemotionDecision {
  const triggers = fired
    .map((trigger, index) => ({ trigger, index }))
    .sort((a, b) => stageLevel(a.trigger.toStage) - stageLevel(b.trigger.toStage) || Number(b.trigger.freeze) - Number(a.trigger.freeze) || a.index - b.index)
    .map(({ trigger }) => trigger);
  if (triggers.length === 0) return { action: 'none', fromStage, toStage: fromStage, freeze: false, reasonCode: null, triggers, policyVersion };
  const target = triggers[0].toStage;
  const freeze = triggers.some((trigger) => trigger.freeze);
  if (stageLevel(target) < stageLevel(fromStage)) return { action: 'demote', fromStage, toStage: target, freeze, reasonCode: triggers[0].reasonCode, triggers, policyVersion };
  if (freeze && !frozen) {
    const reason = triggers.find((trigger) => trigger.freeze)!.reasonCode;
    return { action: 'freeze', fromStage, toStage: fromStage, freeze: true, reasonCode: reason, triggers, policyVersion };
  }
  return { action: 'none', fromStage, toStage: fromStage, freeze: false, reasonCode: null, triggers, policyVersion };
}
