import { readFileSync } from 'node:fs';
import { makeBarFrame } from '../src/engine/index.ts';
import type { BarFrame } from '../src/engine/index.ts';

/** Read a `timestamp,open,high,low,close,volume` CSV (ISO UTC bar open times) into a BarFrame. */
export function loadMarketCsv(path: string): BarFrame {
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows = lines.slice(1).filter((line) => line.length > 0);
  const columns = {
    timestamp: new Float64Array(rows.length),
    open: new Float64Array(rows.length),
    high: new Float64Array(rows.length),
    low: new Float64Array(rows.length),
    close: new Float64Array(rows.length),
    volume: new Float64Array(rows.length),
  };
  rows.forEach((line, index) => {
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
