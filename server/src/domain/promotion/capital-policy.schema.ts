import { z } from 'zod';
import { riskCategories } from '../strategy/strategy.entity.ts';
import { deploymentStages } from '../deployment/deployment-stage.lifecycle.ts';
import { parsePolicyDefinition } from './parse-policy-definition.ts';
import type { CapitalPolicy } from './capital-policy.ts';

const allocation = () => z.number().gt(0).max(1);

const schema = z
  .strictObject({
    version: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64 characters'),
    allocatedStages: z.array(z.enum(deploymentStages)).min(1).max(deploymentStages.length),
    maxTotalAllocation: allocation(),
    minAllocation: z.number().min(0.0001).max(1),
    rankTiers: z.array(z.strictObject({ maxRankPercentile: allocation(), allocation: allocation() })).min(1).max(20),
    baseAllocation: z.number().min(0).max(1),
    guardrails: z.strictObject(Object.fromEntries(riskCategories.map((category) => [category, allocation()])) as Record<(typeof riskCategories)[number], ReturnType<typeof allocation>>),
    pilotFraction: allocation(),
  })
  .superRefine((policy, context) => {
    if (new Set(policy.allocatedStages).size !== policy.allocatedStages.length) context.addIssue({ code: 'custom', path: ['allocatedStages'], message: 'a stage appears twice' });
    policy.rankTiers.forEach((tier, index) => {
      if (index > 0 && tier.maxRankPercentile <= policy.rankTiers[index - 1].maxRankPercentile) {
        context.addIssue({ code: 'custom', path: ['rankTiers', index, 'maxRankPercentile'], message: 'tiers must be in strictly ascending maxRankPercentile' });
      }
      if (tier.allocation > policy.maxTotalAllocation) context.addIssue({ code: 'custom', path: ['rankTiers', index, 'allocation'], message: 'must be at most maxTotalAllocation' });
    });
    if (policy.minAllocation > policy.maxTotalAllocation) context.addIssue({ code: 'custom', path: ['minAllocation'], message: 'must be at most maxTotalAllocation' });
  });

/** The zod schema of a capital policy definition (strict: unknown fields are errors). */
export const capitalPolicySchema: z.ZodType<CapitalPolicy> = schema;

/**
 * Validates a capital policy definition.
 *
 * @throws ValidationError naming the first offending field (an allocation outside (0, 1], tiers out of order, an
 *   unknown or missing field…).
 */
export function parseCapitalPolicy(input: unknown): CapitalPolicy {
  return parsePolicyDefinition(capitalPolicySchema, input, 'capital policy');
}
