/**
 * Trailing sum of `window` values ending at each index, with Neumaier (improved Kahan)
 * compensation so the running update does not drift over long series.
 *
 * `output[t] = Σ values[t-window+1 .. t]` for `t ≥ window-1`; `NaN` before and for every window
 * that contains a NaN. Each step adds the difference `incoming − outgoing`, which is exact for
 * prices within a factor 2 of each other (Sterbenz lemma), to the compensated sum; when a NaN
 * leaves the window the sum is recomputed from scratch. Writes into `output`
 * (length ≥ `values.length`); no allocation.
 *
 * Source: A. Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen", ZAMM 54.
 */
export function calculateRollingSum(values: Float64Array, window: number, output: Float64Array): void {
  const length = values.length;
  let sum = 0;
  let compensation = 0;
  let nanCount = 0;
  for (let index = 0; index < length; index++) {
    if (nanCount === 0 && index >= window) {
      // Steady state (full window, no NaN inside): the general step below without its branches, the same operations,
      // so the same sums; a NaN entering or leaving hands the bar back to the general step.
      for (; index < length; index++) {
        const incoming = values[index];
        const outgoing = values[index - window];
        if (!(incoming === incoming && outgoing === outgoing)) break;
        const term = incoming - outgoing;
        const total = sum + term;
        compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
        sum = total;
        output[index] = sum + compensation;
      }
      if (index >= length) break;
    }
    const incoming = values[index];
    const outgoing = index >= window ? values[index - window] : 0;
    if (incoming === incoming && outgoing === outgoing) {
      const term = incoming - outgoing;
      const total = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
      sum = total;
    } else {
      if (incoming !== incoming) nanCount++;
      else {
        const total = sum + incoming;
        compensation += Math.abs(sum) >= Math.abs(incoming) ? sum - total + incoming : incoming - total + sum;
        sum = total;
      }
      if (outgoing !== outgoing) {
        nanCount--;
        if (nanCount === 0) {
          sum = 0;
          compensation = 0;
          for (let inner = index - window + 1; inner <= index; inner++) {
            const value = values[inner];
            const total = sum + value;
            compensation += Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
            sum = total;
          }
        }
      } else {
        const negated = -outgoing;
        const total = sum + negated;
        compensation += Math.abs(sum) >= Math.abs(negated) ? sum - total + negated : negated - total + sum;
        sum = total;
      }
    }
    output[index] = index >= window - 1 && nanCount === 0 ? sum + compensation : Number.NaN;
  }
}
