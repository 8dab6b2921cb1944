import type { ParameterSpace, ParameterValue } from '../parameters/parameter-space.ts';
import { calculateConstraintsSatisfied, calculateParameterValueAt } from '../parameters/sample-parameters.ts';
import { calculateNormalCumulative } from '../statistics/normal-distribution.ts';
import type { UnitPoint } from './grid-points.ts';

/** Tuning of the Parzen estimators (defaults follow hyperopt: γ = 0.25, 24 candidates). */
export interface TreeParzenSettings {
  /** Fraction of observed trials treated as "good" (l(x)); default 0.25. */
  goodFraction: number;
  /** Candidates drawn from l(x) per proposal; the one maximizing l(x)/g(x) is proposed. Default 24. */
  candidateCount: number;
}

/** Default {@link TreeParzenSettings}. */
export const defaultTreeParzenSettings: TreeParzenSettings = { goodFraction: 0.25, candidateCount: 24 };

interface ParzenDimension {
  centers: number[];
  bandwidth: number;
}

function makeParzenDimension(centers: number[]): ParzenDimension {
  const count = centers.length;
  let mean = 0;
  for (const center of centers) mean += center;
  mean /= Math.max(count, 1);
  let variance = 0;
  for (const center of centers) variance += (center - mean) ** 2;
  const deviation = count > 1 ? Math.sqrt(variance / count) : 1;
  // Scott's rule, clipped to [1/min(100, n+1), 1] of the unit range as hyperopt's adaptive Parzen does
  const bandwidth = Math.min(1, Math.max(1 / Math.min(100, count + 1), 1.06 * deviation * Math.pow(Math.max(count, 1), -0.2)));
  return { centers, bandwidth };
}

/** Density on [0, 1] of the mixture: uniform prior (weight 1) + one truncated Gaussian per center. */
function calculateParzenDensity(dimension: ParzenDimension, unit: number): number {
  let density = 1;
  const bandwidth = dimension.bandwidth;
  for (const center of dimension.centers) {
    const mass = calculateNormalCumulative((1 - center) / bandwidth) - calculateNormalCumulative(-center / bandwidth);
    const z = (unit - center) / bandwidth;
    density += Math.exp(-0.5 * z * z) / (bandwidth * Math.sqrt(2 * Math.PI) * mass);
  }
  return density / (dimension.centers.length + 1);
}

function sampleParzen(dimension: ParzenDimension, uniform: () => number, normal: () => number): number {
  const pick = Math.floor(uniform() * (dimension.centers.length + 1));
  if (pick >= dimension.centers.length) return uniform();
  for (let attempt = 0; attempt < 20; attempt++) {
    const unit = dimension.centers[pick] + dimension.bandwidth * normal();
    if (unit >= 0 && unit < 1) return unit;
  }
  return Math.min(Math.max(dimension.centers[pick], 0), 1 - 1e-12);
}

/**
 * Propose the next point of a Tree-structured Parzen Estimator search (Bergstra, Bardenet, Bengio
 * & Kégl 2011, "Algorithms for Hyper-Parameter Optimization", NeurIPS). Compact version:
 * observed trials (unit-cube coordinates, ranked best first) are split into the best
 * `⌈γ·n⌉` ("good", density l) and the rest (g); each dimension gets an independent Parzen
 * estimator in [0, 1] (uniform prior + truncated Gaussians, Scott bandwidth clipped to
 * [1/min(100, n+1), 1] as in hyperopt); candidates are
 * drawn from l and the feasible one with the highest `Σ log l − log g` is returned. Falls back to
 * a uniform feasible draw when no candidate satisfies the constraints.
 *
 * @param rankedHistory unit coordinates of evaluated trials, best first (feasible before infeasible).
 * @returns undefined when no feasible point is found in 1000 fallback draws.
 */
export function proposeTreeParzenPoint(
  space: ParameterSpace,
  rankedHistory: readonly (readonly number[])[],
  uniform: () => number,
  normal: () => number,
  settings: TreeParzenSettings = defaultTreeParzenSettings,
): UnitPoint | undefined {
  const dimensionCount = space.parameters.length;
  const goodCount = Math.max(1, Math.ceil(settings.goodFraction * rankedHistory.length));
  const good: ParzenDimension[] = [];
  const bad: ParzenDimension[] = [];
  for (let dimension = 0; dimension < dimensionCount; dimension++) {
    good.push(makeParzenDimension(rankedHistory.slice(0, goodCount).map((units) => units[dimension])));
    bad.push(makeParzenDimension(rankedHistory.slice(goodCount).map((units) => units[dimension])));
  }
  let best: UnitPoint | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let candidate = 0; candidate < settings.candidateCount; candidate++) {
    const units: number[] = [];
    const values: Record<string, ParameterValue> = {};
    let score = 0;
    for (let dimension = 0; dimension < dimensionCount; dimension++) {
      const unit = sampleParzen(good[dimension], uniform, normal);
      units.push(unit);
      values[space.parameters[dimension].name] = calculateParameterValueAt(space.parameters[dimension], unit);
      score += Math.log(calculateParzenDensity(good[dimension], unit)) - Math.log(calculateParzenDensity(bad[dimension], unit));
    }
    if (score > bestScore && calculateConstraintsSatisfied(space, values)) {
      bestScore = score;
      best = { values: Object.freeze(values), units };
    }
  }
  if (best !== undefined) return best;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const units: number[] = [];
    const values: Record<string, ParameterValue> = {};
    for (let dimension = 0; dimension < dimensionCount; dimension++) {
      const unit = uniform();
      units.push(unit);
      values[space.parameters[dimension].name] = calculateParameterValueAt(space.parameters[dimension], unit);
    }
    if (calculateConstraintsSatisfied(space, values)) return { values: Object.freeze(values), units };
  }
  return undefined;
}
