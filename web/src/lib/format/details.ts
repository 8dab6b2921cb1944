/** One value of an event's details as the API carries it (`DetailEntry`): a dotted path and a typed value. */
export interface DetailEntryValue {
  path: string;
  text?: string | null;
  number?: number | null;
  boolean?: boolean | null;
}

/** The entry's value as text; null when it holds none (a null, or an empty list/object). */
export function detailValue(entry: DetailEntryValue): string | null {
  if (entry.text !== null && entry.text !== undefined) return entry.text;
  if (entry.number !== null && entry.number !== undefined) return String(entry.number);
  if (entry.boolean !== null && entry.boolean !== undefined) return String(entry.boolean);
  return null;
}

/** The text of the entry at `path` (e.g. a trigger's `reason`), or null. */
export function detailAt(entries: readonly DetailEntryValue[], path: string): string | null {
  const entry = entries.find((candidate) => candidate.path === path);
  return entry ? detailValue(entry) : null;
}

/**
 * Details as `path value` pairs for a table cell, empty values left out; the items of a list (`roles.0`, `roles.1`)
 * are joined under the list's path (`roles admin, risk`).
 */
export function formatDetailPairs(entries: readonly DetailEntryValue[]): { path: string; value: string }[] {
  const pairs: { path: string; value: string }[] = [];
  for (const entry of entries) {
    const value = detailValue(entry);
    if (value === null) continue;
    const listItem = /^(.*)\.\d+$/.exec(entry.path);
    const path = listItem ? listItem[1]! : entry.path;
    const last = pairs.at(-1);
    if (listItem && last?.path === path) last.value = `${last.value}, ${value}`;
    else pairs.push({ path, value });
  }
  return pairs;
}

/** Details on one line: `path value · path value`. */
export function formatDetails(entries: readonly DetailEntryValue[]): string {
  return formatDetailPairs(entries)
    .map((pair) => `${pair.path} ${pair.value}`)
    .join(' · ');
}
