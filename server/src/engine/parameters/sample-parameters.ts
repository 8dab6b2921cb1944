import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateConstraintHolds } from './parameter-space.ts';
import type { ParameterDefinition, ParameterSpace, ParameterValue, ParameterValues } from './parameter-space.ts';

function countDecimals(step: number): number {
  const text = String(step);
  const exponentIndex = text.indexOf('e-');
  if (exponentIndex >= 0) return Number(text.slice(exponentIndex + 2)) + (text.indexOf('.') >= 0 ? exponentIndex - text.indexOf('.') - 1 : 0);
  const dotIndex = text.indexOf('.');
  return dotIndex < 0 ? 0 : text.length - dotIndex - 1;
}

/**
 * The `k`-th point `min + k·step` of a numeric parameter's grid, rounded to the decimals of
 * `step` (so 0.1 + 2·0.1 gives 0.3, not 0.30000000000000004).
 */
export function calculateGridValue(definition: ParameterDefinition, gridIndex: number): number {
  const min = definition.min ?? 0;
  const step = definition.step ?? 1;
  const raw = min + gridIndex * step;
  const decimals = Math.min(countDecimals(step) + countDecimals(min), 12);
  return Number(raw.toFixed(decimals));
}

/**
 * Number of distinct values of a parameter: grid points `⌊(max − min)/step⌋ + 1` for numbers with
 * a step (integers default to step 1), choices for categorical, 2 for boolean, `+∞` for a float
 * without step.
 *
 * @throws EngineInputError(name) when a numeric parameter lacks `min` or `max`.
 */
export function calculateParameterCardinality(definition: ParameterDefinition): number {
  switch (definition.kind) {
    case 'boolean':
      return 2;
    case 'categorical':
      return definition.choices?.length ?? 0;
    case 'integer':
    case 'float': {
      if (definition.min === undefined || definition.max === undefined) {
        throw new EngineInputError(definition.name, `${definition.name} needs min and max to be searched`);
      }
      const step = definition.step ?? (definition.kind === 'integer' ? 1 : 0);
      if (step <= 0) return Number.POSITIVE_INFINITY;
      return Math.floor((definition.max - definition.min) / step + 1e-9) + 1;
    }
  }
}

/**
 * Map a unit number `u ∈ [0, 1)` to a value of the parameter: grid index `⌊u·cardinality⌋` for
 * stepped numbers, `min + u·(max − min)` for floats without step, `choices[⌊u·count⌋]`,
 * `u ≥ 0.5` for booleans. Monotone in `u`, so stratified samplers (Latin hypercube) stay stratified.
 */
export function calculateParameterValueAt(definition: ParameterDefinition, unit: number): ParameterValue {
  const cardinality = calculateParameterCardinality(definition);
  switch (definition.kind) {
    case 'boolean':
      return unit >= 0.5;
    case 'categorical': {
      const choices = definition.choices ?? [];
      return choices[Math.min(Math.floor(unit * choices.length), choices.length - 1)];
    }
    case 'integer':
    case 'float': {
      if (cardinality === Number.POSITIVE_INFINITY) return (definition.min ?? 0) + unit * ((definition.max ?? 0) - (definition.min ?? 0));
      return calculateGridValue(definition, Math.min(Math.floor(unit * cardinality), cardinality - 1));
    }
  }
}

/** Whether `values` satisfies every constraint of `space`. */
export function calculateConstraintsSatisfied(space: ParameterSpace, values: ParameterValues): boolean {
  for (const constraint of space.constraints) {
    const left = values[constraint.left];
    const right = values[constraint.right];
    if (typeof left !== 'number' || typeof right !== 'number' || !calculateConstraintHolds(left, constraint.operator, right)) return false;
  }
  return true;
}

/**
 * Draw a uniformly random point of the space that satisfies its constraints, by rejection
 * (each parameter drawn independently with {@link calculateParameterValueAt}).
 *
 * @param uniform a seeded source of numbers in [0, 1), e.g. `makeMulberry32(seed)`.
 * @throws EngineInputError('parameterSpace') when no feasible point is found in `maxAttempts` draws.
 */
export function sampleParameterValues(space: ParameterSpace, uniform: () => number, maxAttempts = 10_000): ParameterValues {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const values: Record<string, ParameterValue> = {};
    for (const definition of space.parameters) values[definition.name] = calculateParameterValueAt(definition, uniform());
    if (calculateConstraintsSatisfied(space, values)) return Object.freeze(values);
  }
  throw new EngineInputError('parameterSpace', `no point satisfying the constraints found in ${maxAttempts} draws`);
}
