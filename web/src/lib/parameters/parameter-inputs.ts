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
 * The `parameters` argument of `queueBacktest` (a list of `{ name, value }`) from form inputs, in the space's order.
 * Blank numeric inputs are left out (the server uses the default); text that is not a number is sent as is so the
 * server's validation names the field.
 */
export function toParameterSettings(fields: readonly ParameterField[], inputs: Readonly<Record<string, ParameterInput>>): { name: string; value: ParameterValue }[] {
  const settings: { name: string; value: ParameterValue }[] = [];
  for (const field of fields) {
    const input = inputs[field.name] ?? defaultInput(field);
    if (field.kind === 'BOOLEAN') {
      settings.push({ name: field.name, value: input === true });
    } else if (field.kind === 'CATEGORICAL') {
      settings.push({ name: field.name, value: (field.choices ?? []).find((choice) => String(choice) === input) ?? String(input) });
    } else {
      const text = String(input).trim();
      if (text === '') continue;
      const number = Number(text);
      settings.push({ name: field.name, value: Number.isFinite(number) ? number : text });
    }
  }
  return settings;
}
