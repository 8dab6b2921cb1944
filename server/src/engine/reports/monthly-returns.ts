/**
 * Compounded return of one calendar month (UTC) of a run.
 * - `year`, `month`: calendar year and month 1–12 (UTC) of the bars' open times.
 * - `returnFraction`: `equity at the month's last close / equity at the previous month's last close − 1` (the first
 *   month starts from the initial equity), a fraction.
 * - `barCount`: bars of the run in that month.
 */
export interface MonthlyReturn {
  readonly year: number;
  readonly month: number;
  readonly returnFraction: number;
  readonly barCount: number;
}

/**
 * Monthly returns for a heatmap (months without a bar are absent). `timestamp` = bar open times (ms, UTC, increasing),
 * `equity` = equity at each close, `initialEquity` the equity before the first bar (1 by default). A month's return
 * compounds its bars' returns, so the months multiply to the total return. Pure, O(bars).
 */
export function calculateMonthlyReturns(timestamp: Float64Array, equity: Float64Array, initialEquity = 1): MonthlyReturn[] {
  const months: MonthlyReturn[] = [];
  let start = initialEquity;
  let count = 0;
  let currentKey = -1;
  for (let index = 0; index < timestamp.length; index++) {
    const date = new Date(timestamp[index]);
    const key = date.getUTCFullYear() * 12 + date.getUTCMonth();
    if (key !== currentKey && currentKey >= 0) {
      months.push(month(currentKey, equity[index - 1] / start - 1, count));
      start = equity[index - 1];
      count = 0;
    }
    currentKey = key;
    count++;
  }
  if (currentKey >= 0) months.push(month(currentKey, equity[timestamp.length - 1] / start - 1, count));
  return months;
}

function month(key: number, returnFraction: number, barCount: number): MonthlyReturn {
  return { year: Math.floor(key / 12), month: (key % 12) + 1, returnFraction, barCount };
}
