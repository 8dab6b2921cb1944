/**
 * One value of a stored details object (an audit event's `details`, a notification's or a trigger's facts): its
 * dotted path and a string, number, boolean or null. Details differ per action or kind and are stored as written
 * (the audit chain hashes them); the API carries them as this flat, typed list rather than as a JSON object.
 */
export interface DetailEntry {
  /** Dotted path into the details, list items by index: `reason`, `capitalGuardrails.production`, `roles.0`. */
  readonly path: string;
  readonly value: string | number | boolean | null;
}

/**
 * The leaves of a details object as `DetailEntry`s, object keys in alphabetical order (stored JSON keeps no key
 * order), list items in list order with their index as a path segment. An empty object or list is one entry with a
 * null value, so it is not lost. Values other than JSON's (undefined, functions, non-finite numbers) are skipped.
 */
export function toDetailEntries(details: Readonly<Record<string, unknown>>): DetailEntry[] {
  const entries: DetailEntry[] = [];
  const walk = (path: string, value: unknown): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      entries.push({ path, value });
      return;
    }
    if (typeof value !== 'object') return;
    const children: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : sortedEntries(value as Record<string, unknown>);
    if (children.length === 0) {
      entries.push({ path, value: null });
      return;
    }
    for (const [key, child] of children) walk(`${path}.${key}`, child);
  };
  for (const [key, value] of sortedEntries(details)) walk(key, value);
  return entries;
}

function sortedEntries(object: Readonly<Record<string, unknown>>): [string, unknown][] {
  return Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
