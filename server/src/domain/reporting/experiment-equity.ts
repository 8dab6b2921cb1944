/**
 * Out-of-sample equity curves of chosen trials (configurations) of an evaluation cycle, from the cycle's stored
 * trial-return matrix: each trial's column holds, per dataset in turn, its stitched walk-forward out-of-sample returns
 * compounded into equal groups of bars (engine/cycle/evaluate-configurations.ts). Compounding a dataset's groups again
 * gives the trial's equity on that dataset at each group's end, starting at 1.0 (fraction of starting capital).
 */
export interface ExperimentEquity {
  datasetId: string;
  /** Per wanted trial key, in the order asked: equity 1.0 then after each group (groups + 1 values); null when the key is not in the matrix. */
  curves: (number[] | null)[];
}

/**
 * @param matrix column-major float64 values: `trialKeys.length` columns of `rows` compounded returns (fractions) each.
 * @param datasetIds the datasets that contributed rows, in matrix order; each holds `rows / datasetIds.length` rows.
 * @param wanted trial keys to draw.
 * @returns one entry per dataset; [] when the matrix does not have the shape described (nothing to draw).
 */
export function experimentEquityCurves(matrix: Float64Array, rows: number, trialKeys: readonly string[], datasetIds: readonly string[], wanted: readonly string[]): ExperimentEquity[] {
  if (rows <= 0 || datasetIds.length === 0 || rows % datasetIds.length !== 0 || matrix.length !== rows * trialKeys.length) return [];
  const groups = rows / datasetIds.length;
  const columnOf = new Map(trialKeys.map((key, index) => [key, index]));
  return datasetIds.map((datasetId, datasetIndex) => ({
    datasetId,
    curves: wanted.map((key) => {
      const column = columnOf.get(key);
      if (column === undefined) return null;
      const start = column * rows + datasetIndex * groups;
      const equity = [1];
      for (let row = 0; row < groups; row++) equity.push(equity[row]! * (1 + matrix[start + row]!));
      return equity;
    }),
  }));
}
