import { z } from 'zod';
import { roles } from '../auth/roles.ts';
import { exchangeVenues } from '../deployment/venues.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';
import { failClosedStage, promotionTransitions } from './promotion-transitions.ts';
import { parsePolicyDefinition } from './parse-policy-definition.ts';
import { dataIntegrityKinds, type PromotionPolicy } from './promotion-policy.ts';

/** Request validity of a stored version written before `requestValidityDays` existed, days. */
const defaultRequestValidityDays = 7;

/** Bounds of the policy's numbers (every input bounded at the edge). */
const maxCount = 10_000_000;
const maxDurationMs = 366 * 86_400_000;
const maxDays = 3_650;

const fraction = () => z.number().min(0).max(1);
const signedLoss = () => z.number().min(-1).max(0);
const count = () => z.number().int().min(0).max(maxCount);
const days = () => z.number().int().min(0).max(maxDays);

const stabilityWindowSchema = z.strictObject({
  minSessions: days(),
  minEvaluations: count().nullable(),
  minFills: count().nullable(),
  minEvaluationsInsteadOfFills: count().nullable(),
  minOrders: count().nullable(),
});

const signalQualitySchema = z.strictObject({
  minCoverage: fraction().nullable(),
  minHitRate: fraction().nullable(),
  minMeanInformationCoefficient: z.number().min(-1).max(1).nullable(),
  maxNegativeInformationCoefficientDayShare: fraction().nullable(),
  minLift: z.number().min(-1).max(1).nullable(),
  minCalibrationMonotonicBuckets: z.number().int().min(1).max(100).nullable(),
  minWindowReturn: z.number().min(-1).max(100).nullable(),
  minSharpe: z.number().min(-20).max(20).nullable(),
  maxAverageDailyTurnover: z.number().min(0).max(1_000).nullable(),
});

const riskSchema = z.strictObject({
  minWorstDailyReturn: signedLoss().nullable(),
  minMaxDrawdown: signedLoss().nullable(),
  maxConcentrationViolations: count().nullable(),
  maxCriticalIncidents: count(),
  maxWarningIncidents: count().nullable(),
});

const operationalSchema = z.strictObject({
  minFreshQuoteFillShare: fraction().nullable(),
  maxMissingFieldRate: fraction().nullable(),
  maxEvaluationErrorRate: fraction().nullable(),
  maxOrderErrorRate: fraction().nullable(),
  maxRiskDenialRate: fraction().nullable(),
  maxMedianDecisionToOrderMs: z.number().int().min(0).max(maxDurationMs).nullable(),
  maxMedianFillDeviationBps: z.number().min(0).max(10_000).nullable(),
  maxDataIntegrityEvents: count().nullable(),
});

const transitionGatesSchema = z.strictObject({
  stabilityWindow: stabilityWindowSchema,
  signalQuality: signalQualitySchema,
  risk: riskSchema,
  operational: operationalSchema,
});

const approvalStepSchema = z.strictObject({
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'a camelCase key of at most 40 characters'),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  afterOtherSteps: z.boolean(),
});

const approvalRequirementSchema = z.strictObject({
  steps: z.array(approvalStepSchema).min(1).max(8),
  autoApprove: z.boolean(),
});

const schema = z
  .strictObject({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64 characters'),
    measurement: z.strictObject({
      forwardHorizonEvaluations: z.number().int().min(1).max(10_000),
      informationCoefficientMinObservations: z.number().int().min(2).max(100_000),
      calibrationBuckets: z.number().int().min(2).max(100),
      discreteSignalMaxDistinctValues: z.number().int().min(2).max(100),
      maxQuoteAgeMs: z.number().int().min(0).max(maxDurationMs),
      concentrationLimit: fraction(),
    }),
    scorecard: z.strictObject({ requireComplete: z.boolean(), requireProductionStandard: z.boolean(), maxAgeDays: z.number().int().min(0).max(maxDays) }),
    gates: z.strictObject({ observeToShadow: transitionGatesSchema, shadowToPaper: transitionGatesSchema, paperToLive: transitionGatesSchema }),
    approvalMatrix: z.strictObject({ observeToShadow: approvalRequirementSchema, shadowToPaper: approvalRequirementSchema, paperToLive: approvalRequirementSchema }),
    portfolio: z.strictObject({
      liveCap: z.number().int().min(1).max(10_000),
      maxTemplateShare: z.number().gt(0).max(1),
      maxPairwiseCorrelation: z.number().min(-1).max(1),
      correlationWindowDays: z.number().int().min(2).max(maxDays),
      minCorrelationOverlapDays: z.number().int().min(2).max(maxDays),
    }),
    candidate: z.strictObject({
      topFraction: z.number().gt(0).max(1),
      consecutiveEvaluationDays: z.number().int().min(1).max(maxDays),
      requireProductionStandard: z.boolean(),
      // Added after version 2026.12.1 was stored: a version without it reads null (production starts OBSERVE).
      observeStart: z
        .discriminatedUnion('feed', [z.strictObject({ feed: z.literal('replay'), asFastAsPossible: z.boolean() }), z.strictObject({ feed: z.literal('live'), venue: z.enum(exchangeVenues) })])
        .nullable()
        .default(null),
    }),
    demotion: z.strictObject({
      lookbackDays: z.number().int().min(1).max(maxDays),
      minDailyReturn: signedLoss(),
      minDrawdown: signedLoss(),
      maxConcentrationViolations: count(),
      maxWarningIncidents: count(),
      maxOrderErrorRate: fraction(),
      minOrdersForErrorRate: z.number().int().min(1).max(maxCount),
      maxDegradedMs: z.number().int().min(0).max(maxDurationMs),
      maxDataIntegrityEvents: z.strictObject(Object.fromEntries(dataIntegrityKinds.map((kind) => [kind, count()])) as Record<(typeof dataIntegrityKinds)[number], ReturnType<typeof count>>),
    }),
    // Added after version 2026.12.1 was stored: a version without it reads the default (with candidate.observeStart, the only fields with one).
    requestValidityDays: z.number().int().min(1).max(90).default(defaultRequestValidityDays),
    // Added after 2026.12.1 (issue 15), optional: absent or null = no re-entry cool-down.
    reentryCooldown: z
      .strictObject({
        days: z.number().int().min(1).max(365),
        escalationFactor: z.number().min(1).max(10),
        lookbackDays: z.number().int().min(1).max(maxDays),
        requireScorecardAfterExit: z.boolean(),
      })
      .nullable()
      .optional(),
  })
  .superRefine((policy, context) => {
    for (const transition of promotionTransitions) {
      const requirement = policy.approvalMatrix[transition];
      const keys = new Set<string>();
      requirement.steps.forEach((step, index) => {
        if (keys.has(step.key)) context.addIssue({ code: 'custom', path: ['approvalMatrix', transition, 'steps', index, 'key'], message: `step "${step.key}" appears twice` });
        keys.add(step.key);
        if (new Set(step.roles).size !== step.roles.length) context.addIssue({ code: 'custom', path: ['approvalMatrix', transition, 'steps', index, 'roles'], message: 'a role appears twice' });
      });
      const finalSteps = requirement.steps.filter((step) => step.afterOtherSteps).length;
      if (finalSteps > 1) context.addIssue({ code: 'custom', path: ['approvalMatrix', transition, 'steps'], message: 'at most one step may come after the other steps' });
      if (requirement.autoApprove && transition !== 'observeToShadow') {
        context.addIssue({ code: 'custom', path: ['approvalMatrix', transition, 'autoApprove'], message: 'auto-approval is allowed only for OBSERVE → SHADOW' });
      }
      const calibration = policy.gates[transition].signalQuality.minCalibrationMonotonicBuckets;
      if (calibration !== null && calibration > policy.measurement.calibrationBuckets) {
        context.addIssue({ code: 'custom', path: ['gates', transition, 'signalQuality', 'minCalibrationMonotonicBuckets'], message: `must be at most measurement.calibrationBuckets (${policy.measurement.calibrationBuckets})` });
      }
    }
    // The two-person rule of LIVE cannot be configured away (promotion-framework §1.C).
    const live = policy.approvalMatrix.paperToLive.steps;
    if (live.length < 3 || !live.some((step) => step.afterOtherSteps)) {
      context.addIssue({ code: 'custom', path: ['approvalMatrix', 'paperToLive', 'steps'], message: 'PAPER → LIVE needs at least two sign-offs and a final authorizer after them (two-person rule)' });
    }
    if (policy.portfolio.minCorrelationOverlapDays > policy.portfolio.correlationWindowDays) {
      context.addIssue({ code: 'custom', path: ['portfolio', 'minCorrelationOverlapDays'], message: `must be at most portfolio.correlationWindowDays (${policy.portfolio.correlationWindowDays})` });
    }
  });

/** The zod schema of a promotion policy definition (strict: unknown fields are errors). */
export const promotionPolicySchema: z.ZodType<PromotionPolicy> = schema;

/**
 * Validates a promotion policy definition.
 *
 * @throws ValidationError naming the first offending field (negative window, threshold out of range, unknown or
 *   missing field, an approval matrix that breaks the two-person rule…).
 */
export function parsePromotionPolicy(input: unknown): PromotionPolicy {
  return parsePolicyDefinition(promotionPolicySchema, input, 'promotion policy');
}

/**
 * A promotion policy as read for a decision: valid, or not — then everything stays at `OBSERVE`
 * (promotion-framework §5 "unknown config / missing policy ⇒ OBSERVE").
 */
export type PromotionPolicyResolution =
  | { valid: true; policy: PromotionPolicy; stageCeiling: DeploymentStage }
  | { valid: false; field: string | null; reason: string; stageCeiling: DeploymentStage };

/**
 * Resolves a stored policy definition, failing closed: `null`/`undefined` (no policy) or an invalid definition gives
 * `valid: false` with `stageCeiling: 'observe'` and the reason; never throws.
 */
export function resolvePromotionPolicy(input: unknown): PromotionPolicyResolution {
  if (input === null || input === undefined) return { valid: false, field: null, reason: 'no promotion policy: everything stays OBSERVE', stageCeiling: failClosedStage };
  try {
    return { valid: true, policy: parsePromotionPolicy(input), stageCeiling: 'live' };
  } catch (error) {
    const field = (error as { field?: string }).field ?? null;
    return { valid: false, field, reason: `${(error as Error).message}; everything stays OBSERVE`, stageCeiling: failClosedStage };
  }
}
