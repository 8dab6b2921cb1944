import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBarFrame, type BarFrame } from '../../src/engine/index.ts';
import { repositoryRoot } from '../../src/infra/config.ts';

/** Bytes of a bundled market-data file (real Binance data, see data/market/SOURCES.md). */
export function readMarketFile(name: string): Promise<Buffer> {
  return readFile(join(repositoryRoot, 'data/market', name));
}

/** A small valid daily OHLCV file for symbol `symbol` with `count` rising bars from 2024-01-01. */
export function makeDailyCsv(symbol: string, count: number): { name: string; content: string } {
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let i = 0; i < count; i++) {
    const price = 100 + i + Math.sin(i) * 3;
    rows.push(`${new Date(Date.UTC(2024, 0, 1 + i)).toISOString()},${price},${price + 2},${price - 2},${price + 1},${1000 + i}`);
  }
  return { name: `${symbol}_1d.csv`, content: rows.join('\n') + '\n' };
}

/**
 * A bundled file's bars as an engine BarFrame (columns timestamp,open,high,low,close,volume; timestamps ms since
 * epoch, UTC), the first `rows` of them or all.
 */
export async function readMarketFrame(name: string, rows = Number.POSITIVE_INFINITY): Promise<BarFrame> {
  return barFrameFromCsv((await readMarketFile(name)).toString('utf8'), rows);
}

/**
 * Bars of a bundled-format CSV text (header `timestamp,open,high,low,close,volume`, ISO UTC bar open times) as an
 * engine BarFrame (timestamps ms since epoch), the first `rows` of them or all. Unvalidated: for the repository's own
 * files in tests and benches only; imports go through `parseOhlcvFile`.
 */
export function barFrameFromCsv(text: string, rows = Number.POSITIVE_INFINITY): BarFrame {
  const lines = text.trim().split('\n').slice(1);
  const taken = lines.slice(0, Math.min(lines.length, rows));
  const column = () => new Float64Array(taken.length);
  const columns = { timestamp: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
  taken.forEach((line, index) => {
    const fields = line.split(',');
    columns.timestamp[index] = Date.parse(fields[0]);
    columns.open[index] = Number(fields[1]);
    columns.high[index] = Number(fields[2]);
    columns.low[index] = Number(fields[3]);
    columns.close[index] = Number(fields[4]);
    columns.volume[index] = Number(fields[5]);
  });
  return makeBarFrame(columns);
}

/** SYNTHETIC hourly bars with a planted trend edge (labelled generated data; see the domain function). */
export { syntheticTrendBarsCsv } from '../../src/domain/market-data/synthetic-trend-bars.ts';
