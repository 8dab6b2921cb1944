/**
 * The platform's one mapping of engine numbers for storage and the API: finite numbers stay, NaN and ±∞ (the
 * engine's "not defined") become `null`. (Stored metric records keep ±∞ as markers instead: `toStoredMetrics`.)
 */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** {@link finiteOrNull} applied to every numeric field of `record` (other fields dropped). */
export function finiteOrNullRecord<K extends string>(record: Partial<Record<K, number | null | undefined>>): Record<K, number | null> {
  const output = {} as Record<K, number | null>;
  for (const [name, value] of Object.entries(record) as [K, unknown][]) if (typeof value === 'number' || value === null) output[name] = finiteOrNull(value as number | null);
  return output;
}
