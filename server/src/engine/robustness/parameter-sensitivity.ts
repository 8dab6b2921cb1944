import type { ParameterDefinition, ParameterSpace, ParameterValue, ParameterValues } from '../parameters/parameter-space.ts';
import { calculateConstraintsSatisfied, calculateParameterCardinality } from '../parameters/sample-parameters.ts';

/** One neighbour of the chosen point: a single parameter moved. */
export interface SensitivityNeighbor {
  /** The parameter that was changed. */
  parameter: string;
  /** Signed number of grid steps for numbers; 0 for a changed boolean/categorical value. */
  offset: number;
  parameters: ParameterValues;
  score: number;
}

/** Neighbourhood scores around a chosen point (one-at-a-time moves). */
export interface ParameterSensitivity {
  centerScore: number;
  neighbors: SensitivityNeighbor[];
  /** Mean score of the neighbours with a finite score (NaN if none). */
  meanNeighborScore: number;
  /** Lowest finite neighbour score. */
  worstNeighborScore: number;
  /** `meanNeighborScore / centerScore` — near 1 = a plateau, ≪ 1 = an isolated peak. */
  neighborhoodRatio: number;
  /** Population std (ddof 0) of the finite neighbour scores. */
  neighborDispersion: number;
}

function numericStep(definition: ParameterDefinition): number {
  if (definition.step !== undefined && definition.step > 0) return definition.step;
  if (definition.kind === 'integer') return 1;
  return ((definition.max ?? 1) - (definition.min ?? 0)) / 20;
}

function roundLike(value: number, step: number): number {
  const decimals = Math.min(12, Math.max(0, -Math.floor(Math.log10(step)) + 2));
  return Number(value.toFixed(decimals));
}

/**
 * Parameter sensitivity: score every one-at-a-time neighbour of `center` — numeric parameters
 * moved by ±1 … ±`radius` grid steps (floats without a step use (max − min)/20), booleans
 * flipped, categorical parameters set to each other choice — skipping points outside the bounds
 * or breaking a constraint. `score` is typically the search objective (e.g. Sharpe of a backtest
 * on the training window).
 */
export function calculateParameterSensitivity(
  space: ParameterSpace,
  center: ParameterValues,
  score: (parameters: ParameterValues) => number,
  radius = 1,
): ParameterSensitivity {
  const neighbors: SensitivityNeighbor[] = [];
  const tryNeighbor = (definition: ParameterDefinition, value: ParameterValue, offset: number): void => {
    const values: Record<string, ParameterValue> = { ...center, [definition.name]: value };
    if (!calculateConstraintsSatisfied(space, values)) return;
    const frozen = Object.freeze(values);
    neighbors.push({ parameter: definition.name, offset, parameters: frozen, score: score(frozen) });
  };
  for (const definition of space.parameters) {
    const current = center[definition.name];
    if (definition.kind === 'boolean') tryNeighbor(definition, current !== true, 0);
    else if (definition.kind === 'categorical') {
      for (const choice of definition.choices ?? []) if (choice !== current) tryNeighbor(definition, choice, 0);
    } else if (typeof current === 'number' && calculateParameterCardinality(definition) > 1) {
      const step = numericStep(definition);
      for (let distance = 1; distance <= radius; distance++) {
        for (const direction of [-1, 1]) {
          const value = roundLike(current + direction * distance * step, step);
          if ((definition.min !== undefined && value < definition.min) || (definition.max !== undefined && value > definition.max)) continue;
          tryNeighbor(definition, value, direction * distance);
        }
      }
    }
  }
  const finite = neighbors.map((neighbor) => neighbor.score).filter((value) => Number.isFinite(value));
  const centerScore = score(center);
  const mean = finite.length === 0 ? Number.NaN : finite.reduce((sum, value) => sum + value, 0) / finite.length;
  return {
    centerScore,
    neighbors,
    meanNeighborScore: mean,
    worstNeighborScore: finite.length === 0 ? Number.NaN : Math.min(...finite),
    neighborhoodRatio: mean / centerScore,
    neighborDispersion: finite.length === 0 ? Number.NaN : Math.sqrt(finite.reduce((sum, value) => sum + (value - mean) ** 2, 0) / finite.length),
  };
}
