/**
 * A benchmark's equity on another series' time axis, rebased to 1.0 at the first target time it covers:
 * `output[k]` = the source value of the last source time ≤ `targetTime[k]`, divided by that of the first covered
 * target time; NaN before the source starts. Both time arrays increasing (ms). Pure, O(source + target).
 */
export function alignRebased(sourceTime: ArrayLike<number>, sourceValue: ArrayLike<number>, targetTime: ArrayLike<number>): Float64Array {
  const output = new Float64Array(targetTime.length).fill(Number.NaN);
  let source = -1;
  let base = Number.NaN;
  for (let k = 0; k < targetTime.length; k++) {
    while (source + 1 < sourceTime.length && sourceTime[source + 1] <= targetTime[k]) source++;
    if (source < 0) continue;
    const value = sourceValue[source];
    if (!Number.isFinite(value)) continue;
    if (Number.isNaN(base)) base = value;
    output[k] = value / base;
  }
  return output;
}
