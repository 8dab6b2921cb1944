import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { parseMonitoringPolicy, resolveMonitoringPolicy } from './monitoring-policy.schema.ts';
import { defaultMonitoringPolicy, monitoringRuleNames, type MonitoringPolicy } from './monitoring-policy.ts';

/** A deep copy of the default with `change` applied. */
function policyWith(change: (policy: MonitoringPolicy) => void): unknown {
  const policy = structuredClone(defaultMonitoringPolicy);
  change(policy);
  return policy;
}

/** The ValidationError `parseMonitoringPolicy` throws for `input`. */
function refusal(input: unknown): ValidationError {
  try {
    parseMonitoringPolicy(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('the policy was accepted');
}

describe('monitoring policy validation', () => {
  it('accepts the default (the specs’ decisions) and returns it unchanged', () => {
    expect(parseMonitoringPolicy(structuredClone(defaultMonitoringPolicy))).toEqual(defaultMonitoringPolicy);
    const { rules } = defaultMonitoringPolicy;
    expect([rules.benchmarkLag.windowDays, rules.benchmarkLag.minActiveReturn, rules.benchmarkLag.action.kind]).toEqual([30, -0.02, 'rollback']);
    expect([rules.drawdownVsBenchmark.maxDrawdownMultiple, rules.drawdownVsBenchmark.action.kind]).toEqual([1.5, 'rollback']);
    expect([rules.underperformance.minActiveReturn, rules.underperformance.action.kind]).toEqual([-0.15, 'deactivate']);
    expect([rules.drawdown.minDrawdown, rules.drawdown.action.kind, rules.drawdown.action.positionSizeFactor]).toEqual([-0.2, 'throttle', 0.5]);
    expect([rules.dailyLoss.minDailyReturn, rules.dailyLoss.action.kind, rules.dailyLoss.action.toStage]).toEqual([-0.02, 'demote', 'shadow']);
    expect([rules.drift.windowDays, rules.drift.minSharpeRatioToExpected, rules.drift.action.revalidate]).toEqual([90, 0.5, true]);
    expect([rules.correlation.maxCorrelation, rules.correlation.action.kind]).toEqual([0.8, 'redundancy_flag']);
    expect([rules.dataIntegrity.action.kind, rules.dataIntegrity.action.toStage, rules.dataIntegrity.action.freeze]).toEqual(['observe_freeze', 'observe', true]);
    for (const name of monitoringRuleNames) expect(rules[name].persistence.minBars).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a negative window', (p: MonitoringPolicy) => (p.rules.benchmarkLag.windowDays = -30), 'rules.benchmarkLag.windowDays'],
    ['a zero window', (p: MonitoringPolicy) => (p.rules.drift.windowDays = 0), 'rules.drift.windowDays'],
    ['a fractional window', (p: MonitoringPolicy) => (p.rules.drawdown.windowDays = 1.5), 'rules.drawdown.windowDays'],
    ['a negative persistence duration', (p: MonitoringPolicy) => (p.rules.underperformance.persistence.minDurationMs = -1), 'rules.underperformance.persistence.minDurationMs'],
    ['a persistence of 0 marks', (p: MonitoringPolicy) => (p.rules.benchmarkLag.persistence.minBars = 0), 'rules.benchmarkLag.persistence.minBars'],
    ['an inverted lag threshold (a gain)', (p: MonitoringPolicy) => (p.rules.benchmarkLag.minActiveReturn = 0.02), 'rules.benchmarkLag.minActiveReturn'],
    ['an inverted drawdown threshold', (p: MonitoringPolicy) => (p.rules.drawdown.minDrawdown = 0.2), 'rules.drawdown.minDrawdown'],
    ['an inverted daily loss', (p: MonitoringPolicy) => (p.rules.dailyLoss.minDailyReturn = 0.02), 'rules.dailyLoss.minDailyReturn'],
    ['a drawdown multiple below 1', (p: MonitoringPolicy) => (p.rules.drawdownVsBenchmark.maxDrawdownMultiple = 0.5), 'rules.drawdownVsBenchmark.maxDrawdownMultiple'],
    ['a CVaR limit above the VaR limit', (p: MonitoringPolicy) => (p.rules.conditionalValueAtRisk.minConditionalValueAtRisk = -0.01), 'rules.conditionalValueAtRisk.minConditionalValueAtRisk'],
    ['deactivation shallower than rollback', (p: MonitoringPolicy) => (p.rules.underperformance.minActiveReturn = -0.01), 'rules.underperformance.minActiveReturn'],
    ['a drift ratio above 1', (p: MonitoringPolicy) => (p.rules.drift.minSharpeRatioToExpected = 1.5), 'rules.drift.minSharpeRatioToExpected'],
    ['a correlation limit above 1', (p: MonitoringPolicy) => (p.rules.correlation.maxCorrelation = 1.2), 'rules.correlation.maxCorrelation'],
    ['an overlap longer than the window', (p: MonitoringPolicy) => (p.rules.correlation.minOverlapDays = 40), 'rules.correlation.minOverlapDays'],
    ['a NaN threshold', (p: MonitoringPolicy) => (p.rules.valueAtRisk.minValueAtRisk = Number.NaN), 'rules.valueAtRisk.minValueAtRisk'],
    ['a rollback without a stage', (p: MonitoringPolicy) => (p.rules.benchmarkLag.action.toStage = null), 'rules.benchmarkLag.action.toStage'],
    ['a throttle without a size factor', (p: MonitoringPolicy) => (p.rules.drawdown.action.positionSizeFactor = null), 'rules.drawdown.action.positionSizeFactor'],
    ['a size factor of 1', (p: MonitoringPolicy) => (p.rules.drawdown.action.positionSizeFactor = 1), 'rules.drawdown.action.positionSizeFactor'],
    ['an unknown action', (p: MonitoringPolicy) => ((p.rules.drift.action as { kind: string }).kind = 'retry_live'), 'rules.drift.action.kind'],
    ['a lowercase top alt', (p: MonitoringPolicy) => (p.benchmark.topAltSymbol = 'sol-usdt'), 'benchmark.topAltSymbol'],
  ])('refuses %s, naming the field', (_, change, field) => {
    const error = refusal(policyWith(change));
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('refuses an unknown field, naming it (nested and at the root)', () => {
    const nested = refusal(policyWith((p) => Object.assign(p.rules.drawdown, { maxLeverage: 2 })));
    expect(nested.field).toBe('rules.drawdown.maxLeverage');
    expect(nested.message).toContain('unknown field');
    expect(refusal({ ...structuredClone(defaultMonitoringPolicy), comment: 'x' }).field).toBe('comment');
    expect(refusal(policyWith((p) => Object.assign(p.rules, { sentiment: {} }))).field).toBe('rules.sentiment');
  });

  it('refuses a missing field', () => {
    expect(refusal(policyWith((p) => delete (p.rules.dailyLoss as Partial<MonitoringPolicy['rules']['dailyLoss']>).persistence)).field).toBe('rules.dailyLoss.persistence');
  });
});

describe('resolveMonitoringPolicy (fail closed)', () => {
  it('a valid definition resolves; none or an invalid one does not, with the field', () => {
    expect(resolveMonitoringPolicy(structuredClone(defaultMonitoringPolicy))).toMatchObject({ valid: true });
    expect(resolveMonitoringPolicy(null)).toEqual({ valid: false, field: null, reason: 'no monitoring policy: every deployment goes to OBSERVE' });
    expect(resolveMonitoringPolicy(policyWith((p) => (p.rules.drift.windowDays = -1)))).toMatchObject({ valid: false, field: 'rules.drift.windowDays' });
  });
});
