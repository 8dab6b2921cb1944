import { describe, expect, it } from 'vitest';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { parseMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.schema.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { parsePromotionPolicy } from '../../src/domain/promotion/promotion-policy.schema.ts';
import { defaultSimulationPolicyVersions, simulationPolicies, stressSimulationMonitoringVersion, stressSimulationPromotionVersion } from '../../src/domain/simulation/simulation-policies.ts';

describe('simulation policy versions', () => {
  it('the bench-only stress versions exist, say so in their version, are valid policies and are not the defaults', () => {
    const promotion = simulationPolicies.promotion.get(stressSimulationPromotionVersion)!;
    const monitoring = simulationPolicies.monitoring.get(stressSimulationMonitoringVersion)!;
    expect(promotion.version).toMatch(/-stress-sim$/);
    expect(monitoring.version).toMatch(/-stress-sim$/);
    expect(parsePromotionPolicy(promotion)).toEqual(promotion);
    expect(parseMonitoringPolicy(monitoring)).toEqual(monitoring);
    expect(Object.values(defaultSimulationPolicyVersions)).not.toContain(stressSimulationPromotionVersion);
    expect(Object.values(defaultSimulationPolicyVersions)).not.toContain(stressSimulationMonitoringVersion);
    // The portfolio limits stay; the rules that move a deployment are off; the defaults are untouched.
    expect(promotion.portfolio).toEqual(defaultPromotionPolicy.portfolio);
    expect(monitoring.rules.benchmarkLag.enabled).toBe(false);
    expect(monitoring.rules.dailyLoss.enabled).toBe(false);
    expect(simulationPolicies.promotion.get(defaultPromotionPolicy.version)).toBe(defaultPromotionPolicy);
    expect(defaultPromotionPolicy.gates.paperToLive.stabilityWindow.minSessions).toBe(20);
    expect(defaultMonitoringPolicy.rules.benchmarkLag.enabled).toBe(true);
    expect(defaultMonitoringPolicy.rules.dailyLoss.enabled).toBe(true);
  });
});
