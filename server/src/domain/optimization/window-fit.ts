import { ValidationError } from '../errors.ts';
import type { WalkForwardWindowsSpec } from './optimization-settings.ts';

/** Fewest bars a train window may hold (indicators need history to mean anything). */
export const minTrainBarsPerWindow = 30;
/** Fewest bars a test window may hold. */
export const minTestBarsPerWindow = 5;
/** Most walk-forward segments one dataset may be split into. */
export const maxSegmentsPerDataset = 100;

/** What {@link checkWindowsFitData} needs to know of a dataset (its stored metadata; no bars are loaded). */
export interface WindowDataExtent {
  /** Dataset id, named in messages. */
  id: string;
  rowCount: number;
  /** Open time of the first and last bar, ms since epoch. */
  startMs: number;
  endMs: number;
  /** Length of one bar in ms (timeframe). */
  barMs: number;
}

/**
 * Checks a walk-forward layout against a dataset before anything is queued: each train window must hold at least
 * {@link minTrainBarsPerWindow} bars and each test window {@link minTestBarsPerWindow} (calendar sizes are converted
 * with the bar length), at least one segment must fit, and at most {@link maxSegmentsPerDataset}. Pure; the worker
 * still lays out the exact windows (gaps can only shorten them) and refuses them when they no longer fit.
 * @returns the estimated number of segments.
 * @throws ValidationError naming `windows.trainSize`, `windows.testSize` or `windows.stepSize`.
 */
export function checkWindowsFitData(windows: WalkForwardWindowsSpec, data: WindowDataExtent): number {
  const toBars = (size: number) => (windows.unit === 'bars' ? size : size / data.barMs);
  const unit = windows.unit === 'bars' ? 'bars' : 'ms';
  if (toBars(windows.trainSize) < minTrainBarsPerWindow) {
    throw new ValidationError(`trainSize ${windows.trainSize} ${unit} holds fewer than ${minTrainBarsPerWindow} bars of dataset ${data.id}`, 'windows.trainSize');
  }
  if (toBars(windows.testSize) < minTestBarsPerWindow) {
    throw new ValidationError(`testSize ${windows.testSize} ${unit} holds fewer than ${minTestBarsPerWindow} bars of dataset ${data.id}`, 'windows.testSize');
  }
  const extent = windows.unit === 'bars' ? data.rowCount : data.endMs + data.barMs - data.startMs;
  if (extent < windows.trainSize + windows.testSize) {
    throw new ValidationError(`dataset ${data.id} is too short for one train + test window (${data.rowCount} bars)`, 'windows.trainSize');
  }
  const segments = Math.floor((extent - windows.trainSize - windows.testSize) / windows.stepSize) + 1;
  if (segments > maxSegmentsPerDataset) {
    throw new ValidationError(`${segments} segments on dataset ${data.id} exceed the limit of ${maxSegmentsPerDataset}; use larger windows or steps`, 'windows.stepSize');
  }
  return segments;
}
