import { drainSimulationSteps, governanceSimulationSteps, type SimulationHooks } from './governance-simulation.ts';
import { compareSimulations, type SimulationComparison } from './simulation-comparison.ts';
import { validateSimulationInput, type GovernanceSimulationInput } from './simulation-input.ts';
import type { SimulationMarket } from './simulation-market.ts';
import type { SimulationPolicyVersions } from './simulation-policies.ts';
import { summarizeSimulation } from './simulation-report.ts';

/**
 * Runs a baseline arm and a variant arm (other policy versions, everything else — period, templates, seed, people —
 * the same) and compares them. Both inputs are validated before anything runs; progress is reported over both arms
 * (0–0.5 baseline, 0.5–1 variant); a cancellation stops the run and the result says `cancelled`.
 *
 * @throws ValidationError naming the field (variant policy fields as `variantPolicies.<kind>`).
 */
export function runSimulationComparison(market: SimulationMarket, input: GovernanceSimulationInput, variantPolicies: SimulationPolicyVersions, hooks: SimulationHooks = {}): SimulationComparison & { cancelled: boolean } {
  return drainSimulationSteps(simulationComparisonSteps(market, input, variantPolicies, hooks));
}

/** Yields the scaled progress of `steps` (offset + fraction ÷ 2) and returns its result. */
function* half<Result>(steps: Generator<number, Result, void>, offset: number): Generator<number, Result, void> {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    yield offset + next.value / 2;
  }
}

/**
 * {@link runSimulationComparison} one simulated day at a time (progress 0–1 over both arms). Validation happens on the
 * first `next()`, before any simulated day.
 */
export function* simulationComparisonSteps(market: SimulationMarket, input: GovernanceSimulationInput, variantPolicies: SimulationPolicyVersions, hooks: SimulationHooks = {}): Generator<number, SimulationComparison & { cancelled: boolean }, void> {
  const range = { firstMs: market.firstMs, lastMs: market.lastMs };
  const baselinePolicies = validateSimulationInput(input, range);
  const variantInput = { ...input, policies: variantPolicies };
  let resolvedVariant;
  try {
    resolvedVariant = validateSimulationInput(variantInput, range);
  } catch (error) {
    const field = (error as { field?: string }).field;
    if (field?.startsWith('policies.')) Object.assign(error as object, { field: `variantPolicies.${field.slice('policies.'.length)}`, message: `variantPolicies.${(error as Error).message.slice('policies.'.length)}` });
    throw error;
  }
  // One evaluation per simulated cycle time for both arms (same market, configurations and lookback; see SimulationHooks.evaluations).
  const evaluations = hooks.evaluations ?? new Map();
  const armHooks = (offset: number): SimulationHooks => ({ ...hooks, evaluations, onProgress: (fraction, simulatedMs) => hooks.onProgress?.(offset + fraction / 2, simulatedMs) });
  const baselineRun = yield* half(governanceSimulationSteps(market, input, baselinePolicies, armHooks(0)), 0);
  const variantRun = baselineRun.cancelled ? baselineRun : yield* half(governanceSimulationSteps(market, variantInput, resolvedVariant, armHooks(0.5)), 0.5);
  const comparison = compareSimulations(summarizeSimulation(baselineRun, market), summarizeSimulation(variantRun, market));
  return { ...comparison, cancelled: baselineRun.cancelled || variantRun.cancelled };
}
