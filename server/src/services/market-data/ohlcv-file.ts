import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { MarketDataRejectedError } from '../../domain/errors.ts';
import type { DataGap, QualityFlags } from '../../domain/market-data/market-data-set.entity.ts';
import { parseTimeframe, timeframeMilliseconds, type Timeframe } from '../../domain/market-data/timeframe.ts';

/** The columns every OHLCV file must have (any order; extra columns are refused). */
export const ohlcvColumns = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;

/** A validated file: bars as packed columns plus what import found. */
export interface ValidatedOhlcv {
  symbol: string;
  timeframe: Exclude<Timeframe, 'tick'>;
  /** Bar open times, ms since epoch, strictly increasing and aligned to the timeframe. */
  timestamp: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  qualityFlags: QualityFlags;
  missingBarCount: number;
  /** SHA-256 (hex) of the canonical bytes (see `canonicalLine`). */
  checksum: string;
}

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const epochMilliseconds = /^\d{12,14}$/;
const decimalNumber = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Symbol and timeframe from a file name such as `BTC-USDT_1h.csv` (or `.csv.gz`); `undefined` when the name
 * does not follow that pattern.
 */
export function describeFileName(fileName: string): { symbol?: string; timeframe?: string } {
  const match = /^([A-Za-z0-9.-]+)_(\d+[mhd])\.csv(\.gz)?$/.exec(fileName);
  return match ? { symbol: match[1]!.toUpperCase(), timeframe: match[2] } : {};
}

/**
 * Parses and validates an OHLCV CSV file. Rules, each named in the refusal: `header`, `column-count`,
 * `empty-file`, `timestamp-format`, `timestamp-order`, `duplicate-timestamp`, `timestamp-alignment`,
 * `number-format`, `non-positive-price`, `negative-volume`, `ohlc-consistency`, `symbol`, `timeframe`.
 *
 * Gaps (missing bars) and zero-volume bars are not errors: they become quality flags.
 * The checksum is SHA-256 over canonical bytes — a `symbol=…;timeframe=…` line, then one line per bar with
 * the ISO-8601 UTC timestamp and numbers in shortest round-trip form — so `60190.0` and `60190` hash alike.
 *
 * @throws MarketDataRejectedError naming file, row (line number, header = 1) and rule.
 */
export function parseOhlcvFile(
  fileName: string,
  content: string,
  labels: { symbol?: string; timeframe?: string } = {},
): ValidatedOhlcv {
  const refuse = (row: number | null, rule: string, detail: string): never => {
    throw new MarketDataRejectedError(fileName, row, rule, detail);
  };
  const fromName = describeFileName(fileName);
  const symbol = (labels.symbol ?? fromName.symbol)?.toUpperCase();
  if (!symbol || !/^[A-Z0-9][A-Z0-9.-]*$/.test(symbol)) {
    refuse(null, 'symbol', 'cannot tell the symbol; name the file like BTC-USDT_1h.csv or pass --symbol');
  }
  const timeframeName = labels.timeframe ?? fromName.timeframe;
  if (!timeframeName) refuse(null, 'timeframe', 'cannot tell the timeframe; name the file like BTC-USDT_1h.csv or pass --timeframe');
  let timeframe: Exclude<Timeframe, 'tick'>;
  try {
    const parsed = parseTimeframe(timeframeName!);
    if (parsed === 'tick') throw new Error('tick data is not OHLCV; use 1m, 5m, 1h or 1d');
    timeframe = parsed;
  } catch (error) {
    return refuse(null, 'timeframe', (error as Error).message);
  }
  const barMs = timeframeMilliseconds[timeframe];

  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return refuse(lines ?? null, 'column-count', (error as Error).message);
  }
  const header = records[0]?.map((name) => name.toLowerCase());
  if (!header) return refuse(null, 'empty-file', 'the file is empty');
  const missing = ohlcvColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) refuse(1, 'header', `missing column(s) ${missing.join(', ')}; expected ${ohlcvColumns.join(',')}`);
  const extra = header.filter((column) => !(ohlcvColumns as readonly string[]).includes(column));
  if (extra.length > 0) refuse(1, 'header', `unexpected column(s) ${extra.join(', ')}; expected ${ohlcvColumns.join(',')}`);
  const index = Object.fromEntries(ohlcvColumns.map((column) => [column, header.indexOf(column)])) as Record<(typeof ohlcvColumns)[number], number>;

  const count = records.length - 1;
  if (count === 0) refuse(null, 'empty-file', 'the file has a header but no bars');
  const timestamp = new Float64Array(count);
  const open = new Float64Array(count);
  const high = new Float64Array(count);
  const low = new Float64Array(count);
  const close = new Float64Array(count);
  const volume = new Float64Array(count);
  const gaps: DataGap[] = [];
  const zeroVolumeBars: string[] = [];
  let flatBarCount = 0;
  let missingBarCount = 0;
  const hash = createHash('sha256');
  hash.update(`symbol=${symbol};timeframe=${timeframe}\n`);

  for (let i = 0; i < count; i++) {
    const record = records[i + 1]!;
    const row = i + 2;
    const rawTime = record[index.timestamp]!;
    let time: number;
    if (isoTimestamp.test(rawTime)) time = Date.parse(rawTime);
    else if (epochMilliseconds.test(rawTime)) time = Number(rawTime);
    else return refuse(row, 'timestamp-format', `"${rawTime}" is not an ISO-8601 UTC timestamp (e.g. 2024-01-01T00:00:00Z) or epoch milliseconds`);
    if (!Number.isFinite(time)) refuse(row, 'timestamp-format', `"${rawTime}" is not a valid date`);
    if (time % barMs !== 0) refuse(row, 'timestamp-alignment', `${rawTime} is not aligned to ${timeframe} bars`);
    if (i > 0) {
      const previous = timestamp[i - 1]!;
      if (time === previous) refuse(row, 'duplicate-timestamp', `${rawTime} repeats the previous row`);
      if (time < previous) refuse(row, 'timestamp-order', `${rawTime} is before the previous row (${new Date(previous).toISOString()})`);
      const step = (time - previous) / barMs;
      if (step > 1) {
        gaps.push({ after: new Date(previous).toISOString(), before: new Date(time).toISOString(), missingBars: step - 1 });
        missingBarCount += step - 1;
      }
    }
    const values = [record[index.open]!, record[index.high]!, record[index.low]!, record[index.close]!, record[index.volume]!].map((raw, k) => {
      if (!decimalNumber.test(raw)) refuse(row, 'number-format', `${ohlcvColumns[k + 1]} "${raw}" is not a number`);
      return Number(raw);
    });
    const [o, h, l, c, v] = values as [number, number, number, number, number];
    for (const [name, price] of [['open', o], ['high', h], ['low', l], ['close', c]] as const) {
      if (!(price > 0)) refuse(row, 'non-positive-price', `${name} is ${price}; prices must be > 0`);
    }
    if (v < 0) refuse(row, 'negative-volume', `volume is ${v}; volume must be ≥ 0`);
    if (h < Math.max(o, c) || l > Math.min(o, c) || h < l) {
      refuse(row, 'ohlc-consistency', `open ${o}, high ${h}, low ${l}, close ${c} break high ≥ max(open, close) ≥ min(open, close) ≥ low`);
    }
    timestamp[i] = time;
    open[i] = o;
    high[i] = h;
    low[i] = l;
    close[i] = c;
    volume[i] = v;
    const iso = new Date(time).toISOString();
    if (v === 0) zeroVolumeBars.push(iso);
    if (o === h && h === l && l === c) flatBarCount++;
    hash.update(`${iso},${o},${h},${l},${c},${v}\n`);
  }

  return {
    symbol: symbol!,
    timeframe,
    timestamp,
    open,
    high,
    low,
    close,
    volume,
    qualityFlags: { gaps, zeroVolumeBars, flatBarCount },
    missingBarCount,
    checksum: hash.digest('hex'),
  };
}
