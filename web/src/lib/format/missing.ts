/** What every formatter shows for a value that is undefined for a run or not yet known. */
export const MISSING = '—';

/** Tooltip for a metric that is null (NaN or ±∞ in the engine, e.g. a Sharpe ratio with zero variance). */
export const UNDEFINED_FOR_RUN = 'undefined for this run';

/** Whether a value is a finite number (null, undefined, NaN and ±∞ are not). */
export function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
