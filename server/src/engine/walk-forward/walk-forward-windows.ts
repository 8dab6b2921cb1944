import { EngineInputError } from '../errors/engine-input-error.ts';

/**
 * How train/test windows are laid out.
 * - `scheme`: `'rolling'` (train window of fixed size slides forward) or `'anchored'` (train
 *   window always starts at the first bar and grows).
 * - `unit`: sizes in `'bars'` (rows) or `'milliseconds'` of calendar time (converted to rows by
 *   timestamp, so gaps shorten a window instead of shifting it).
 * - `trainSize`, `testSize` > 0; `stepSize` (default `testSize`) ≥ `testSize`, so test windows
 *   never overlap and the out-of-sample series can be stitched.
 */
export interface WalkForwardWindowOptions {
  scheme: 'rolling' | 'anchored';
  unit: 'bars' | 'milliseconds';
  trainSize: number;
  testSize: number;
  stepSize?: number;
  /** Most windows to lay out (default {@link defaultMaxWalkForwardWindows}); more is refused before any is built. */
  maxWindows?: number;
}

/** Default bound on the number of walk-forward windows (and so on the layout loop). */
export const defaultMaxWalkForwardWindows = 10_000;

/** One walk-forward segment as row ranges `[start, end)`; `testStart === trainEnd`. */
export interface WalkForwardWindow {
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

function findFirstAtOrAfter(timestamps: Float64Array, time: number): number {
  let low = 0;
  let high = timestamps.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timestamps[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Lay out walk-forward windows over a frame's timestamps. Only windows whose test window is
 * complete (reaches its full size before the data ends) and whose train and test windows hold at
 * least one bar are returned, in time order. Window k (k = 0, 1, …): with offset `k·step`,
 * rolling train = `[offset, offset + train)`, anchored train = `[0, train + offset)`, and
 * test = `[trainEnd, trainEnd + test)`; calendar sizes are measured from the first timestamp.
 *
 * The loop is bounded by its input: the number of offsets is computed first and refused when it
 * exceeds `maxWindows` (tiny calendar windows over years of data would otherwise spin for ages).
 *
 * @throws EngineInputError naming `trainSize`, `testSize` or `stepSize` when not positive, or
 *   `stepSize` < `testSize`; naming `stepSize` when more than `maxWindows` windows would be laid out.
 */
export function makeWalkForwardWindows(timestamps: Float64Array, options: WalkForwardWindowOptions): WalkForwardWindow[] {
  const { trainSize, testSize } = options;
  const stepSize = options.stepSize ?? testSize;
  if (!(trainSize > 0) || !Number.isFinite(trainSize)) throw new EngineInputError('trainSize', 'trainSize must be a positive number');
  if (!(testSize > 0) || !Number.isFinite(testSize)) throw new EngineInputError('testSize', 'testSize must be a positive number');
  if (!(stepSize >= testSize) || !Number.isFinite(stepSize)) throw new EngineInputError('stepSize', 'stepSize must be ≥ testSize so test windows do not overlap');
  if (options.unit === 'bars' && (!Number.isInteger(trainSize) || !Number.isInteger(testSize) || !Number.isInteger(stepSize))) {
    throw new EngineInputError('trainSize', 'window sizes in bars must be integers');
  }
  const length = timestamps.length;
  const windows: WalkForwardWindow[] = [];
  if (length === 0) return windows;
  const origin = timestamps[0];
  const lastSpacing = length > 1 ? timestamps[length - 1] - timestamps[length - 2] : 0;
  const extent = options.unit === 'bars' ? length : timestamps[length - 1] + lastSpacing - origin;
  const offsets = extent < trainSize + testSize ? 0 : Math.floor((extent - trainSize - testSize) / stepSize) + 1;
  const maxWindows = options.maxWindows ?? defaultMaxWalkForwardWindows;
  if (offsets > maxWindows) throw new EngineInputError('stepSize', `${offsets} walk-forward windows exceed the limit of ${maxWindows}; use larger windows or steps`);
  for (let k = 0; k < offsets + 1; k++) {
    const offset = k * stepSize;
    const trainStartPosition = options.scheme === 'rolling' ? offset : 0;
    const trainEndPosition = options.scheme === 'rolling' ? offset + trainSize : trainSize + offset;
    const testEndPosition = trainEndPosition + testSize;
    let window: WalkForwardWindow;
    if (options.unit === 'bars') {
      if (testEndPosition > length) break;
      window = { trainStart: trainStartPosition, trainEnd: trainEndPosition, testStart: trainEndPosition, testEnd: testEndPosition };
    } else {
      if (origin + testEndPosition > timestamps[length - 1] + lastSpacing) break;
      const trainStart = findFirstAtOrAfter(timestamps, origin + trainStartPosition);
      const trainEnd = findFirstAtOrAfter(timestamps, origin + trainEndPosition);
      const testEnd = findFirstAtOrAfter(timestamps, origin + testEndPosition);
      window = { trainStart, trainEnd, testStart: trainEnd, testEnd };
    }
    if (window.trainEnd > window.trainStart && window.testEnd > window.testStart) windows.push(window);
  }
  return windows;
}
