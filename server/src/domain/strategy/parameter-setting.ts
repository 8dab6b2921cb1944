import type { ParameterValue } from '../../engine/index.ts';
import { ValidationError } from '../errors.ts';

/**
 * One parameter of a concrete point of a parameter space: its name and value. The list form of the stored
 * `name → value` object (`ParameterConfig.parameters`, best and chosen parameters of optimizations, cycle
 * configurations), as the API carries it.
 */
export interface ParameterSetting {
  /** The parameter's name in its template's ParameterSpace, e.g. `fastPeriod`. */
  readonly name: string;
  /** Its value: a finite number (integer/float), a string or number (categorical) or a boolean, in the parameter's unit. */
  readonly value: ParameterValue;
}

/** A stored `name → value` object as settings, ordered by name (stored JSON keys carry no order). */
export function toParameterSettings(values: Readonly<Record<string, ParameterValue>>): ParameterSetting[] {
  return Object.keys(values)
    .sort()
    .map((name) => ({ name, value: values[name]! }));
}

/**
 * Settings given to the API as the `name → value` object the engine validates (kind, bounds, step, choices and
 * constraints of the template's ParameterSpace; unknown names refused there).
 * @param path the input's path for errors, e.g. `parameters`.
 * @throws ValidationError naming `<path>.<name>` when a parameter is given twice.
 */
export function fromParameterSettings(settings: readonly ParameterSetting[], path = 'parameters'): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const setting of settings) {
    if (Object.hasOwn(values, setting.name)) throw new ValidationError(`parameter '${setting.name}' is given more than once`, `${path}.${setting.name}`);
    values[setting.name] = setting.value;
  }
  return values;
}
