import type { OptimizationTrialAnalysisQuery } from '#lib/gql/graphql.ts';

export type TrialAnalysis = NonNullable<OptimizationTrialAnalysisQuery['optimization']>['trialAnalysis'];
export type TrialPoint = TrialAnalysis['trials'][number];
export type Direction = 'MAXIMIZE' | 'MINIMIZE';

/** A linear scale from [min, max] onto [from, to] (a flat domain maps to the middle). */
export function linearScale(min: number, max: number, from: number, to: number): (value: number) => number {
  const span = max - min;
  return (value) => (span === 0 ? (from + to) / 2 : from + ((value - min) / span) * (to - from));
}

/** Smallest and largest finite value (0..1 when none). */
export function extent(values: readonly (number | null | undefined)[]): [number, number] {
  const finite = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  if (finite.length === 0) return [0, 1];
  return [Math.min(...finite), Math.max(...finite)];
}

/** The value of `name` in a trial as a number (booleans 0/1; text by its position in `choices`). */
export function numericValue(trial: TrialPoint, name: string, choices: readonly string[] = []): number | null {
  const value = trial.parameters.find((setting) => setting.name === name)?.value;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return choices.indexOf(value);
  return null;
}

/** Distinct text values of a parameter (for categorical axes), sorted; empty for numeric parameters. */
export function categoriesOf(trials: readonly TrialPoint[], name: string): string[] {
  const values = trials.map((trial) => trial.parameters.find((setting) => setting.name === name)?.value);
  if (values.every((value) => typeof value === 'number' || typeof value === 'boolean' || value === undefined)) return [];
  return [...new Set(values.map(String))].sort();
}

/**
 * Best objective so far along the trials (by `direction`), restarting at each segment when `perSegment` (each
 * segment is its own search). Non-finite objectives keep the previous best.
 */
export function bestSoFar(trials: readonly TrialPoint[], direction: Direction, perSegment: boolean): (number | null)[] {
  let best: number | null = null;
  let segment: string | null = null;
  return trials.map((trial) => {
    if (perSegment && trial.segmentId !== segment) {
      best = null;
      segment = trial.segmentId;
    }
    const value = trial.objective;
    if (typeof value === 'number' && (best === null || (direction === 'MAXIMIZE' ? value > best : value < best))) best = value;
    return best;
  });
}

/** One cell of a two-parameter grid: the mean objective of the trials falling in it. */
export interface GridCell {
  column: number;
  row: number;
  mean: number;
  count: number;
}

/**
 * Bins trials on two numeric axes into at most `bins` × `bins` cells (equal-width bins over each axis's range) and
 * averages the objective per cell; cells without a finite objective are left out.
 */
export function gridOf(points: readonly { x: number; y: number; value: number | null }[], bins: number): { cells: GridCell[]; columns: number; rows: number; xExtent: [number, number]; yExtent: [number, number] } {
  const xExtent = extent(points.map((point) => point.x));
  const yExtent = extent(points.map((point) => point.y));
  const distinctX = new Set(points.map((point) => point.x)).size;
  const distinctY = new Set(points.map((point) => point.y)).size;
  const columns = Math.max(1, Math.min(bins, distinctX));
  const rows = Math.max(1, Math.min(bins, distinctY));
  const index = (value: number, [min, max]: [number, number], count: number) => (max === min ? 0 : Math.min(count - 1, Math.floor(((value - min) / (max - min)) * count)));
  const sums = new Map<string, GridCell & { sum: number }>();
  for (const point of points) {
    if (typeof point.value !== 'number' || !Number.isFinite(point.value)) continue;
    const column = index(point.x, xExtent, columns);
    const row = index(point.y, yExtent, rows);
    const key = `${column}:${row}`;
    const cell = sums.get(key) ?? { column, row, mean: 0, count: 0, sum: 0 };
    cell.sum += point.value;
    cell.count += 1;
    cell.mean = cell.sum / cell.count;
    sums.set(key, cell);
  }
  return { cells: [...sums.values()].map(({ column, row, mean, count }) => ({ column, row, mean, count })), columns, rows, xExtent, yExtent };
}

/**
 * A diverging colour for `value` within [min, max]: red (worst) → neutral → green (best) by the objective's
 * direction, as an rgba() string readable on both themes.
 */
export function objectiveColour(value: number | null, [min, max]: [number, number], direction: Direction): string {
  if (value === null || !Number.isFinite(value)) return 'rgba(133, 145, 161, 0.35)';
  let t = max === min ? 0.5 : (value - min) / (max - min);
  if (direction === 'MINIMIZE') t = 1 - t;
  const good = [56, 170, 120];
  const bad = [225, 80, 95];
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgba(${mix(bad[0]!, good[0]!)}, ${mix(bad[1]!, good[1]!)}, ${mix(bad[2]!, good[2]!)}, ${(0.35 + 0.6 * Math.abs(t - 0.5) * 2).toFixed(2)})`;
}

/** A readable name of an objective metric enum value: `SHARPE` → "Sharpe", `MAX_DRAWDOWN` → "max drawdown". */
export function objectiveLabel(metric: string): string {
  const words = metric.toLowerCase().split('_');
  const proper = new Set(['sharpe', 'sortino', 'calmar', 'omega']);
  return words.map((word, index) => (index === 0 && proper.has(word) ? word[0]!.toUpperCase() + word.slice(1) : word === 'cagr' ? 'CAGR' : word)).join(' ');
}
