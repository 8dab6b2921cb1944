import { EngineInputError } from '../errors/engine-input-error.ts';

/**
 * Column-oriented OHLCV bars of one instrument, oldest first. Immutable by convention: the engine
 * never writes into a frame's arrays and callers must not either.
 *
 * - `timestamp`: bar OPEN time in milliseconds since the Unix epoch (UTC).
 * - `open`, `high`, `low`, `close`: prices in quote currency.
 * - `volume`: traded volume in base-asset units.
 *
 * Rows are consecutive bars; gaps in time are not filled (DESIGN.md §4).
 */
export interface BarFrame {
  readonly length: number;
  readonly timestamp: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** The six columns of a {@link BarFrame}, all of the same length. */
export interface BarColumns {
  timestamp: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

const columnNames = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Wrap six columns into a frozen {@link BarFrame}. The arrays are not copied.
 *
 * Checks that every column is a Float64Array and that all have the length of `timestamp`, and
 * that timestamps are strictly increasing. Prices are not validated (NaN prices propagate).
 *
 * @throws EngineInputError naming the column whose type or length is wrong, or `'timestamp'`
 *   when timestamps are not strictly increasing.
 */
export function makeBarFrame(columns: BarColumns): BarFrame {
  for (const name of columnNames) {
    if (!(columns[name] instanceof Float64Array)) {
      throw new EngineInputError(name, `column '${name}' must be a Float64Array`);
    }
  }
  const length = columns.timestamp.length;
  for (const name of columnNames) {
    if (columns[name].length !== length) {
      throw new EngineInputError(name, `column '${name}' has ${columns[name].length} rows, expected ${length} (length of 'timestamp')`);
    }
  }
  const timestamp = columns.timestamp;
  for (let index = 1; index < length; index++) {
    if (!(timestamp[index] > timestamp[index - 1])) {
      throw new EngineInputError('timestamp', `timestamps must be strictly increasing (row ${index})`);
    }
  }
  return Object.freeze({
    length,
    timestamp,
    open: columns.open,
    high: columns.high,
    low: columns.low,
    close: columns.close,
    volume: columns.volume,
  });
}

/**
 * Rows `[start, end)` of a frame as a new frame that shares the underlying buffers
 * (`Float64Array.subarray`, no copy).
 *
 * @throws EngineInputError('range') when the range is not within `[0, frame.length]` or `start > end`.
 */
export function sliceBarFrame(frame: BarFrame, start: number, end: number): BarFrame {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > frame.length || start > end) {
    throw new EngineInputError('range', `invalid row range [${start}, ${end}) for a frame of ${frame.length} rows`);
  }
  return Object.freeze({
    length: end - start,
    timestamp: frame.timestamp.subarray(start, end),
    open: frame.open.subarray(start, end),
    high: frame.high.subarray(start, end),
    low: frame.low.subarray(start, end),
    close: frame.close.subarray(start, end),
    volume: frame.volume.subarray(start, end),
  });
}
