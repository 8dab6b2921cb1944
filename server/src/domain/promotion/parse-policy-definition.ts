import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

/**
 * Validates a policy definition at the edge (a row read from the database, an API input): returns the typed value, or
 * throws a `ValidationError` whose `field` is the dotted path of the first offending field (an unknown field is named
 * as itself), e.g. `gates.shadowToPaper.risk.minMaxDrawdown`.
 *
 * @param label what is parsed, for the message (e.g. `promotion policy`).
 * @throws ValidationError naming the field and the rule it broke.
 */
export function parsePolicyDefinition<T>(schema: z.ZodType<T>, input: unknown, label: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
  const field = path.join('.');
  const rule = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  throw new ValidationError(`${label}: ${field === '' ? 'the definition' : field}: ${rule}`, field === '' ? undefined : field);
}
