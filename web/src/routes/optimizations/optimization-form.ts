import { isNumericParameter, type ParameterField } from '#lib/parameters/parameter-inputs.ts';

/** Numeric bounds a user typed for one parameter (text, so partial typing survives). */
export interface BoundsInput {
  min: string;
  max: string;
}

/** Template bounds as the form's starting text. */
export function defaultBounds(field: ParameterField): BoundsInput {
  return { min: field.min == null ? '' : String(field.min), max: field.max == null ? '' : String(field.max) };
}

/**
 * Parameter overrides for the mutation: only numeric fields whose typed bounds differ from the template's, as
 * numbers (the server checks they stay within the template's bounds and names the field if not).
 */
export function toParameterOverrides(fields: readonly ParameterField[], inputs: Readonly<Record<string, BoundsInput>>): { name: string; min: number; max: number }[] {
  const overrides: { name: string; min: number; max: number }[] = [];
  for (const field of fields) {
    if (!isNumericParameter(field)) continue;
    const input = inputs[field.name];
    if (!input) continue;
    const min = Number(input.min);
    const max = Number(input.max);
    if (input.min.trim() === '' || input.max.trim() === '' || !Number.isFinite(min) || !Number.isFinite(max)) continue;
    if (min === field.min && max === field.max) continue;
    overrides.push({ name: field.name, min, max });
  }
  return overrides;
}

/** "12 / 40 trials" style progress text and a 0–100 percentage for a progress bar. */
export function progressPercent(completed: number, total: number, status: string): number {
  if (status === 'COMPLETED') return 100;
  if (total <= 0) return 0;
  return Math.min(100, Math.round((completed / total) * 1000) / 10);
}
