import { MISSING } from './missing.ts';

/**
 * Dates are shown in UTC, as the market data and the engine use UTC open times.
 * Inputs are ISO-8601 strings (the `DateTimeISO` scalar).
 */

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `2024-03-01` (UTC). */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? date.toISOString().slice(0, 10) : MISSING;
}

/** `2024-03-01 14:05:09 UTC`. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC` : MISSING;
}

/** `2024-03-01 14:05` — compact, for table cells (UTC). */
export function formatDateTimeShort(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? date.toISOString().slice(0, 16).replace('T', ' ') : MISSING;
}

/** A date range `2020-01-01 → 2024-12-31`. */
export function formatDateRange(startIso: string | null | undefined, endIso: string | null | undefined): string {
  return `${formatDate(startIso)} → ${formatDate(endIso)}`;
}

/** A duration in milliseconds: `840 ms`, `3.2 s`, `2 m 05 s`, `1 h 02 m`. */
export function formatDuration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined || !Number.isFinite(milliseconds)) return MISSING;
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const wholeSeconds = Math.round(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes} m ${String(wholeSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} m`;
}

/** How long ago, relative to `now` (ms since epoch): `12 s ago`, `5 min ago`, `3 h ago`, else the date. */
export function formatRelative(iso: string | null | undefined, now: number): string {
  const date = parse(iso);
  if (!date) return MISSING;
  const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDate(iso);
}

/** Seconds since the epoch (UTC), the time unit of lightweight-charts. */
export function toEpochSeconds(iso: string): number {
  return Math.floor(new Date(iso).getTime() / 1000);
}

/**
 * The value of a `datetime-local` input read as UTC (the tables show UTC), as ISO-8601: `2024-03-01T14:05` →
 * `2024-03-01T14:05:00.000Z`, whatever the browser's time zone. Empty or invalid gives null.
 */
export function utcInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
