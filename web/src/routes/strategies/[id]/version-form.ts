import { isNumericParameter, type ParameterField } from '#lib/parameters/parameter-inputs.ts';

/** One narrowing of a numeric template parameter, as `submitStrategyVersion` takes it. */
export interface VersionOverride {
  name: string;
  min?: number;
  max?: number;
  step?: number;
}

const boundKeys = ['min', 'max', 'step'] as const;

/**
 * The editable parameter-space JSON a version starts from: every numeric parameter of the template with its
 * bounds and step, keyed by name, e.g. `{ "fastPeriod": { "min": 2, "max": 100, "step": 1 } }`.
 */
export function templateBoundsJson(fields: readonly ParameterField[]): string {
  const bounds: Record<string, Partial<Record<(typeof boundKeys)[number], number>>> = {};
  for (const field of fields.filter(isNumericParameter)) {
    bounds[field.name] = {
      ...(field.min == null ? {} : { min: field.min }),
      ...(field.max == null ? {} : { max: field.max }),
      ...(field.step == null ? {} : { step: field.step }),
    };
  }
  return JSON.stringify(bounds, null, 2);
}

/**
 * Reads the edited JSON back into `parameterOverrides`: only parameters whose bounds or step differ from the
 * template's are sent (none = the template's full space). Names the template lacks are sent as they are, so the
 * server names them. Returns a message instead when the text is not an object of `{ min, max, step }` numbers.
 */
export function parseVersionOverrides(text: string, fields: readonly ParameterField[]): { overrides: VersionOverride[] } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { error: 'expected an object keyed by parameter name, e.g. { "fastPeriod": { "min": 5, "max": 50 } }' };
  }
  const overrides: VersionOverride[] = [];
  for (const [name, bounds] of Object.entries(parsed)) {
    if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds)) return { error: `${name}: expected { "min": …, "max": …, "step": … }` };
    const override: VersionOverride = { name };
    for (const [key, value] of Object.entries(bounds as Record<string, unknown>)) {
      if (!(boundKeys as readonly string[]).includes(key)) return { error: `${name}: only min, max and step can be narrowed (not ${key})` };
      if (typeof value !== 'number' || !Number.isFinite(value)) return { error: `${name}.${key} must be a number` };
      override[key as (typeof boundKeys)[number]] = value;
    }
    const field = fields.find((candidate) => candidate.name === name);
    const unchanged = field !== undefined && boundKeys.every((key) => override[key] === undefined || override[key] === (field[key] ?? undefined));
    if (!unchanged) overrides.push(override);
  }
  return { overrides };
}

/** `fastPeriod 5–50 step 1` — one override for the confirm step. */
export function describeOverride(override: VersionOverride, fields: readonly ParameterField[]): string {
  const field = fields.find((candidate) => candidate.name === override.name);
  const min = override.min ?? field?.min;
  const max = override.max ?? field?.max;
  const step = override.step ?? field?.step;
  return `${override.name} ${min ?? '?'}–${max ?? '?'}${step == null ? '' : ` step ${step}`}`;
}

/** A fresh deterministic seed suggestion: a whole number in [0, 2³¹). */
export function suggestSeed(): string {
  return String(Math.floor(Math.random() * 2 ** 31));
}
