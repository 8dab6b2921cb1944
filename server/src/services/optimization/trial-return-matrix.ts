import { packFloat64 } from '../backtest/equity-curve-codec.ts';

/** Most rows kept per trial in the stored PBO matrix. */
export const maxMatrixRows = 256;
/** CSCV block count used for PBO (must divide the row count). */
export const cscvBlockCount = 16;

/** A trial-return matrix reduced for storage and CSCV: one series per trial, all of `rows` values. */
export interface TrialReturnMatrix {
  series: Float64Array[];
  rows: number;
  /** Bars compounded into one row. */
  groupBars: number;
}

/**
 * Compounds each trial's per-bar train returns into groups of `groupBars = ⌈T / 256⌉` bars, keeping the most recent
 * whole groups, and trims the oldest rows so the row count is a multiple of the CSCV block count (16). Fewer than 16
 * rows → `rows = 0` (no PBO). Compounded returns are returns of the same strategy over longer periods, so CSCV over
 * them is the same test at a coarser frequency — and the stored matrix is exactly what PBO was computed from.
 */
export function reduceTrialReturns(returnsByTrial: readonly Float64Array[]): TrialReturnMatrix {
  const length = returnsByTrial[0]?.length ?? 0;
  const groupBars = Math.max(1, Math.ceil(length / maxMatrixRows));
  const wholeGroups = Math.floor(length / groupBars);
  const rows = wholeGroups - (wholeGroups % cscvBlockCount);
  const start = length - rows * groupBars;
  const series = returnsByTrial.map((returns) => {
    if (groupBars === 1) return returns.slice(start, start + rows);
    const output = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let growth = 1;
      const from = start + row * groupBars;
      for (let index = from; index < from + groupBars; index++) growth *= 1 + returns[index];
      output[row] = growth - 1;
    }
    return output;
  });
  return { series, rows, groupBars };
}

/** Row-major (by trial) little-endian float64 bytes of the matrix. */
export function packTrialReturnMatrix(matrix: TrialReturnMatrix): Buffer {
  const flat = new Float64Array(matrix.series.length * matrix.rows);
  matrix.series.forEach((series, trial) => flat.set(series, trial * matrix.rows));
  return packFloat64(flat);
}
