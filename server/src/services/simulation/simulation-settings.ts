import type { SimulationPolicyVersions } from '../../domain/simulation/simulation-policies.ts';
import type { SimulationRun } from '../../domain/simulation/simulation-run.entity.ts';

/**
 * The settings of a governance simulation that shape its result, as the exports (JSON `settings`, CSV columns) and the
 * PDF report show them beside the policy versions. Every name carries its unit.
 */
export interface SimulationSettings {
  /** First simulated instant, ISO 8601 UTC (inclusive). */
  periodStart: string;
  /** End of the simulated period, ISO 8601 UTC (exclusive). */
  periodEnd: string;
  /** Integer seed of every random draw (configurations, approvals). */
  seed: number;
  /** Days between evaluation cycles (1 = daily). */
  evaluationIntervalDays: number;
  /** Trailing history each evaluation cycle evaluates, days of hourly bars. */
  evaluationLookbackDays: number;
  /** Configurations evaluated per template per evaluation cycle (walk-forward). */
  configurationsPerTemplate: number;
  /** Deployments a candidate strategy may have at once. */
  deploymentsPerStrategy: number;
  /** Template ids in play. */
  templateIds: string[];
  /** Probability each simulated approval step is approved, fraction 0–1. */
  approvalProbability: number;
  /** Shortest and longest simulated approval delay per step, hours. */
  minApprovalDelayHours: number;
  maxApprovalDelayHours: number;
  /** Simulated people who may sign approval steps, count. */
  approvers: number;
  /** Starting portfolio equity of each arm, quote currency (USD-quoted data). */
  initialEquity: number;
  baselinePolicies: SimulationPolicyVersions;
  variantPolicies: SimulationPolicyVersions;
}

/** The settings of a stored run (runs stored before `deploymentsPerStrategy` existed ran with 1). */
export function simulationSettings(run: Pick<SimulationRun, 'input' | 'variantPolicies'>): SimulationSettings {
  const { input } = run;
  return {
    periodStart: new Date(input.startMs).toISOString(),
    periodEnd: new Date(input.endMs).toISOString(),
    seed: input.seed,
    evaluationIntervalDays: input.evaluationIntervalDays,
    evaluationLookbackDays: input.evaluationLookbackDays,
    configurationsPerTemplate: input.configurationsPerTemplate,
    deploymentsPerStrategy: input.deploymentsPerStrategy ?? 1,
    templateIds: [...input.templateIds],
    approvalProbability: input.approvals.approvalProbability,
    minApprovalDelayHours: input.approvals.minDelayHours,
    maxApprovalDelayHours: input.approvals.maxDelayHours,
    approvers: input.approvals.approvers.length,
    initialEquity: input.initialEquity,
    baselinePolicies: { ...input.policies },
    variantPolicies: { ...run.variantPolicies },
  };
}

const policyKinds = ['scoring', 'promotion', 'monitoring', 'capital'] as const;

/**
 * The settings as CSV columns, one `[header, value]` per column in a fixed order: the scalar settings (headers carry
 * the unit: `_days`, `_hours`, `_fraction`, `_usd`), the templates (space-separated) and both arms' policy versions.
 */
export function simulationSettingColumns(settings: SimulationSettings): [string, string | number][] {
  return [
    ['period_start', settings.periodStart],
    ['period_end_exclusive', settings.periodEnd],
    ['seed', settings.seed],
    ['evaluation_interval_days', settings.evaluationIntervalDays],
    ['evaluation_lookback_days', settings.evaluationLookbackDays],
    ['configurations_per_template', settings.configurationsPerTemplate],
    ['deployments_per_strategy', settings.deploymentsPerStrategy],
    ['approval_probability_fraction', settings.approvalProbability],
    ['min_approval_delay_hours', settings.minApprovalDelayHours],
    ['max_approval_delay_hours', settings.maxApprovalDelayHours],
    ['approvers', settings.approvers],
    ['initial_equity_usd', settings.initialEquity],
    ['templates', settings.templateIds.join(' ')],
    ...policyKinds.map((kind): [string, string] => [`baseline_${kind}_policy`, settings.baselinePolicies[kind]]),
    ...policyKinds.map((kind): [string, string] => [`variant_${kind}_policy`, settings.variantPolicies[kind]]),
  ];
}

/** The settings as report rows `[setting, unit, value]`, in the order the PDF lists them (policy versions apart). */
export function simulationSettingRows(settings: SimulationSettings): [string, string, string][] {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  return [
    ['Period (UTC, end exclusive)', 'date', `${settings.periodStart.slice(0, 10)} → ${settings.periodEnd.slice(0, 10)}`],
    ['Seed', 'integer', String(settings.seed)],
    ['Evaluation interval', 'days', plural(settings.evaluationIntervalDays, 'day')],
    ['Evaluation lookback', 'days', `${plural(settings.evaluationLookbackDays, 'day')} of hourly bars`],
    ['Configurations per template', 'count', String(settings.configurationsPerTemplate)],
    ['Deployments per strategy', 'count', String(settings.deploymentsPerStrategy)],
    ['Templates', 'count', `${settings.templateIds.length}: ${settings.templateIds.join(', ')}`],
    ['Approval probability per step', 'fraction', `${(settings.approvalProbability * 100).toFixed(0)} %`],
    ['Approval delay per step', 'hours', `${settings.minApprovalDelayHours}–${settings.maxApprovalDelayHours} h (uniform)`],
    ['Simulated approvers', 'count', String(settings.approvers)],
    ['Initial equity per arm', 'USD', settings.initialEquity.toLocaleString('en-US', { maximumFractionDigits: 2 })],
  ];
}
