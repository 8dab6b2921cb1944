/**
 * `['queued', 'in_review']` → `{ QUEUED: 'queued', IN_REVIEW: 'in_review' }`: a GraphQL enum whose names are
 * SCREAMING_SNAKE and whose values stay the domain's lower_snake strings, so resolvers pass domain values through.
 */
export function screamingEnum<const T extends readonly string[]>(values: T): { [K in T[number] as Uppercase<K>]: K } {
  return Object.fromEntries(values.map((value) => [value.toUpperCase(), value])) as never;
}
