import type { ParameterSpace, ParameterValue } from '../parameters/parameter-space.ts';
import { calculateConstraintsSatisfied, calculateParameterValueAt } from '../parameters/sample-parameters.ts';
import type { UnitPoint } from './grid-points.ts';

/**
 * Latin hypercube sample of `count` points (McKay, Beckman & Conover 1979): in every dimension
 * the unit interval is cut into `count` equal strata and each stratum is used exactly once
 * (random permutation per dimension, uniform jitter inside the stratum), then mapped to values
 * with the monotone `calculateParameterValueAt`. Points that break a constraint are dropped; the
 * caller draws a fresh hypercube for the remainder.
 *
 * @param uniform seeded [0, 1) source, e.g. `makeMulberry32(seed)`.
 */
export function makeLatinHypercubePoints(space: ParameterSpace, count: number, uniform: () => number): UnitPoint[] {
  const dimensionCount = space.parameters.length;
  const columns: number[][] = [];
  for (let dimension = 0; dimension < dimensionCount; dimension++) {
    const permutation = Array.from({ length: count }, (_, index) => index);
    for (let index = count - 1; index > 0; index--) {
      const swap = Math.floor(uniform() * (index + 1));
      const held = permutation[index];
      permutation[index] = permutation[swap];
      permutation[swap] = held;
    }
    columns.push(permutation.map((stratum) => (stratum + uniform()) / count));
  }
  const points: UnitPoint[] = [];
  for (let row = 0; row < count; row++) {
    const values: Record<string, ParameterValue> = {};
    const units: number[] = [];
    for (let dimension = 0; dimension < dimensionCount; dimension++) {
      const unit = columns[dimension][row];
      units.push(unit);
      values[space.parameters[dimension].name] = calculateParameterValueAt(space.parameters[dimension], unit);
    }
    if (calculateConstraintsSatisfied(space, values)) points.push({ values: Object.freeze(values), units });
  }
  return points;
}
