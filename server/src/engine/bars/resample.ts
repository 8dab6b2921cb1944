import { EngineInputError } from '../errors/engine-input-error.ts';
import { makeBarFrame } from './bar-frame.ts';
import type { BarFrame } from './bar-frame.ts';
import { timeframeMilliseconds } from './timeframe.ts';
import type { Timeframe } from './timeframe.ts';

/**
 * What to do with the bucket at the START of the frame when the data begins after the bucket's
 * first bar, and the bucket at the END when the data stops before the bucket's last bar: `'drop'` (default) removes it, `'keep'` keeps it
 * and flags it incomplete. Incomplete buckets in the interior (caused by gaps) are always kept and
 * flagged, because gaps are not filled (DESIGN.md §4).
 */
export type EdgeBucketPolicy = 'drop' | 'keep';

/** Resampled bars plus, per output bar, how many source bars it aggregates and whether that is a full bucket. */
export interface ResampledBars {
  readonly frame: BarFrame;
  /** Number of source bars in each output bar. */
  readonly sourceBarCount: Int32Array;
  /** 1 when the bucket holds `target / source` bars, 0 when partial. */
  readonly complete: Uint8Array;
}

/**
 * Aggregate bars into a longer timeframe by UTC bucket `⌊timestamp / bucket⌋ · bucket` (so `1d`
 * buckets start at 00:00 UTC and `1h` at the full hour): open = first open, high = max high,
 * low = min low, close = last close, volume = sum, timestamp = bucket start.
 *
 * @param sourceTimeframe timeframe of `frame` (defines a full bucket's bar count).
 * @param targetTimeframe longer timeframe, a whole multiple of the source.
 * @throws EngineInputError('targetTimeframe') when it is not a longer whole multiple of the source;
 *   EngineInputError('timestamp') when a source timestamp is not on the source grid.
 */
export function resampleBarFrame(frame: BarFrame, sourceTimeframe: Timeframe, targetTimeframe: Timeframe, edgeBuckets: EdgeBucketPolicy = 'drop'): ResampledBars {
  const sourceMilliseconds = timeframeMilliseconds(sourceTimeframe);
  const bucketMilliseconds = timeframeMilliseconds(targetTimeframe);
  if (bucketMilliseconds <= sourceMilliseconds || bucketMilliseconds % sourceMilliseconds !== 0) {
    throw new EngineInputError('targetTimeframe', `cannot resample ${sourceTimeframe} into ${targetTimeframe}: target must be a longer whole multiple`);
  }
  const fullCount = bucketMilliseconds / sourceMilliseconds;
  const length = frame.length;
  const timestamp = new Float64Array(length);
  const open = new Float64Array(length);
  const high = new Float64Array(length);
  const low = new Float64Array(length);
  const close = new Float64Array(length);
  const volume = new Float64Array(length);
  const counts = new Int32Array(length);
  let output = -1;
  let currentBucket = Number.NaN;
  for (let index = 0; index < length; index++) {
    const time = frame.timestamp[index];
    if (time % sourceMilliseconds !== 0) throw new EngineInputError('timestamp', `row ${index} is not aligned to ${sourceTimeframe} bars`);
    const bucket = Math.floor(time / bucketMilliseconds) * bucketMilliseconds;
    if (bucket !== currentBucket) {
      output++;
      currentBucket = bucket;
      timestamp[output] = bucket;
      open[output] = frame.open[index];
      high[output] = frame.high[index];
      low[output] = frame.low[index];
      close[output] = frame.close[index];
      volume[output] = frame.volume[index];
      counts[output] = 1;
    } else {
      if (frame.high[index] > high[output]) high[output] = frame.high[index];
      if (frame.low[index] < low[output]) low[output] = frame.low[index];
      close[output] = frame.close[index];
      volume[output] += frame.volume[index];
      counts[output]++;
    }
  }
  let first = 0;
  let end = output + 1;
  if (edgeBuckets === 'drop') {
    // an edge bucket is partial when the data starts after its start or ends before its last bar
    if (end > 0 && frame.timestamp[0] > timestamp[0]) first = 1;
    if (end > first && frame.timestamp[length - 1] < timestamp[end - 1] + bucketMilliseconds - sourceMilliseconds) end--;
  }
  const complete = new Uint8Array(Math.max(0, end - first));
  for (let index = first; index < end; index++) complete[index - first] = counts[index] === fullCount ? 1 : 0;
  return {
    frame: makeBarFrame({
      timestamp: timestamp.slice(first, end),
      open: open.slice(first, end),
      high: high.slice(first, end),
      low: low.slice(first, end),
      close: close.slice(first, end),
      volume: volume.slice(first, end),
    }),
    sourceBarCount: counts.slice(first, end),
    complete,
  };
}
