import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculatePearsonCorrelation } from '../statistics/correlation.ts';

/** Milliseconds in one UTC day: the "session" of a 24/7 crypto market. */
export const millisecondsPerDay = 86_400_000;

/** The UTC day number of a time (`floor(ms / 86 400 000)`; day 0 = 1970-01-01). */
export function utcDayOf(timeMs: number): number {
  return Math.floor(timeMs / millisecondsPerDay);
}

/**
 * Daily returns of an equity series: `days[k]` is a UTC day number (ascending, only days with a mark) and
 * `returns[k]` the simple return of that day, fraction (0.01 = +1 %).
 */
export interface DailyReturns {
  days: Float64Array;
  returns: Float64Array;
}

/**
 * Daily returns from equity marks (P&L snapshots, or a backtest's equity curve with its bar times): a day's close is
 * its last mark; `return[d] = close[d] / close[previous day with a mark] − 1`, the first day measured from
 * `startingEquity` (default: the first mark, so the first day's return covers the marks of that day only). Days
 * without a mark are absent (a gap's move lands on the next day with a mark). NaN marks are skipped; a reference
 * close ≤ 0 gives a NaN return.
 *
 * @param timestampsMs mark times, ms since epoch, non-decreasing.
 * @param equity equity at each mark, in the account currency.
 * @throws EngineInputError('equity') on a length mismatch, EngineInputError('timestamps') when times decrease.
 */
export function calculateDailyReturns(timestampsMs: Float64Array, equity: Float64Array, startingEquity?: number): DailyReturns {
  if (timestampsMs.length !== equity.length) throw new EngineInputError('equity', `equity must have one value per timestamp (got ${equity.length} for ${timestampsMs.length})`);
  const days: number[] = [];
  const closes: number[] = [];
  let reference = startingEquity;
  for (let index = 0; index < timestampsMs.length; index++) {
    if (index > 0 && timestampsMs[index] < timestampsMs[index - 1]) throw new EngineInputError('timestamps', `timestamps must not decrease (index ${index})`);
    const value = equity[index];
    if (value !== value) continue;
    if (reference === undefined) reference = value;
    const day = utcDayOf(timestampsMs[index]);
    if (days.length > 0 && days[days.length - 1] === day) closes[closes.length - 1] = value;
    else {
      days.push(day);
      closes.push(value);
    }
  }
  const returns = new Float64Array(days.length);
  let previous = reference ?? Number.NaN;
  for (let index = 0; index < closes.length; index++) {
    returns[index] = previous > 0 ? closes[index] / previous - 1 : Number.NaN;
    previous = closes[index];
  }
  return { days: Float64Array.from(days), returns };
}

/** Correlation of two daily-return series over their common days, with how many days it rests on. */
export interface DailyReturnCorrelation {
  /** Pearson correlation, −1…1; NaN when undefined (fewer than 2 common days, or a constant series). */
  correlation: number;
  /** Common UTC days (both series have a finite return) within the window. */
  overlapDays: number;
}

/**
 * Pearson correlation of two strategies' daily returns over the UTC days `[fromDay, toDay]` on which both have a
 * finite return (SC-006; the one definition of strategy correlation, used for the correlation cap and by monitoring).
 */
export function calculateDailyReturnCorrelation(a: DailyReturns, b: DailyReturns, fromDay: number, toDay: number): DailyReturnCorrelation {
  const x: number[] = [];
  const y: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.days.length && j < b.days.length) {
    const dayA = a.days[i];
    const dayB = b.days[j];
    if (dayA < dayB) i++;
    else if (dayB < dayA) j++;
    else {
      const returnA = a.returns[i];
      const returnB = b.returns[j];
      if (dayA >= fromDay && dayA <= toDay && returnA === returnA && returnB === returnB) {
        x.push(returnA);
        y.push(returnB);
      }
      i++;
      j++;
    }
  }
  return { correlation: calculatePearsonCorrelation(Float64Array.from(x), Float64Array.from(y)), overlapDays: x.length };
}
