import { MISSING, isFiniteNumber } from './missing.ts';

/** A ratio (Sharpe, Sortino, Calmar…) to `digits` decimals (default 2), with a typographic minus; null gives "—". */
export function formatRatio(value: number | null | undefined, digits = 2): string {
  if (!isFiniteNumber(value)) return MISSING;
  return formatDecimal(value, digits);
}

/** A number with thousands separators and exactly `digits` decimals; null gives "—". */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  if (!isFiniteNumber(value)) return MISSING;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return text.replace('-', '−');
}

/** A count with thousands separators (`12,345`); null gives "—". */
export function formatInteger(value: number | null | undefined): string {
  if (!isFiniteNumber(value)) return MISSING;
  return Math.round(value).toLocaleString('en-US').replace('-', '−');
}

/** A price with precision adapted to its magnitude (`64,210.50`, `0.3412`, `0.00001234`). */
export function formatPrice(value: number | null | undefined): string {
  if (!isFiniteNumber(value)) return MISSING;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 1000 ? 2 : magnitude >= 1 ? 4 : magnitude >= 0.01 ? 5 : 8;
  return formatDecimal(value, digits);
}

/** Basis points: `10` → `"10 bps"`. */
export function formatBasisPoints(value: number | null | undefined): string {
  if (!isFiniteNumber(value)) return MISSING;
  return `${Number.isInteger(value) ? value : value.toFixed(2)} bps`;
}

/** A SHA-256 (or any long hex) shortened to its first `length` characters, e.g. for a table cell. */
export function shortenChecksum(checksum: string, length = 10): string {
  return checksum.length > length ? `${checksum.slice(0, length)}…` : checksum;
}
