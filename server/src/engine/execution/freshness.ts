/**
 * Freshness of a deployment's market data: `ageMs = nowMs − lastBarCloseMs` against the policy's `maxBarAgeMs`.
 * `fresh` only when `ageMs ≤ maxBarAgeMs` — a NaN anywhere or no closed bar yet (`lastBarCloseMs` null, age +∞) is
 * stale (fail closed). A negative age (a bar closing after the clock) counts as fresh here; `validateBar` refuses such
 * a bar beyond its clock-skew tolerance.
 */
export interface Freshness {
  readonly fresh: boolean;
  /** Clock now − last closed bar's close time, ms (+∞ without a bar). */
  readonly ageMs: number;
  /** The policy's limit, ms. */
  readonly maxBarAgeMs: number;
}

/**
 * The freshness verdict (promotion-framework: the market-data freshness gate is mandatory for execution; stale →
 * no order, health DEGRADED).
 *
 * @param nowMs the injected clock, ms since the epoch.
 * @param lastBarCloseMs close time of the last closed bar, ms since the epoch, or null when none arrived yet.
 * @param maxBarAgeMs the largest acceptable age, ms.
 */
export function freshness(nowMs: number, lastBarCloseMs: number | null, maxBarAgeMs: number): Freshness {
  const ageMs = lastBarCloseMs === null ? Number.POSITIVE_INFINITY : nowMs - lastBarCloseMs;
  return { fresh: ageMs <= maxBarAgeMs, ageMs, maxBarAgeMs };
}
