import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { parsePromotionPolicy, resolvePromotionPolicy } from './promotion-policy.schema.ts';
import { defaultPromotionPolicy, type PromotionPolicy } from './promotion-policy.ts';

/** A deep copy of the default with `change` applied. */
function policyWith(change: (policy: PromotionPolicy) => void): unknown {
  const policy = structuredClone(defaultPromotionPolicy);
  change(policy);
  return policy;
}

/** The ValidationError `parsePromotionPolicy` throws for `input`. */
function refusal(input: unknown): ValidationError {
  try {
    parsePromotionPolicy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('the policy was accepted');
}

describe('promotion policy validation', () => {
  it('accepts the default (promotion-framework §1–2 numbers) and returns it unchanged', () => {
    expect(parsePromotionPolicy(structuredClone(defaultPromotionPolicy))).toEqual(defaultPromotionPolicy);
    expect(defaultPromotionPolicy.portfolio).toEqual({ liveCap: 35, maxTemplateShare: 0.3, maxPairwiseCorrelation: 0.7, correlationWindowDays: 90, minCorrelationOverlapDays: 30 });
    expect(defaultPromotionPolicy.gates.observeToShadow.stabilityWindow).toMatchObject({ minSessions: 5, minEvaluations: 500 });
    expect(defaultPromotionPolicy.gates.shadowToPaper.stabilityWindow).toMatchObject({ minSessions: 10, minFills: 50, minEvaluationsInsteadOfFills: 1000 });
    expect(defaultPromotionPolicy.gates.paperToLive.stabilityWindow).toMatchObject({ minSessions: 20, minOrders: 100 });
    expect(defaultPromotionPolicy.requestValidityDays).toBe(7);
  });

  it('a version stored before requestValidityDays existed reads the 7-day default; another value is kept', () => {
    const { requestValidityDays: _omitted, ...older } = structuredClone(defaultPromotionPolicy);
    expect(parsePromotionPolicy(older).requestValidityDays).toBe(7);
    expect(parsePromotionPolicy(policyWith((p) => (p.requestValidityDays = 2))).requestValidityDays).toBe(2);
  });

  it('the re-entry cool-down is optional: absent (every stored version) and null read as none, a valid one is kept, a bad one names its field', () => {
    expect(parsePromotionPolicy(structuredClone(defaultPromotionPolicy)).reentryCooldown).toBeUndefined();
    expect(parsePromotionPolicy(policyWith((p) => (p.reentryCooldown = null))).reentryCooldown).toBeNull();
    const cooldown = { days: 30, escalationFactor: 2, lookbackDays: 180, requireScorecardAfterExit: true };
    expect(parsePromotionPolicy(policyWith((p) => (p.reentryCooldown = cooldown))).reentryCooldown).toEqual(cooldown);
    expect(refusal(policyWith((p) => (p.reentryCooldown = { ...cooldown, days: 0 }))).field).toBe('reentryCooldown.days');
    expect(refusal(policyWith((p) => (p.reentryCooldown = { ...cooldown, escalationFactor: 0.5 }))).field).toBe('reentryCooldown.escalationFactor');
    expect(refusal(policyWith((p) => Object.assign(p, { reentryCooldown: { ...cooldown, hours: 3 } }))).message).toContain('reentryCooldown');
  });

  it('a version stored before candidate.observeStart existed reads null (production starts OBSERVE); a replay or an exchange feed is kept', () => {
    const older = structuredClone(defaultPromotionPolicy) as { candidate: Partial<PromotionPolicy['candidate']> };
    delete older.candidate.observeStart;
    expect(parsePromotionPolicy(older).candidate.observeStart).toBeNull();
    expect(parsePromotionPolicy(policyWith((p) => (p.candidate.observeStart = { feed: 'replay', asFastAsPossible: true }))).candidate.observeStart).toEqual({ feed: 'replay', asFastAsPossible: true });
    expect(parsePromotionPolicy(policyWith((p) => (p.candidate.observeStart = { feed: 'live', venue: 'coinbase' }))).candidate.observeStart).toEqual({ feed: 'live', venue: 'coinbase' });
  });

  it.each([
    ['an OBSERVE start on a venue that is no exchange', (p: PromotionPolicy) => (p.candidate.observeStart = { feed: 'live', venue: 'paper' as 'coinbase' }), 'candidate.observeStart.venue'],
    ['a negative window', (p: PromotionPolicy) => (p.gates.shadowToPaper.stabilityWindow.minSessions = -1), 'gates.shadowToPaper.stabilityWindow.minSessions'],
    ['a fractional count', (p: PromotionPolicy) => (p.gates.paperToLive.stabilityWindow.minOrders = 10.5), 'gates.paperToLive.stabilityWindow.minOrders'],
    ['a hit rate above 1', (p: PromotionPolicy) => (p.gates.observeToShadow.signalQuality.minHitRate = 52), 'gates.observeToShadow.signalQuality.minHitRate'],
    ['a positive drawdown limit', (p: PromotionPolicy) => (p.gates.shadowToPaper.risk.minMaxDrawdown = 0.03), 'gates.shadowToPaper.risk.minMaxDrawdown'],
    ['a correlation cap above 1', (p: PromotionPolicy) => (p.portfolio.maxPairwiseCorrelation = 1.5), 'portfolio.maxPairwiseCorrelation'],
    ['a live cap of 0', (p: PromotionPolicy) => (p.portfolio.liveCap = 0), 'portfolio.liveCap'],
    ['a negative lookback', (p: PromotionPolicy) => (p.demotion.lookbackDays = -3), 'demotion.lookbackDays'],
    ['a request validity of 0 days', (p: PromotionPolicy) => (p.requestValidityDays = 0), 'requestValidityDays'],
    ['a request validity above 90 days', (p: PromotionPolicy) => (p.requestValidityDays = 91), 'requestValidityDays'],
    ['a NaN threshold', (p: PromotionPolicy) => (p.gates.paperToLive.operational.maxOrderErrorRate = Number.NaN), 'gates.paperToLive.operational.maxOrderErrorRate'],
    ['an unknown role', (p: PromotionPolicy) => ((p.approvalMatrix.shadowToPaper.steps[0].roles as string[])[0] = 'ops'), 'approvalMatrix.shadowToPaper.steps.0.roles.0'],
    ['an overlap longer than the window', (p: PromotionPolicy) => (p.portfolio.minCorrelationOverlapDays = 120), 'portfolio.minCorrelationOverlapDays'],
    ['calibration buckets above the bucket count', (p: PromotionPolicy) => (p.gates.observeToShadow.signalQuality.minCalibrationMonotonicBuckets = 6), 'gates.observeToShadow.signalQuality.minCalibrationMonotonicBuckets'],
    ['auto-approval beyond OBSERVE → SHADOW', (p: PromotionPolicy) => (p.approvalMatrix.shadowToPaper.autoApprove = true), 'approvalMatrix.shadowToPaper.autoApprove'],
    ['a duplicated step', (p: PromotionPolicy) => (p.approvalMatrix.paperToLive.steps[1].key = 'riskApprover'), 'approvalMatrix.paperToLive.steps.1.key'],
    ['LIVE without a final authorizer', (p: PromotionPolicy) => p.approvalMatrix.paperToLive.steps.pop(), 'approvalMatrix.paperToLive.steps'],
    ['a version with spaces', (p: PromotionPolicy) => (p.version = 'my policy'), 'version'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const error = refusal(policyWith(change));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('refuses an unknown field, naming it (nested and at the root)', () => {
    const nested = refusal(policyWith((p) => Object.assign(p.gates.paperToLive.risk, { maxLeverage: 2 })));
    expect(nested.field).toBe('gates.paperToLive.risk.maxLeverage');
    expect(nested.message).toContain('unknown field');
    expect(refusal({ ...structuredClone(defaultPromotionPolicy), comment: 'x' }).field).toBe('comment');
  });

  it('refuses a missing field (null must be written out to switch a rule off)', () => {
    const missing = refusal(policyWith((p) => delete (p.gates.observeToShadow.signalQuality as Partial<PromotionPolicy['gates']['observeToShadow']['signalQuality']>).minCoverage));
    expect(missing.field).toBe('gates.observeToShadow.signalQuality.minCoverage');
    expect(() => parsePromotionPolicy(policyWith((p) => (p.gates.observeToShadow.signalQuality.minCoverage = null)))).not.toThrow();
  });

  it('refuses a definition that is not an object', () => {
    expect(refusal('2026.12.1').message).toContain('promotion policy: the definition');
  });
});

describe('resolvePromotionPolicy (fail closed)', () => {
  it('a valid definition allows the whole ladder', () => {
    const resolution = resolvePromotionPolicy(structuredClone(defaultPromotionPolicy));
    expect(resolution).toMatchObject({ valid: true, stageCeiling: 'live' });
  });
  it('no policy keeps everything at OBSERVE', () => {
    expect(resolvePromotionPolicy(null)).toEqual({ valid: false, field: null, reason: 'no promotion policy: everything stays OBSERVE', stageCeiling: 'observe' });
    expect(resolvePromotionPolicy(undefined)).toMatchObject({ valid: false, stageCeiling: 'observe' });
  });
  it('an invalid or unknown-field definition keeps everything at OBSERVE and names the field', () => {
    const resolution = resolvePromotionPolicy(policyWith((p) => Object.assign(p, { futureRule: true })));
    expect(resolution).toMatchObject({ valid: false, field: 'futureRule', stageCeiling: 'observe' });
    expect(resolution.valid ? '' : resolution.reason).toContain('everything stays OBSERVE');
  });
});
