import type { RiskCategory } from '../strategy/strategy.entity.ts';
import type { DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';

/**
 * The capital policy (DESIGN.md §2 versioned policies; lifecycle-spec clarification "percentage-of-portfolio
 * allocations, dynamically adjusted using the unified ranking", FR-024; data-model.md `capitalGuardrails`,
 * `capitalAllocation`, `rolloutWave`). All allocations are fractions of the portfolio (0.05 = 5 %), held to 4 decimals
 * (the `capitalAllocation numeric(12,4)` column); arithmetic is done in whole units of 0.0001 so sums are exact.
 */

/** A rank tier: strategies whose rank ÷ ranked count is at most `maxRankPercentile` get `allocation`. */
export interface RankTier {
  /** Upper bound of the tier, fraction of the scorecard (0.02 = the top 2 %). */
  maxRankPercentile: number;
  /** Recommended allocation, fraction of portfolio. */
  allocation: number;
}

export interface CapitalPolicy {
  /** e.g. `2026.12.1`; recorded with every allocation. */
  version: string;
  /**
   * Stages whose deployments hold capital. Each is its own portfolio (the paper account, the live account): the sum
   * of allocations over a stage's deployments never exceeds `maxTotalAllocation`.
   */
  allocatedStages: DeploymentStage[];
  /** Largest sum of allocations within a stage, fraction (1 = 100 %; zero over-allocation). */
  maxTotalAllocation: number;
  /** Smallest allocation worth deploying, fraction: a smaller headroom refuses the promotion. */
  minAllocation: number;
  /** Rank-driven allocation, best tier first (ascending `maxRankPercentile`). */
  rankTiers: RankTier[];
  /** Allocation beyond the last tier (a deployment whose rank slipped) or unranked, fraction. */
  baseAllocation: number;
  /** Largest allocation of one deployment per strategy risk category, fraction (data-model.md: risk category drives capital guardrails). */
  guardrails: Record<RiskCategory, number>;
  /** Share of its allocation a `pilot` rollout wave gets, fraction (data-model.md `rolloutWave`). */
  pilotFraction: number;
}

/**
 * The default capital policy, version `2026.12.1` (our defaults; the specs fix the mechanism, not the numbers):
 * PAPER and LIVE hold capital; at most 100 % per stage; 5 % / 4 % / 3 % for the top 2 / 5 / 10 % of the scorecard,
 * 2 % otherwise; guardrails 10 % low, 5 % moderate, 2.5 % high risk; a pilot wave runs at a quarter of its allocation.
 * 35 live deployments at the top-10 % tier take 105 % — the 100 % cap binds and `rebalanceAllocations` scales down.
 */
export const defaultCapitalPolicy: CapitalPolicy = {
  version: '2026.12.1',
  allocatedStages: ['paper', 'live'],
  maxTotalAllocation: 1,
  minAllocation: 0.005,
  rankTiers: [
    { maxRankPercentile: 0.02, allocation: 0.05 },
    { maxRankPercentile: 0.05, allocation: 0.04 },
    { maxRankPercentile: 0.1, allocation: 0.03 },
  ],
  baseAllocation: 0.02,
  guardrails: { low: 0.1, moderate: 0.05, high: 0.025 },
  pilotFraction: 0.25,
};
