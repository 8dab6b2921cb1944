import type { StoredMetrics } from '../../domain/backtest/backtest-run.entity.ts';

/**
 * Maps engine metrics to JSON: finite numbers stay, NaN → null, ±∞ → "Infinity" / "-Infinity", so degenerate
 * results (e.g. Sortino with no downside) keep their meaning in storage.
 */
export function toStoredMetrics(metrics: object): StoredMetrics {
  const stored: StoredMetrics = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number') continue;
    stored[name] = Number.isFinite(value) ? value : Number.isNaN(value) ? null : value > 0 ? 'Infinity' : '-Infinity';
  }
  return stored;
}

/** Reads a stored metric back as a number (NaN for null, ±∞ for the markers); undefined when absent. */
export function readStoredMetric(metrics: StoredMetrics | null | undefined, name: string): number | undefined {
  if (!metrics || !(name in metrics)) return undefined;
  const value = metrics[name];
  if (value === null) return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return typeof value === 'number' ? value : Number.NaN;
}
