import { MISSING, isFiniteNumber } from './missing.ts';

/**
 * A fraction as a percentage: `0.1234` → `"12.34 %"`. `signed` prefixes positive values with `+`.
 * Null, NaN and ±∞ give "—".
 */
export function formatPercent(fraction: number | null | undefined, options: { digits?: number; signed?: boolean } = {}): string {
  if (!isFiniteNumber(fraction)) return MISSING;
  const { digits = 2, signed = false } = options;
  const percent = fraction * 100;
  const text = percent.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const normalized = text === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : text;
  return `${signed && percent > 0 ? '+' : ''}${normalized.replace('-', '−')} %`;
}

/** CSS tone of a signed value: `positive`, `negative` or `neutral` (zero, null). */
export function toneOf(value: number | null | undefined): 'positive' | 'negative' | 'neutral' {
  if (!isFiniteNumber(value) || value === 0) return 'neutral';
  return value > 0 ? 'positive' : 'negative';
}
