/**
 * The parameter space JSON of a strategy version (`StrategyVersion.parameterSpace`, a JSONObject), read defensively:
 * `{ parameters: [{ name, kind, min?, max?, step?, choices?, default, description, unit? }], constraints: [{ description, … }] }`
 * as written by the engine (server/src/engine/parameters/parameter-space.ts). Unknown shapes give an empty space.
 */

export type ParameterKind = 'integer' | 'float' | 'categorical' | 'boolean';
export type ParameterValue = number | string | boolean;

export interface ParameterField {
  name: string;
  kind: ParameterKind;
  min: number | undefined;
  max: number | undefined;
  step: number | undefined;
  choices: ParameterValue[];
  default: ParameterValue;
  description: string;
  unit: string | undefined;
}

export interface ParameterForm {
  fields: ParameterField[];
  constraints: string[];
}

/** What a form input holds: text for numbers and choices (so partial typing survives), a flag for booleans. */
export type ParameterInput = string | boolean;

const kinds: readonly string[] = ['integer', 'float', 'categorical', 'boolean'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isParameterValue(value: unknown): value is ParameterValue {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** Parse a version's parameter space into form fields and human-readable constraints. */
export function parseParameterSpace(json: Record<string, unknown>): ParameterForm {
  const parameters = Array.isArray(json.parameters) ? json.parameters : [];
  const fields: ParameterField[] = [];
  for (const raw of parameters) {
    if (!isRecord(raw) || typeof raw.name !== 'string' || typeof raw.kind !== 'string' || !kinds.includes(raw.kind)) continue;
    const kind = raw.kind as ParameterKind;
    const fallback: ParameterValue = kind === 'boolean' ? false : kind === 'categorical' ? '' : (optionalNumber(raw.min) ?? 0);
    fields.push({
      name: raw.name,
      kind,
      min: optionalNumber(raw.min),
      max: optionalNumber(raw.max),
      step: optionalNumber(raw.step),
      choices: Array.isArray(raw.choices) ? raw.choices.filter(isParameterValue) : [],
      default: isParameterValue(raw.default) ? raw.default : fallback,
      description: typeof raw.description === 'string' ? raw.description : '',
      unit: typeof raw.unit === 'string' ? raw.unit : undefined,
    });
  }
  const constraints = (Array.isArray(json.constraints) ? json.constraints : [])
    .filter(isRecord)
    .map((constraint) => (typeof constraint.description === 'string' ? constraint.description : JSON.stringify(constraint)));
  return { fields, constraints };
}

/** The form input of a field's default value. */
export function defaultInput(field: ParameterField): ParameterInput {
  return field.kind === 'boolean' ? field.default === true : String(field.default);
}

/**
 * The `parameters` argument of `queueBacktest` from form inputs. Blank numeric inputs are left out (the server uses
 * the default); text that is not a number is sent as is so the server's validation names the field.
 */
export function toParameterValues(fields: readonly ParameterField[], inputs: Readonly<Record<string, ParameterInput>>): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const field of fields) {
    const input = inputs[field.name] ?? defaultInput(field);
    if (field.kind === 'boolean') {
      values[field.name] = input === true;
    } else if (field.kind === 'categorical') {
      values[field.name] = field.choices.find((choice) => String(choice) === input) ?? String(input);
    } else {
      const text = String(input).trim();
      if (text === '') continue;
      const number = Number(text);
      values[field.name] = Number.isFinite(number) ? number : text;
    }
  }
  return values;
}
