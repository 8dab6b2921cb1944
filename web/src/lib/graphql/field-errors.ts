import type { CombinedError } from '@urql/core';

/** One message of a refused mutation and the input field it names, if any (`extensions.field`, e.g. `parameters.fastPeriod`). */
export interface FieldError {
  field: string | null;
  message: string;
}

/** A mutation's error as messages by field (server/src/graphql/format-error.ts); a network failure is one message without a field. */
export function fieldErrors(error: CombinedError | null | undefined): FieldError[] {
  if (!error) return [];
  if (error.graphQLErrors.length === 0) return [{ field: null, message: `Could not reach the API: ${error.networkError?.message ?? error.message}` }];
  return error.graphQLErrors.map((graphQLError) => ({
    field: typeof graphQLError.extensions?.field === 'string' ? graphQLError.extensions.field : null,
    message: graphQLError.message,
  }));
}
