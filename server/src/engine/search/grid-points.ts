import type { ParameterDefinition, ParameterSpace, ParameterValue, ParameterValues } from '../parameters/parameter-space.ts';
import { calculateConstraintsSatisfied, calculateGridValue, calculateParameterCardinality } from '../parameters/sample-parameters.ts';

/** A parameter point with its unit-cube coordinates (one number in [0, 1) per parameter). */
export interface UnitPoint {
  values: ParameterValues;
  units: readonly number[];
}

function makeLevels(definition: ParameterDefinition, levelCount: number): { values: ParameterValue[]; units: number[] } {
  const cardinality = calculateParameterCardinality(definition);
  if (definition.kind === 'boolean') return { values: [false, true], units: [0.25, 0.75] };
  if (definition.kind === 'categorical') {
    const choices = definition.choices ?? [];
    return { values: [...choices], units: choices.map((_, index) => (index + 0.5) / choices.length) };
  }
  const values: ParameterValue[] = [];
  const units: number[] = [];
  if (cardinality === Number.POSITIVE_INFINITY) {
    const min = definition.min ?? 0;
    const max = definition.max ?? 0;
    for (let level = 0; level < levelCount; level++) {
      const unit = levelCount === 1 ? 0.5 : level / (levelCount - 1);
      values.push(min + unit * (max - min));
      units.push(Math.min(unit, 1 - 1e-12));
    }
    return { values, units };
  }
  let previous = -1;
  for (let level = 0; level < levelCount; level++) {
    const gridIndex = levelCount === 1 ? Math.floor((cardinality - 1) / 2) : Math.round((level * (cardinality - 1)) / (levelCount - 1));
    if (gridIndex === previous) continue;
    previous = gridIndex;
    values.push(calculateGridValue(definition, gridIndex));
    units.push((gridIndex + 0.5) / cardinality);
  }
  return { values, units };
}

function enumerateFeasible(space: ParameterSpace, levels: { values: ParameterValue[]; units: number[] }[], limit: number): UnitPoint[] {
  const points: UnitPoint[] = [];
  const dimensionCount = levels.length;
  const counters = new Array<number>(dimensionCount).fill(0);
  if (levels.some((level) => level.values.length === 0)) return points;
  while (true) {
    const values: Record<string, ParameterValue> = {};
    const units: number[] = [];
    for (let dimension = 0; dimension < dimensionCount; dimension++) {
      values[space.parameters[dimension].name] = levels[dimension].values[counters[dimension]];
      units.push(levels[dimension].units[counters[dimension]]);
    }
    if (calculateConstraintsSatisfied(space, values)) {
      points.push({ values: Object.freeze(values), units });
      if (points.length > limit) return points;
    }
    let dimension = dimensionCount - 1;
    while (dimension >= 0) {
      counters[dimension]++;
      if (counters[dimension] < levels[dimension].values.length) break;
      counters[dimension] = 0;
      dimension--;
    }
    if (dimension < 0) return points;
  }
}

/**
 * Grid points of a parameter space that satisfy its constraints, at most `budget` of them.
 * Every boolean/categorical value is used; numeric parameters start at their full step grid
 * (floats without step at 10 levels) and the numeric dimension with the most levels is thinned
 * (evenly spaced grid indices, ends included) until the feasible product fits the budget.
 * Order: cartesian, first parameter varying slowest. Deterministic (no seed).
 */
export function makeGridPoints(space: ParameterSpace, budget: number): UnitPoint[] {
  const levelCounts = space.parameters.map((definition) => {
    const cardinality = calculateParameterCardinality(definition);
    return cardinality === Number.POSITIVE_INFINITY ? 10 : Math.min(cardinality, 100_000);
  });
  while (true) {
    const levels = space.parameters.map((definition, dimension) => makeLevels(definition, levelCounts[dimension]));
    const product = levels.reduce((total, level) => total * level.values.length, 1);
    if (product <= budget * 64 || product < 1e6) {
      const points = enumerateFeasible(space, levels, budget);
      if (points.length <= budget) return points;
    }
    let widest = -1;
    for (let dimension = 0; dimension < levelCounts.length; dimension++) {
      const kind = space.parameters[dimension].kind;
      if ((kind === 'integer' || kind === 'float') && levelCounts[dimension] > 1 && (widest < 0 || levelCounts[dimension] > levelCounts[widest])) widest = dimension;
    }
    if (widest < 0) return enumerateFeasible(space, levels, budget).slice(0, budget);
    levelCounts[widest] = Math.max(1, Math.min(levelCounts[widest] - 1, Math.floor(levelCounts[widest] * 0.85)));
  }
}
