import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { parseCapitalPolicy } from './capital-policy.schema.ts';
import { defaultCapitalPolicy, type CapitalPolicy } from './capital-policy.ts';

function fieldOf(change: (policy: CapitalPolicy) => void): string | undefined {
  const policy = structuredClone(defaultCapitalPolicy);
  change(policy);
  try {
    parseCapitalPolicy(policy);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('the policy was accepted');
}

describe('capital policy validation', () => {
  it('accepts the default', () => {
    expect(parseCapitalPolicy(structuredClone(defaultCapitalPolicy))).toEqual(defaultCapitalPolicy);
  });
  it.each([
    ['a total above 100 %', (p: CapitalPolicy) => (p.maxTotalAllocation = 1.2), 'maxTotalAllocation'],
    ['a zero guardrail', (p: CapitalPolicy) => (p.guardrails.high = 0), 'guardrails.high'],
    ['a guardrail above 100 %', (p: CapitalPolicy) => (p.guardrails.low = 1.5), 'guardrails.low'],
    ['a missing risk category', (p: CapitalPolicy) => delete (p.guardrails as Partial<CapitalPolicy['guardrails']>).moderate, 'guardrails.moderate'],
    ['tiers out of order', (p: CapitalPolicy) => (p.rankTiers[1].maxRankPercentile = 0.01), 'rankTiers.1.maxRankPercentile'],
    ['a negative tier allocation', (p: CapitalPolicy) => (p.rankTiers[0].allocation = -0.05), 'rankTiers.0.allocation'],
    ['a duplicated stage', (p: CapitalPolicy) => p.allocatedStages.push('live'), 'allocatedStages'],
    ['an unknown stage', (p: CapitalPolicy) => ((p.allocatedStages as string[])[0] = 'MOON'), 'allocatedStages.0'],
    ['a pilot share of 0', (p: CapitalPolicy) => (p.pilotFraction = 0), 'pilotFraction'],
    ['an unknown field', (p: CapitalPolicy) => Object.assign(p, { leverage: 3 }), 'leverage'],
  ])('refuses %s, naming the field', (_, change, field) => {
    expect(fieldOf(change)).toBe(field);
  });
});
