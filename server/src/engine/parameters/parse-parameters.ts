import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateConstraintHolds } from './parameter-space.ts';
import type { ParameterDefinition, ParameterSpace, ParameterValue, ParameterValues } from './parameter-space.ts';

const stepTolerance = 1e-9;

/**
 * Validate one value against its definition and return it.
 *
 * @throws EngineInputError(definition.name) when the kind, bounds, step grid or choices are violated.
 */
export function parseParameterValue(definition: ParameterDefinition, raw: unknown): ParameterValue {
  const name = definition.name;
  switch (definition.kind) {
    case 'boolean':
      if (typeof raw !== 'boolean') throw new EngineInputError(name, `${name} must be a boolean`);
      return raw;
    case 'categorical': {
      const choices = definition.choices ?? [];
      if ((typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') || !choices.includes(raw)) {
        throw new EngineInputError(name, `${name} must be one of ${choices.map((choice) => JSON.stringify(choice)).join(', ')}`);
      }
      return raw;
    }
    case 'integer':
    case 'float': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) throw new EngineInputError(name, `${name} must be a finite number`);
      if (definition.kind === 'integer' && !Number.isInteger(raw)) throw new EngineInputError(name, `${name} must be an integer`);
      if (definition.min !== undefined && raw < definition.min) throw new EngineInputError(name, `${name} must be ≥ ${definition.min}`);
      if (definition.max !== undefined && raw > definition.max) throw new EngineInputError(name, `${name} must be ≤ ${definition.max}`);
      const step = definition.step;
      if (step !== undefined && step > 0) {
        const origin = definition.min ?? 0;
        const steps = (raw - origin) / step;
        if (Math.abs(steps - Math.round(steps)) > stepTolerance * Math.max(1, Math.abs(steps))) {
          throw new EngineInputError(name, `${name} must be ${origin} + k × ${step}`);
        }
      }
      return raw;
    }
  }
}

/**
 * Check that `values` satisfies every constraint of the space.
 *
 * @throws EngineInputError(left parameter name) naming the violated constraint.
 */
export function assertParameterConstraints(space: ParameterSpace, values: ParameterValues): void {
  for (const constraint of space.constraints) {
    const left = values[constraint.left];
    const right = values[constraint.right];
    if (typeof left !== 'number' || typeof right !== 'number' || !calculateConstraintHolds(left, constraint.operator, right)) {
      throw new EngineInputError(constraint.left, `constraint violated: ${constraint.description}`);
    }
  }
}

/**
 * Turn untrusted input (e.g. JSON from the API) into a complete, valid point of a parameter space.
 *
 * `raw` must be `undefined`, `null` or a plain object. Missing parameters take their default;
 * unknown keys are rejected; each value is checked for kind, bounds, step grid and choices, then
 * the constraints are checked. Numbers given as strings are rejected (no coercion).
 *
 * @returns a frozen object with exactly the space's parameters, in definition order.
 * @throws EngineInputError naming the parameter (or `'parameters'` when `raw` is not an object)
 *   and the broken rule.
 */
export function parseParameterSpaceValues(space: ParameterSpace, raw: unknown): ParameterValues {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new EngineInputError('parameters', 'parameters must be an object');
  }
  const input = (raw ?? {}) as Record<string, unknown>;
  const known = new Set(space.parameters.map((definition) => definition.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new EngineInputError(key, `unknown parameter '${key}'`);
  }
  const values: Record<string, ParameterValue> = {};
  for (const definition of space.parameters) {
    const given = input[definition.name];
    values[definition.name] = parseParameterValue(definition, given === undefined ? definition.default : given);
  }
  assertParameterConstraints(space, values);
  return Object.freeze(values);
}

/**
 * Parse raw input into valid parameters of a template (contract entry point): fills defaults,
 * checks kind, bounds, step and constraints. See {@link parseParameterSpaceValues}.
 *
 * @throws EngineInputError naming the parameter and the broken rule.
 */
export function parseParameters(template: { readonly parameterSpace: ParameterSpace }, raw: unknown): ParameterValues {
  return parseParameterSpaceValues(template.parameterSpace, raw);
}
