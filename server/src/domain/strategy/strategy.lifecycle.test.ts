import { describe, expect, it } from 'vitest';
import { lifecycleStates } from './strategy.entity.ts';
import { strategyLifecycle, type StrategyTransitionEvidence } from './strategy.lifecycle.ts';
import type { LifecycleState } from './strategy.entity.ts';

const explainStrategyTransitionRefusal = (from: LifecycleState, to: LifecycleState, evidence: StrategyTransitionEvidence) =>
  strategyLifecycle.refusal(from, to, evidence, 'strategy');

const everything = { hasApprovedVersion: true, meetsProductionStandard: true, hasApprovedPromotion: true };
const nothing = { hasApprovedVersion: false, meetsProductionStandard: false, hasApprovedPromotion: false };

describe('strategy lifecycle', () => {
  it('never skips validation on the way up', () => {
    expect(explainStrategyTransitionRefusal('research', 'staging', everything)).toMatch(/validation may not be skipped/);
    expect(explainStrategyTransitionRefusal('research', 'production', everything)).toMatch(/validation may not be skipped/);
    expect(explainStrategyTransitionRefusal('validation', 'production', everything)).toMatch(/validation may not be skipped/);
  });

  it('gates each forward step on its evidence', () => {
    expect(explainStrategyTransitionRefusal('research', 'validation', nothing)).toBe('validation needs an approved version');
    expect(explainStrategyTransitionRefusal('validation', 'staging', nothing)).toMatch(/minimum production standard/);
    expect(explainStrategyTransitionRefusal('staging', 'production', nothing)).toBe('production needs an approved promotion: a deployment of the strategy at LIVE');
    expect(explainStrategyTransitionRefusal('research', 'validation', everything)).toBeNull();
    expect(explainStrategyTransitionRefusal('validation', 'staging', everything)).toBeNull();
    expect(explainStrategyTransitionRefusal('staging', 'production', everything)).toBeNull();
  });

  it('always allows demotion and retirement, and nothing leaves retired', () => {
    for (const from of ['validation', 'staging', 'production'] as const) {
      expect(explainStrategyTransitionRefusal(from, 'research', nothing)).toBeNull();
      expect(explainStrategyTransitionRefusal(from, 'retired', nothing)).toBeNull();
    }
    for (const to of lifecycleStates) expect(explainStrategyTransitionRefusal('retired', to, everything)).toMatch(/retired/);
    expect(strategyLifecycle.isTerminal('retired')).toBe(true);
  });
});
