import { z } from 'zod';
import { deploymentStages } from '../../deployment/deployment-stage.lifecycle.ts';
import { parsePolicyDefinition } from '../../promotion/parse-policy-definition.ts';
import { monitoringActionKinds, monitoringRuleNames, type MonitoringPolicy } from './monitoring-policy.ts';

const maxDays = 3_650;
const maxDurationMs = 366 * 86_400_000;

/** A signed loss limit: a fraction in [−1, 0] (a positive limit would be inverted: it would breach on gains). */
const signedLoss = () => z.number().min(-1, 'must be at least −1 (−100 %)').max(0, 'must be ≤ 0: a loss limit is a negative fraction (inverted threshold)');
const windowDays = () => z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(maxDays);

const actionSchema = z.strictObject({
  kind: z.enum(monitoringActionKinds),
  severity: z.enum(['warning', 'critical']),
  toStage: z.enum(deploymentStages).nullable(),
  positionSizeFactor: z.number().gt(0).lt(1).nullable(),
  revalidate: z.boolean(),
  freeze: z.boolean(),
});

const base = {
  enabled: z.boolean(),
  windowDays: windowDays(),
  persistence: z.strictObject({ minBars: z.number().int().min(1, 'must be at least 1 mark').max(100_000), minDurationMs: z.number().int().min(0, 'must be ≥ 0').max(maxDurationMs) }),
  action: actionSchema,
};
const minObservations = () => z.number().int().min(2).max(100_000);

const schema = z
  .strictObject({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64 characters'),
    benchmark: z.strictObject({
      topAltSymbol: z.string().regex(/^[A-Z0-9]{1,20}[-/][A-Z0-9]{1,20}$/, 'a symbol BASE-QUOTE in capitals').nullable(),
      topAltVolumeWindowDays: windowDays(),
      maxAgeBars: z.number().int().min(1).max(10_000),
    }),
    rules: z.strictObject({
      benchmarkLag: z.strictObject({ ...base, minActiveReturn: signedLoss() }),
      drawdownVsBenchmark: z.strictObject({ ...base, maxDrawdownMultiple: z.number().min(1, 'must be at least 1 (a multiple below 1 would breach while beating the basket: inverted threshold)').max(100), minLiveDrawdown: signedLoss() }),
      underperformance: z.strictObject({ ...base, minActiveReturn: signedLoss() }),
      drawdown: z.strictObject({ ...base, minDrawdown: signedLoss() }),
      dailyLoss: z.strictObject({ ...base, minDailyReturn: signedLoss() }),
      valueAtRisk: z.strictObject({ ...base, minValueAtRisk: signedLoss(), minObservations: minObservations() }),
      conditionalValueAtRisk: z.strictObject({ ...base, minConditionalValueAtRisk: signedLoss(), minObservations: minObservations() }),
      drift: z.strictObject({ ...base, minSharpeRatioToExpected: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1 (a live Sharpe above the expectation is no drift: inverted threshold)') }),
      correlation: z.strictObject({ ...base, maxCorrelation: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1'), minOverlapDays: z.number().int().min(2).max(maxDays) }),
      regimeChange: z.strictObject({ ...base, minBandSteps: z.number().int().min(1).max(2) }),
      dataIntegrity: z.strictObject({ ...base, maxClockSkewMs: z.number().int().min(0).max(maxDurationMs), maxNonFiniteMarks: z.number().int().min(0).max(100_000) }),
    }),
  })
  .superRefine((policy, context) => {
    for (const name of monitoringRuleNames) {
      const action = policy.rules[name].action;
      const at = (field: string) => ['rules', name, 'action', field];
      const needsStage = action.kind === 'observe_freeze' || action.kind === 'rollback' || action.kind === 'demote';
      if (needsStage && action.toStage === null) context.addIssue({ code: 'custom', path: at('toStage'), message: `a ${action.kind} action needs the stage it moves to` });
      if (!needsStage && action.toStage !== null) context.addIssue({ code: 'custom', path: at('toStage'), message: `a ${action.kind} action moves to no stage (null)` });
      if ((action.kind === 'rollback' || action.kind === 'demote') && action.toStage === 'live') context.addIssue({ code: 'custom', path: at('toStage'), message: `a ${action.kind} moves below LIVE` });
      if (action.kind === 'observe_freeze' && (action.toStage !== 'observe' || !action.freeze)) context.addIssue({ code: 'custom', path: at(action.freeze ? 'toStage' : 'freeze'), message: 'observe_freeze moves to OBSERVE and freezes' });
      if ((action.kind === 'throttle') !== (action.positionSizeFactor !== null)) context.addIssue({ code: 'custom', path: at('positionSizeFactor'), message: 'a throttle needs a position size factor in (0, 1); other actions have null' });
    }
    const { valueAtRisk, conditionalValueAtRisk, benchmarkLag, underperformance, correlation } = policy.rules;
    if (conditionalValueAtRisk.minConditionalValueAtRisk > valueAtRisk.minValueAtRisk) {
      context.addIssue({ code: 'custom', path: ['rules', 'conditionalValueAtRisk', 'minConditionalValueAtRisk'], message: `must be at most rules.valueAtRisk.minValueAtRisk (${valueAtRisk.minValueAtRisk}): CVaR is never above VaR (inverted threshold)` });
    }
    if (underperformance.minActiveReturn > benchmarkLag.minActiveReturn) {
      context.addIssue({ code: 'custom', path: ['rules', 'underperformance', 'minActiveReturn'], message: `must be at most rules.benchmarkLag.minActiveReturn (${benchmarkLag.minActiveReturn}): deactivation is the deeper limit (inverted threshold)` });
    }
    if (correlation.minOverlapDays > correlation.windowDays) {
      context.addIssue({ code: 'custom', path: ['rules', 'correlation', 'minOverlapDays'], message: `must be at most rules.correlation.windowDays (${correlation.windowDays})` });
    }
    for (const name of ['valueAtRisk', 'conditionalValueAtRisk'] as const) {
      if (policy.rules[name].minObservations > policy.rules[name].windowDays) context.addIssue({ code: 'custom', path: ['rules', name, 'minObservations'], message: `must be at most rules.${name}.windowDays (${policy.rules[name].windowDays}): the observations are daily returns` });
    }
  });

/** The zod schema of a monitoring policy definition (strict: unknown fields are errors). */
export const monitoringPolicySchema: z.ZodType<MonitoringPolicy> = schema;

/**
 * Validates a monitoring policy definition.
 *
 * @throws ValidationError naming the first offending field (negative window, inverted threshold, unknown or missing
 *   field, an action without its stage or size factor…), e.g. `rules.drawdown.minDrawdown`.
 */
export function parseMonitoringPolicy(input: unknown): MonitoringPolicy {
  return parsePolicyDefinition(monitoringPolicySchema, input, 'monitoring policy');
}

/**
 * A monitoring policy as read for an evaluation: valid, or not — then every deployment falls to OBSERVE and freezes
 * (promotion-framework §5 "unknown config / missing policy ⇒ OBSERVE"). Never throws.
 */
export type MonitoringPolicyResolution = { valid: true; policy: MonitoringPolicy } | { valid: false; field: string | null; reason: string };

/** Resolves a stored definition, failing closed (null/undefined or invalid → `valid: false` with the reason). */
export function resolveMonitoringPolicy(input: unknown): MonitoringPolicyResolution {
  if (input === null || input === undefined) return { valid: false, field: null, reason: 'no monitoring policy: every deployment goes to OBSERVE' };
  try {
    return { valid: true, policy: parseMonitoringPolicy(input) };
  } catch (error) {
    const field = (error as { field?: string }).field ?? null;
    return { valid: false, field, reason: `${(error as Error).message}; every deployment goes to OBSERVE` };
  }
}
