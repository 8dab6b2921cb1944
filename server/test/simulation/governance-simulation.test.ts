import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBundledSimulationMarket } from '../../src/services/simulation/bundled-simulation-market.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { runGovernanceSimulation } from '../../src/domain/simulation/governance-simulation.ts';
import { runSimulationComparison } from '../../src/domain/simulation/run-simulation-comparison.ts';
import { defaultSimulationInput, validateSimulationInput, type GovernanceSimulationInput } from '../../src/domain/simulation/simulation-input.ts';
import { truncateSimulationMarket } from '../../src/domain/simulation/simulation-market.ts';
import { defaultSimulationPolicyVersions, lag1000MonitoringVersion, permissiveCooldownSimulationPromotionVersion, permissiveSimulationPromotionVersion, simulationReentryCooldown } from '../../src/domain/simulation/simulation-policies.ts';

// Real bundled data (BTC/ETH/SOL 1h). Small arms keep the file fast: 4 templates × 2 configurations, 150-day lookback.
const market = loadBundledSimulationMarket();
const permissive = { ...defaultSimulationPolicyVersions, promotion: permissiveSimulationPromotionVersion };
const smallInput = (startIso: string, endIso: string, overrides: Partial<GovernanceSimulationInput> = {}): GovernanceSimulationInput => ({
  ...defaultSimulationInput(market.lastMs + 3_600_000, permissive),
  templateIds: ['sma_crossover', 'ema_crossover', 'donchian_breakout', 'time_series_momentum'],
  configurationsPerTemplate: 2,
  evaluationLookbackDays: 150,
  startMs: Date.parse(startIso),
  endMs: Date.parse(endIso),
  ...overrides,
});
const range = { firstMs: market.firstMs, lastMs: market.lastMs };
const run = (input: GovernanceSimulationInput, simulated = market) => runGovernanceSimulation(simulated, input, validateSimulationInput(input, range));

describe('governance simulation', () => {
  it('is deterministic for a seed and walks deployments up the ladder with the production decisions', () => {
    const input = smallInput('2021-01-01T00:00:00Z', '2021-04-01T00:00:00Z');
    const first = run(input);
    const second = run(input);
    expect(second.decisions).toEqual(first.decisions);
    expect(second.days).toEqual(first.days);
    const kinds = new Set(first.decisions.map((decision) => decision.kind));
    expect(kinds).toContain('candidate');
    expect(kinds).toContain('promotion_executed');
    expect(kinds).toContain('approval_signed');
    // Every stage change cites its policy version and evidence.
    for (const decision of first.decisions.filter((candidate) => candidate.kind === 'promotion_executed')) {
      expect(decision.policyVersion).toBe(permissiveSimulationPromotionVersion);
      expect(decision.evidence.length).toBeGreaterThan(0);
    }
  });

  it('a different seed changes the simulated approvals', () => {
    const a = run(smallInput('2021-01-01T00:00:00Z', '2021-03-01T00:00:00Z'));
    const b = run(smallInput('2021-01-01T00:00:00Z', '2021-03-01T00:00:00Z', { seed: 7 }));
    const signatures = (decisions: typeof a.decisions) => decisions.filter((decision) => decision.kind === 'approval_signed').map((decision) => decision.atMs);
    expect(signatures(b.decisions)).not.toEqual(signatures(a.decisions));
  });

  it('no look-ahead: a run on the market cut at a random bar decides exactly as the full run up to that bar', () => {
    const input = smallInput('2021-01-01T00:00:00Z', '2021-03-15T00:00:00Z');
    const full = run(input);
    const start = Date.parse('2021-01-10T00:00:00Z');
    const hours = (Date.parse('2021-03-14T00:00:00Z') - start) / 3_600_000;
    const comparable = (decisions: typeof full.decisions, untilMs: number) =>
      // Signatures are recorded when their request settles, which may fall after the cut: compared through the settlement.
      decisions.filter((decision) => decision.atMs <= untilMs && decision.kind !== 'approval_signed').map(({ sequence: _sequence, ...decision }) => decision);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: hours }), (hour) => {
        const lastOpenMs = start + hour * 3_600_000;
        const cut = run(input, truncateSimulationMarket(market, lastOpenMs));
        const untilMs = lastOpenMs + 3_600_000;
        expect(comparable(cut.decisions, untilMs)).toEqual(comparable(full.decisions, untilMs));
        expect(cut.days).toEqual(full.days.filter((day) => day.atMs <= untilMs));
      }),
      { numRuns: 3, seed: 20261205 },
    );
  });

  it('a rollback lag threshold of 1,000 bps instead of 200 changes the rollbacks, and the first divergence names it', () => {
    const input = smallInput('2021-01-01T00:00:00Z', '2021-05-01T00:00:00Z');
    const comparison = runSimulationComparison(market, input, { ...permissive, monitoring: lag1000MonitoringVersion });
    expect(comparison.cancelled).toBe(false);
    const lagRollbacks = (decisions: typeof comparison.baseline.decisions) => decisions.filter((decision) => decision.kind === 'rollback' && decision.rule === 'rules.benchmarkLag').length;
    expect(lagRollbacks(comparison.baseline.decisions)).toBeGreaterThan(0);
    expect(lagRollbacks(comparison.variant.decisions)).toBeLessThan(lagRollbacks(comparison.baseline.decisions));
    expect(comparison.firstDivergence).not.toBeNull();
    expect(comparison.firstDivergence!.baseline?.kind).toBe('rollback');
    expect(comparison.firstDivergence!.baseline?.rule).toBe('rules.benchmarkLag');
    expect(comparison.divergences[0].decision.atMs).toBe(comparison.firstDivergence!.atMs);
    expect(comparison.variant.policyVersions.monitoring).toBe(lag1000MonitoringVersion);
    // The variant arm reuses the baseline's evaluation cycles (SimulationHooks.evaluations): it decides exactly as the
    // variant run alone, which evaluates every cycle itself.
    const alone = run({ ...input, policies: { ...permissive, monitoring: lag1000MonitoringVersion } });
    expect(comparison.variant.decisions).toEqual(alone.decisions);
    expect(comparison.variant.days).toEqual(alone.days);
  });

  it('the re-entry cool-down (same pure gate as production) keeps a rolled-back or demoted deployment from re-promotion for 30 days', () => {
    const input = smallInput('2021-01-01T00:00:00Z', '2021-07-01T00:00:00Z');
    const comparison = runSimulationComparison(market, input, { ...permissive, promotion: permissiveCooldownSimulationPromotionVersion });
    type Decisions = typeof comparison.baseline.decisions;
    /** Promotions executed less than `days` after the same deployment's latest protective exit. */
    const quickReentries = (decisions: Decisions, days: number) => {
      const lastExit = new Map<string, number>();
      let count = 0;
      for (const decision of decisions) {
        if (decision.deploymentId === null) continue;
        if (['rollback', 'demotion', 'observe_freeze'].includes(decision.kind)) lastExit.set(decision.deploymentId, decision.atMs);
        const exitMs = lastExit.get(decision.deploymentId);
        if (decision.kind === 'promotion_executed' && exitMs !== undefined && decision.atMs - exitMs < days * 86_400_000) count++;
      }
      return count;
    };
    // Without the rule a deployment re-enters within days of its exit; with it, never inside the 30 days.
    expect(quickReentries(comparison.baseline.decisions, simulationReentryCooldown.days)).toBeGreaterThan(0);
    expect(quickReentries(comparison.variant.decisions, simulationReentryCooldown.days)).toBe(0);
    const refusals = comparison.variant.decisions.filter((decision) => decision.kind === 'gate_refused' && decision.rule === 'reentryCooldown.days');
    expect(refusals.length).toBeGreaterThan(0);
    const evidence = refusals[0].evidence.find((item) => item.rule === 'reentryCooldown.days')!;
    expect(evidence.threshold).toBeGreaterThanOrEqual(simulationReentryCooldown.days);
    expect(evidence.measured).toBeLessThan(evidence.threshold!);
    expect(comparison.variant.counts.promotionsToPaper).toBeLessThan(comparison.baseline.counts.promotionsToPaper);
  });

  it('deploymentsPerStrategy: a candidate strategy deploys several of its configurations, each its own deployment', () => {
    const one = run(smallInput('2021-01-01T00:00:00Z', '2021-03-01T00:00:00Z'));
    const two = run(smallInput('2021-01-01T00:00:00Z', '2021-03-01T00:00:00Z', { deploymentsPerStrategy: 2 }));
    const deployedBy = (decisions: typeof one.decisions) => {
      const byStrategy = new Map<string, Set<string>>();
      for (const decision of decisions.filter((candidate) => candidate.kind === 'candidate')) {
        const configuration = /deploys (\S+) on/.exec(decision.message)![1];
        byStrategy.set(decision.strategyId!, (byStrategy.get(decision.strategyId!) ?? new Set()).add(configuration));
      }
      return byStrategy;
    };
    // With one deployment per strategy a strategy deploys one configuration at a time; with two, the candidate
    // strategies deploy both of their configurations (two deployments, distinct configurations).
    expect(Math.max(...[...deployedBy(one.decisions).values()].map((set) => set.size))).toBe(1);
    const several = [...deployedBy(two.decisions).values()];
    expect(several.length).toBeGreaterThan(0);
    expect(several.every((set) => set.size === 2)).toBe(true);
    expect(Math.max(...two.days.map((day) => day.observeCount + day.shadowCount + day.paperCount + day.liveCount))).toBeGreaterThan(Math.max(...one.days.map((day) => day.observeCount + day.shadowCount + day.paperCount + day.liveCount)));
  });

  it('a cancelled run stops at the next simulated day and says so', () => {
    let polls = 0;
    const result = runGovernanceSimulation(market, smallInput('2021-01-01T00:00:00Z', '2021-06-01T00:00:00Z'), validateSimulationInput(smallInput('2021-01-01T00:00:00Z', '2021-06-01T00:00:00Z'), range), { shouldCancel: () => ++polls >= 3 });
    expect(result.cancelled).toBe(true);
    expect(result.days.at(-1)!.atMs).toBeLessThan(Date.parse('2021-01-05T00:00:00Z'));
  });

  it('bad input names the field and starts nothing', () => {
    const good = smallInput('2021-01-01T00:00:00Z', '2021-03-01T00:00:00Z');
    const fieldOf = (input: unknown) => {
      try {
        validateSimulationInput(input as GovernanceSimulationInput, range);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).field;
      }
      return null;
    };
    expect(fieldOf(good)).toBeNull();
    expect(fieldOf({ ...good, startMs: Date.parse('2015-01-01T00:00:00Z') })).toBe('startMs');
    expect(fieldOf({ ...good, endMs: Date.parse('2030-01-01T00:00:00Z') })).toBe('endMs');
    expect(fieldOf({ ...good, policies: { ...good.policies, monitoring: '1999.1.1' } })).toBe('policies.monitoring');
    expect(fieldOf({ ...good, seed: 1.5 })).toBe('seed');
    expect(fieldOf({ ...good, approvals: { ...good.approvals, approvalProbability: 1.2 } })).toBe('approvals.approvalProbability');
    expect(fieldOf({ ...good, approvals: { ...good.approvals, approvalProbability: -0.1 } })).toBe('approvals.approvalProbability');
    expect(fieldOf({ ...good, deploymentsPerStrategy: 3 })).toBe('deploymentsPerStrategy'); // above configurationsPerTemplate (2)
    expect(fieldOf({ ...good, deploymentsPerStrategy: 0 })).toBe('deploymentsPerStrategy');
    expect(() => runSimulationComparison(market, good, { ...permissive, promotion: 'nope' })).toThrow(/variantPolicies\.promotion/);
  });
});
