import { strategyTemplates } from '../../engine/index.ts';
import type { Role } from '../auth/roles.ts';
import { ValidationError } from '../errors.ts';
import { benchOnlySimulationPolicyVersions, selectableSimulationPolicyVersions, simulationPolicies, type SimulationPolicies, type SimulationPolicyVersions } from './simulation-policies.ts';

/** One simulated person who may sign approval steps. */
export interface SimulatedApprover {
  id: string;
  roles: Role[];
}

/**
 * Simulated human behaviour on promotion requests: each approval step is signed after a delay drawn uniformly from
 * `[minDelayHours, maxDelayHours]` (hours of simulated time), and approved with probability `approvalProbability`
 * (else the request is rejected). `approvers` are the people who sign (each step by the first eligible one the
 * approval matrix allows).
 */
export interface SimulatedApprovalBehaviour {
  minDelayHours: number;
  maxDelayHours: number;
  /** Probability each step is approved, 0–1. */
  approvalProbability: number;
  approvers: SimulatedApprover[];
}

/** What a governance simulation takes (issue 15). Times are ms since the epoch, UTC. */
export interface GovernanceSimulationInput {
  /** Simulated period `[startMs, endMs)`; must lie inside the bundled data. */
  startMs: number;
  endMs: number;
  /** Policy versions of the arm (see `simulationPolicies`). */
  policies: SimulationPolicyVersions;
  /** Template ids in play (default: every built-in template). */
  templateIds: string[];
  /** Configurations per template per evaluation cycle (the cycle evaluates templates × this, walk-forward). */
  configurationsPerTemplate: number;
  /**
   * Deployments a candidate strategy may have at once (default 1): its best `deploymentsPerStrategy` configurations
   * of the latest cycle, each on its best instrument, each its own deployment up the ladder (1 to
   * `configurationsPerTemplate`). With 1 a simulation can never hold more deployments than strategies; the portfolio
   * live cap (35 by default) is reachable with templates × this ≥ 35.
   */
  deploymentsPerStrategy?: number;
  /** Days between evaluation cycles (1 = daily); the candidate rule counts evaluation dates. */
  evaluationIntervalDays: number;
  /** Trailing history each evaluation cycle evaluates, days of hourly bars. */
  evaluationLookbackDays: number;
  /** Integer seed of every random draw (configurations, approvals). */
  seed: number;
  approvals: SimulatedApprovalBehaviour;
  /** Starting portfolio equity, quote currency. */
  initialEquity: number;
}

/** The bundled defaults: the whole 2020 → end-of-data history, production policies, weekly cycles. */
export function defaultSimulationInput(dataEndMs: number, policies: SimulationPolicyVersions): GovernanceSimulationInput {
  return {
    startMs: Date.parse('2020-01-01T00:00:00Z'),
    endMs: dataEndMs,
    policies,
    templateIds: strategyTemplates.map((template) => template.id),
    configurationsPerTemplate: 3,
    evaluationIntervalDays: 7,
    evaluationLookbackDays: 180,
    seed: 1,
    approvals: {
      minDelayHours: 2,
      maxDelayHours: 48,
      approvalProbability: 0.9,
      approvers: [
        { id: 'sim-production-1', roles: ['production'] },
        { id: 'sim-production-2', roles: ['production'] },
        { id: 'sim-production-3', roles: ['production'] },
        { id: 'sim-risk-1', roles: ['risk'] },
      ],
    },
    initialEquity: 1_000_000,
  };
}

const integerIn = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Checks a simulation input against the data range and the known policies; throws the first problem naming its
 * field (`startMs`, `endMs`, `policies.promotion`, `seed`, `approvals.approvalProbability`, …). Nothing starts
 * with a bad input.
 *
 * @param data the bundled hourly data's first and last bar open times, ms.
 */
export function validateSimulationInput(input: GovernanceSimulationInput, data: { firstMs: number; lastMs: number }): SimulationPolicies {
  const fail = (field: string, message: string): never => {
    throw new ValidationError(`${field}: ${message}`, field);
  };
  if (!Number.isFinite(input.startMs)) fail('startMs', 'must be a date');
  if (!Number.isFinite(input.endMs)) fail('endMs', 'must be a date');
  const range = `${new Date(data.firstMs).toISOString()} … ${new Date(data.lastMs).toISOString()}`;
  if (input.startMs < data.firstMs || input.startMs > data.lastMs) fail('startMs', `the period starts outside the data (${range})`);
  if (input.endMs > data.lastMs + 3_600_000 || input.endMs < data.firstMs) fail('endMs', `the period ends outside the data (${range})`);
  if (!(input.endMs - input.startMs >= 7 * 86_400_000)) fail('endMs', 'the period must span at least 7 days after startMs');
  const policies: Partial<SimulationPolicies> = {};
  for (const kind of ['scoring', 'promotion', 'monitoring', 'capital'] as const) {
    const version = input.policies?.[kind];
    const policy = (simulationPolicies[kind] as Map<string, unknown>).get(version);
    if (policy === undefined) fail(`policies.${kind}`, `unknown ${kind} policy version "${String(version)}" (known: ${selectableSimulationPolicyVersions()[kind].join(', ')})`);
    (policies as Record<string, unknown>)[kind] = policy;
  }
  if (!integerIn(input.seed, 0, 0xffff_ffff)) fail('seed', 'must be an integer between 0 and 4294967295');
  const known = new Set(strategyTemplates.map((template) => template.id));
  if (!Array.isArray(input.templateIds) || input.templateIds.length < 2 || input.templateIds.length > known.size) fail('templateIds', `must list 2 to ${known.size} templates`);
  for (const id of input.templateIds) if (!known.has(id)) fail('templateIds', `unknown template "${id}"`);
  if (new Set(input.templateIds).size !== input.templateIds.length) fail('templateIds', 'a template is listed twice');
  if (!integerIn(input.configurationsPerTemplate, 2, 20)) fail('configurationsPerTemplate', 'must be an integer between 2 and 20');
  if (input.deploymentsPerStrategy !== undefined && !integerIn(input.deploymentsPerStrategy, 1, input.configurationsPerTemplate)) fail('deploymentsPerStrategy', `must be an integer between 1 and configurationsPerTemplate (${input.configurationsPerTemplate})`);
  if (!integerIn(input.evaluationIntervalDays, 1, 90)) fail('evaluationIntervalDays', 'must be an integer between 1 and 90');
  if (!integerIn(input.evaluationLookbackDays, 150, 730)) fail('evaluationLookbackDays', 'must be an integer between 150 and 730');
  const approvals = input.approvals;
  if (typeof approvals?.approvalProbability !== 'number' || !(approvals.approvalProbability >= 0 && approvals.approvalProbability <= 1)) fail('approvals.approvalProbability', 'must be a probability in [0, 1]');
  if (!(approvals.minDelayHours >= 0 && approvals.minDelayHours <= 24 * 90)) fail('approvals.minDelayHours', 'must be between 0 and 2160 hours');
  if (!(approvals.maxDelayHours >= approvals.minDelayHours && approvals.maxDelayHours <= 24 * 90)) fail('approvals.maxDelayHours', 'must be between minDelayHours and 2160 hours');
  if (!Array.isArray(approvals.approvers) || approvals.approvers.length === 0 || approvals.approvers.length > 20) fail('approvals.approvers', 'must list 1 to 20 simulated approvers');
  if (!(input.initialEquity > 0 && input.initialEquity <= 1e12)) fail('initialEquity', 'must be a positive amount up to 1e12');
  return policies as SimulationPolicies;
}

/**
 * Refuses a bench-only policy version (`benchOnlySimulationPolicyVersions`) in an arm a user asked for, naming the
 * field (`<field>.<kind>`, e.g. `variantPolicies.monitoring`). The API calls it before `validateSimulationInput`; the
 * bench, which runs those versions on purpose, does not.
 *
 * @param field the arm's field in the caller's input: `policies` (baseline) or `variantPolicies`.
 */
export function refuseBenchOnlyPolicyVersions(policies: SimulationPolicyVersions, field: 'policies' | 'variantPolicies'): void {
  for (const kind of ['scoring', 'promotion', 'monitoring', 'capital'] as const) {
    const version = policies[kind];
    if (!benchOnlySimulationPolicyVersions.has(version)) continue;
    const named = `${field}.${kind}`;
    throw new ValidationError(`${named}: "${version}" is a bench-only ${kind} policy version, not one a simulation may be started with (choose: ${selectableSimulationPolicyVersions()[kind].join(', ')})`, named);
  }
}
