import { describe, expect, it } from 'vitest';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import {
  lag1000MonitoringVersion,
  permissiveCooldownSimulationPromotionVersion,
  permissiveSimulationPromotionVersion,
  stressSimulationMonitoringVersion,
  stressSimulationPromotionVersion,
} from '../../src/domain/simulation/simulation-policies.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const resultQuery = `query Result($id: ID!, $first: Int!, $offset: Int!, $kinds: [SimulationDecisionKind!]) {
  governanceSimulation(id: $id) {
    status
    evaluationIntervalDays
    minApprovalDelayHours
    result {
      divergenceCount
      difference { rollbacks finalEquity maxDrawdown }
      firstDivergence { index at baseline { kind sequence } variant { kind sequence } }
      divergences(first: 5) { totalCount offset items { arm decision { sequence at kind } } }
      days(maxPoints: 10) { date baselineEquity variantEquity benchmarkEquity baselineDrawdown variantDrawdown baselineLiveCount }
      baseline {
        arm
        counts { evaluationCycles promotionsToLive rollbacks approvalsSigned }
        sc002 { evaluated stillActive successRate target }
        sc003 { totalLossPrevented totalGainGivenUp stintsLosingMoreThan20Percent exits { kind lossPrevented } }
        sc004 { actions withinTarget targetHours }
        lifecycleSc004 { rollbacks withinTarget targetMinutes }
        sc006 { maxCorrelation limit }
        sc010 { maxTemplateShare limit templatesEverLive }
        portfolio { finalEquity totalReturn maxDrawdown sharpe maxLiveCount benchmark { totalReturn } }
        timings { evaluationCyclesMs executionMs }
        decisions(first: $first, offset: $offset, kinds: $kinds) { totalCount offset items { sequence at kind rule message evidence { rule measured threshold status } } }
      }
      variant { arm counts { rollbacks } }
    }
  }
}`;

interface ResultData {
  governanceSimulation: {
    status: string;
    evaluationIntervalDays: number;
    minApprovalDelayHours: number;
    result: {
      divergenceCount: number;
      days: { date: string; baselineEquity: number; baselineDrawdown: number }[];
      divergences: { totalCount: number; items: unknown[] };
      baseline: {
        arm: string;
        counts: { evaluationCycles: number };
        sc002: { target: number };
        sc004: { targetHours: number };
        lifecycleSc004: { targetMinutes: number } | null;
        decisions: { totalCount: number; offset: number; items: { sequence: number; kind: string }[] };
      };
      variant: { arm: string };
    } | null;
  };
}

describe('governance simulation result over GraphQL (issue 15)', () => {
  it('serves the typed result: both arms’ SC figures, the daily series, paged decision logs with bounds naming the argument', async () => {
    const started = await api.request<{ startGovernanceSimulation: { simulation: { id: string; databaseId: string; status: string; result: null } } }>(
      `mutation Start($input: StartGovernanceSimulationInput!) { startGovernanceSimulation(input: $input) { simulation { id databaseId status result { divergenceCount } } } }`,
      { input: { start: '2021-01-01T00:00:00Z', end: '2021-02-15T00:00:00Z', seed: 7, variantPolicies: { monitoring: lag1000MonitoringVersion }, evaluationIntervalDays: 7 } },
      { role: 'risk' },
    );
    expect(started.errors).toBeUndefined();
    const simulation = started.data!.startGovernanceSimulation.simulation;
    expect(simulation).toMatchObject({ status: 'QUEUED', result: null });
    await api.services().governanceSimulations.execute(simulation.databaseId);

    const page = await api.request<ResultData>(resultQuery, { id: simulation.id, first: 3, offset: 1 }, { role: 'compliance' });
    expect(page.errors).toBeUndefined();
    const run = page.data!.governanceSimulation;
    expect(run).toMatchObject({ status: 'COMPLETED', evaluationIntervalDays: 7, minApprovalDelayHours: 2 });
    const result = run.result!;
    expect(result.baseline.arm).toBe('BASELINE');
    expect(result.variant.arm).toBe('VARIANT');
    expect(result.baseline.counts.evaluationCycles).toBeGreaterThan(0);
    expect(result.baseline.sc002.target).toBe(0.75);
    expect(result.baseline.sc004.targetHours).toBe(1);
    expect(result.baseline.lifecycleSc004?.targetMinutes).toBe(2);
    // 45 days thinned to 10 points, first and last kept; drawdowns are ≤ 0.
    expect(result.days).toHaveLength(10);
    expect(result.days[0]!.date).toBe('2021-01-01T00:00:00.000Z');
    expect(result.days.every((day) => day.baselineDrawdown <= 0 && day.baselineEquity > 0)).toBe(true);
    expect(result.divergences.totalCount).toBe(result.divergenceCount);
    const decisions = result.baseline.decisions;
    expect(decisions.totalCount).toBeGreaterThan(3);
    expect(decisions.offset).toBe(1);
    expect(decisions.items.map((item) => item.sequence)).toEqual([1, 2, 3]);

    const cycles = await api.request<ResultData>(resultQuery, { id: simulation.id, first: 500, offset: 0, kinds: ['EVALUATION_CYCLE'] });
    expect(cycles.data!.governanceSimulation.result!.baseline.decisions.items.every((item) => item.kind === 'EVALUATION_CYCLE')).toBe(true);
    expect(cycles.data!.governanceSimulation.result!.baseline.decisions.totalCount).toBe(result.baseline.counts.evaluationCycles);

    for (const [variables, field] of [
      [{ first: 0, offset: 0 }, 'first'],
      [{ first: 501, offset: 0 }, 'first'],
      [{ first: 10, offset: -1 }, 'offset'],
    ] as const) {
      const refused = await api.request(resultQuery, { id: simulation.id, ...variables });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const points = await api.request(`query($id: ID!) { governanceSimulation(id: $id) { result { days(maxPoints: 1) { date } } } }`, { id: simulation.id });
    expect(points.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxPoints' });

    const options = await api.request<{ governanceSimulationOptions: { versions: { monitoring: string[] }; defaults: { monitoring: string }; dataStart: string; defaultEvaluationIntervalDays: number } }>(
      `{ governanceSimulationOptions { dataStart dataEnd defaultStart defaultEvaluationIntervalDays versions { scoring promotion monitoring capital } defaults { monitoring } } }`,
      {},
      { role: 'production' },
    );
    expect(options.errors).toBeUndefined();
    expect(options.data!.governanceSimulationOptions.versions.monitoring).toContain(lag1000MonitoringVersion);
    expect(options.data!.governanceSimulationOptions.versions.monitoring).toContain(options.data!.governanceSimulationOptions.defaults.monitoring);
    expect(Date.parse(options.data!.governanceSimulationOptions.dataStart)).toBeLessThan(Date.parse('2020-01-01T00:00:00Z'));
  });

  it('takes configurationsPerTemplate and deploymentsPerStrategy, shows them among the run’s inputs, refuses out-of-range values naming the field', async () => {
    const start = `mutation Start($input: StartGovernanceSimulationInput!) { startGovernanceSimulation(input: $input) { simulation { id configurationsPerTemplate deploymentsPerStrategy } } }`;
    const period = { start: '2021-01-01T00:00:00Z', end: '2021-02-15T00:00:00Z' };
    // A seed no other test uses: a refused start must leave no run with it.
    const seed = 915_015;
    for (const [extra, field] of [
      [{ configurationsPerTemplate: 21 }, 'configurationsPerTemplate'],
      [{ configurationsPerTemplate: 1 }, 'configurationsPerTemplate'],
      [{ configurationsPerTemplate: 4, deploymentsPerStrategy: 5 }, 'deploymentsPerStrategy'],
      [{ deploymentsPerStrategy: 0 }, 'deploymentsPerStrategy'],
    ] as const) {
      const refused = await api.request(start, { input: { ...period, seed, ...extra } }, { role: 'research' });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(refused.errors![0]!.message).toContain(field);
    }
    const listed = await api.request<{ governanceSimulations: { seed: number }[] }>(`{ governanceSimulations(first: 100) { seed } }`, {}, { role: 'research' });
    expect(listed.data!.governanceSimulations.filter((run) => run.seed === seed)).toHaveLength(0);

    const started = await api.request<{ startGovernanceSimulation: { simulation: { id: string; configurationsPerTemplate: number; deploymentsPerStrategy: number } } }>(
      start,
      { input: { ...period, seed, configurationsPerTemplate: 5, deploymentsPerStrategy: 5 } },
      { role: 'research' },
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.startGovernanceSimulation.simulation).toMatchObject({ configurationsPerTemplate: 5, deploymentsPerStrategy: 5 });
    const cancelled = await api.request(
      `mutation Cancel($input: CancelGovernanceSimulationInput!) { cancelGovernanceSimulation(input: $input) { simulation { status } } }`,
      { input: { simulationId: started.data!.startGovernanceSimulation.simulation.id, reason: 'test: inputs read back' } },
      { role: 'research' },
    );
    expect(cancelled.errors).toBeUndefined();

    const defaults = await api.request<{ governanceSimulationOptions: { defaultConfigurationsPerTemplate: number; defaultDeploymentsPerStrategy: number } }>(
      `{ governanceSimulationOptions { defaultConfigurationsPerTemplate defaultDeploymentsPerStrategy } }`,
      {},
      { role: 'research' },
    );
    expect(defaults.data!.governanceSimulationOptions).toEqual({ defaultConfigurationsPerTemplate: 3, defaultDeploymentsPerStrategy: 1 });
  });

  it('lists only the policy versions a user may choose and refuses a bench-only version naming the field, starting nothing', async () => {
    const options = await api.request<{ governanceSimulationOptions: { versions: { promotion: string[]; monitoring: string[] } } }>(
      `{ governanceSimulationOptions { versions { promotion monitoring } } }`,
      {},
      { role: 'research' },
    );
    expect(options.errors).toBeUndefined();
    expect(options.data!.governanceSimulationOptions.versions).toEqual({
      promotion: [defaultPromotionPolicy.version, permissiveSimulationPromotionVersion, permissiveCooldownSimulationPromotionVersion],
      monitoring: [defaultMonitoringPolicy.version, lag1000MonitoringVersion],
    });

    const start = `mutation Start($input: StartGovernanceSimulationInput!) { startGovernanceSimulation(input: $input) { simulation { id } } }`;
    const period = { start: '2021-01-01T00:00:00Z', end: '2021-02-15T00:00:00Z' };
    // A seed no other test uses: a refused start must leave no run with it.
    const seed = 915_016;
    for (const [policies, field] of [
      [{ variantPolicies: { promotion: stressSimulationPromotionVersion } }, 'variantPolicies.promotion'],
      [{ variantPolicies: { monitoring: stressSimulationMonitoringVersion } }, 'variantPolicies.monitoring'],
      [{ baselinePolicies: { monitoring: stressSimulationMonitoringVersion } }, 'policies.monitoring'],
    ] as const) {
      const refused = await api.request(start, { input: { ...period, seed, ...policies } }, { role: 'risk' });
      expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(refused.errors![0]!.message).toContain(field);
      expect(refused.errors![0]!.message).toContain('bench-only');
    }
    const listed = await api.request<{ governanceSimulations: { seed: number }[] }>(`{ governanceSimulations(first: 100) { seed } }`, {}, { role: 'research' });
    expect(listed.data!.governanceSimulations.filter((run) => run.seed === seed)).toHaveLength(0);
  });
});
