import type { CombinedError } from '@urql/core';

/** A message the server (or the form itself) gave, with its error code when there is one. */
export interface FormMessage {
  message: string;
  code: string | null;
}

/** A failed mutation split for display: messages by input field, and the rest (refusals, conflicts, network). */
export interface FormErrors {
  /** By top-level input field: `parameterOverrides.fastPeriod` and `capitalGuardrails.staging` count as their root. */
  fields: Record<string, string[]>;
  general: FormMessage[];
}

export const noErrors: FormErrors = { fields: {}, general: [] };

/**
 * Splits a mutation error by the `extensions.field` the API sets on validation errors
 * (server/src/graphql/format-error.ts). Fields the form does not show go to `general`, so no message is lost.
 */
export function formErrors(error: CombinedError | null | undefined, knownFields: readonly string[]): FormErrors {
  if (!error) return noErrors;
  const result: FormErrors = { fields: {}, general: [] };
  if (error.graphQLErrors.length === 0) {
    result.general.push({ message: `Could not reach the API: ${error.networkError?.message ?? error.message}`, code: null });
    return result;
  }
  for (const graphQLError of error.graphQLErrors) {
    const field = graphQLError.extensions?.field;
    const code = typeof graphQLError.extensions?.code === 'string' ? graphQLError.extensions.code : null;
    const root = typeof field === 'string' ? field.split('.')[0] : undefined;
    if (root !== undefined && knownFields.includes(root)) (result.fields[root] ??= []).push(graphQLError.message);
    else result.general.push({ message: graphQLError.message, code });
  }
  return result;
}

/** Errors the form found itself (before asking the server), in the same shape. */
export function localErrors(fields: Record<string, string>): FormErrors {
  return { fields: Object.fromEntries(Object.entries(fields).map(([field, message]) => [field, [message]])), general: [] };
}

/** True when there is anything to show. */
export function hasErrors(errors: FormErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.fields).length > 0;
}

/** `"a, b; c"` → `['a', 'b', 'c']`: symbols typed in one box, separated by commas, semicolons or spaces. */
export function splitSymbols(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((symbol) => symbol.trim())
    .filter((symbol) => symbol.length > 0);
}

/**
 * A decimal the user typed: blank → `null` (not set), a finite number → that number, anything else → `undefined`
 * (the form says so by the field instead of sending it).
 */
export function parseOptionalNumber(text: string | number | null | undefined): number | null | undefined {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}
