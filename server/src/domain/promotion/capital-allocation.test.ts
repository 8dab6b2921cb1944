import { describe, expect, it } from 'vitest';
import { allocateCapital, rebalanceAllocations, recommendAllocation, type AllocationSubject, type CurrentAllocation } from './capital-allocation.ts';
import { defaultCapitalPolicy as policy } from './capital-policy.ts';

const nowMs = Date.UTC(2026, 5, 1);

function subject(overrides: Partial<AllocationSubject> = {}): AllocationSubject {
  return { deploymentId: 'new', stage: 'live', rank: 1, rankCount: 80, riskCategory: 'moderate', capitalGuardrails: {}, rolloutWave: 'full', ...overrides };
}

function book(count: number, allocation: number, stage: CurrentAllocation['stage'] = 'live'): CurrentAllocation[] {
  return Array.from({ length: count }, (_, index) => ({ deploymentId: `d${index}`, stage, allocation }));
}

describe('recommendAllocation (rank-driven, within guardrails)', () => {
  it('follows the rank tiers and the base allocation', () => {
    expect(recommendAllocation(policy, subject({ rank: 1 })).allocation).toBe(0.05); // 1/80 = 1.25 % → top 2 %
    expect(recommendAllocation(policy, subject({ rank: 4 })).allocation).toBe(0.04); // 5 %
    expect(recommendAllocation(policy, subject({ rank: 8 })).allocation).toBe(0.03); // 10 %
    expect(recommendAllocation(policy, subject({ rank: 9 })).allocation).toBe(0.02); // beyond the tiers
    expect(recommendAllocation(policy, subject({ rank: null })).allocation).toBe(0.02);
  });

  it('holds to the risk category guardrail and to the strategy’s own cap for the stage', () => {
    expect(recommendAllocation(policy, subject({ riskCategory: 'high' }))).toMatchObject({ allocation: 0.025, cap: 0.025, capRule: 'guardrails.high' });
    expect(recommendAllocation(policy, subject({ riskCategory: 'low', capitalGuardrails: { production: 0.01 } }))).toMatchObject({ allocation: 0.01, capRule: 'strategy.capitalGuardrails.production' });
    expect(recommendAllocation(policy, subject({ stage: 'paper', capitalGuardrails: { production: 0.01 } })).capRule).toBe('guardrails.moderate');
  });

  it('gives a pilot wave its share, floored to 4 decimals', () => {
    expect(recommendAllocation(policy, subject({ riskCategory: 'high', rolloutWave: 'pilot' })).allocation).toBe(0.0062);
  });
});

describe('allocateCapital (zero over-allocation)', () => {
  it('grants the recommendation when it fits, reporting the stage total after it', () => {
    const decision = allocateCapital(policy, subject(), book(10, 0.05), [], null, nowMs);
    expect(decision).toMatchObject({ allowed: true, allocation: 0.05, totalAfter: 0.55 });
  });

  it('shrinks the recommendation to the headroom, and refuses below the minimum', () => {
    expect(allocateCapital(policy, subject(), book(32, 0.03), [], null, nowMs)).toMatchObject({ allowed: true, allocation: 0.04, totalAfter: 1 });
    const full = allocateCapital(policy, subject(), [...book(33, 0.03), { deploymentId: 'x', stage: 'live', allocation: 0.0071 }], [], null, nowMs);
    expect(full).toMatchObject({ allowed: false, refusal: { rule: 'capital.maxTotalAllocation', threshold: 1, measured: 1.0471 } });
  });

  it('refuses an explicit allocation above the guardrail, below the minimum or over the total, naming the rule', () => {
    expect(allocateCapital(policy, subject(), [], [], 0.06, nowMs)).toMatchObject({ allowed: false, refusal: { rule: 'capital.guardrails.moderate', threshold: 0.05, measured: 0.06 } });
    expect(allocateCapital(policy, subject({ capitalGuardrails: { production: 0.02 } }), [], [], 0.03, nowMs)).toMatchObject({ allowed: false, refusal: { rule: 'capital.strategy.capitalGuardrails.production' } });
    expect(allocateCapital(policy, subject(), [], [], 0.001, nowMs)).toMatchObject({ allowed: false, refusal: { rule: 'capital.minAllocation', threshold: 0.005 } });
    expect(allocateCapital(policy, subject(), book(20, 0.049), [], 0.05, nowMs)).toMatchObject({ allowed: false, refusal: { rule: 'capital.maxTotalAllocation', measured: 1.03 } });
    expect(allocateCapital(policy, subject(), [], [], Number.NaN, nowMs)).toMatchObject({ allowed: false, refusal: { rule: 'capital.requested', measured: null } });
  });

  it('counts each stage as its own book, excludes the deployment itself and those releasing in the same transaction', () => {
    const paperBook = book(40, 0.025, 'paper');
    expect(allocateCapital(policy, subject(), paperBook, [], null, nowMs)).toMatchObject({ allowed: true, totalAfter: 0.05 });
    // 32 × 3 % = 96 %; without d0 (demoted in the same transaction) and the deployment's own 1 %: 93 % → 5 % fits.
    const liveBook = [...book(32, 0.03), { deploymentId: 'new', stage: 'live' as const, allocation: 0.01 }];
    expect(allocateCapital(policy, subject(), liveBook, ['d0'], null, nowMs)).toMatchObject({ allowed: true, allocation: 0.05, totalAfter: 0.98 });
    expect(allocateCapital(policy, subject(), liveBook, [], null, nowMs)).toMatchObject({ allowed: true, allocation: 0.04, totalAfter: 1 });
  });

  it('gives nothing at a stage that holds no capital', () => {
    expect(allocateCapital(policy, subject({ stage: 'shadow' }), [], [], null, nowMs)).toMatchObject({ allowed: true, allocation: 0, checks: [] });
  });

  it('sums exactly in units of 0.0001 (no floating-point drift over many allocations)', () => {
    const current = book(9, 0.1).concat([{ deploymentId: 'x', stage: 'live', allocation: 0.05 }]);
    expect(allocateCapital(policy, subject(), current, [], 0.05, nowMs)).toMatchObject({ allowed: true, totalAfter: 1 });
  });
});

describe('rebalanceAllocations (FR-024)', () => {
  it('keeps recommendations that fit and scales a stage down pro rata when they exceed 100 %', () => {
    const fits = rebalanceAllocations(policy, [subject({ deploymentId: 'a', rank: 1 }), subject({ deploymentId: 'b', rank: 40 })]);
    expect(fits.map((entry) => [entry.allocation, entry.scaled])).toEqual([
      [0.05, false],
      [0.02, false],
    ]);
    const many = Array.from({ length: 40 }, (_, index) => subject({ deploymentId: `d${index}`, rank: (index % 8) + 1, rankCount: 80 }));
    const rebalanced = rebalanceAllocations(policy, many);
    const total = rebalanced.reduce((sum, entry) => sum + Math.round(entry.allocation * 10_000), 0);
    expect(total).toBeLessThanOrEqual(10_000);
    expect(rebalanced.every((entry) => entry.scaled)).toBe(true);
    expect(rebalanced[0].allocation).toBeLessThan(rebalanced[0].recommended);
  });

  it('gives 0 outside the allocated stages and flags allocations scaled below the minimum', () => {
    const shadow = rebalanceAllocations(policy, [subject({ stage: 'shadow' })]);
    expect(shadow[0]).toMatchObject({ allocation: 0, belowMinimum: false });
    const crowded = rebalanceAllocations(policy, Array.from({ length: 300 }, (_, index) => subject({ deploymentId: `d${index}`, rank: 1 })));
    expect(crowded[0]).toMatchObject({ allocation: 0.0033, belowMinimum: true });
  });
});
