import type { ParameterSpaceFieldsFragment } from '#lib/gql/graphql.ts';

/** A parameter value as the server's `ParameterValue` scalar carries it. */
export type ParameterValue = number | string | boolean;

/** One parameter of a space as the forms read it (the fields of the `ParameterSpaceFields` fragment). */
export type ParameterField = ParameterSpaceFieldsFragment['parameters'][number];

/** What a form input holds: text for numbers and choices (so partial typing survives), a flag for booleans. */
export type ParameterInput = string | boolean;

/** Whether a parameter is numeric (INTEGER or FLOAT), i.e. has bounds a version or optimization may narrow. */
export function isNumericParameter(field: Pick<ParameterField, 'kind'>): boolean {
  return field.kind === 'INTEGER' || field.kind === 'FLOAT';
}

/** The form input of a field's default value. */
export function defaultInput(field: ParameterField): ParameterInput {
  return field.kind === 'BOOLEAN' ? field.default === true : String(field.default);
}

/**
 * The `parameters` argument of `queueBacktest` from form inputs. Blank numeric inputs are left out (the server uses
 * the default); text that is not a number is sent as is so the server's validation names the field.
 */
export function toParameterValues(fields: readonly ParameterField[], inputs: Readonly<Record<string, ParameterInput>>): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const field of fields) {
    const input = inputs[field.name] ?? defaultInput(field);
    if (field.kind === 'BOOLEAN') {
      values[field.name] = input === true;
    } else if (field.kind === 'CATEGORICAL') {
      values[field.name] = (field.choices ?? []).find((choice) => String(choice) === input) ?? String(input);
    } else {
      const text = String(input).trim();
      if (text === '') continue;
      const number = Number(text);
      values[field.name] = Number.isFinite(number) ? number : text;
    }
  }
  return values;
}
