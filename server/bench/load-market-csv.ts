import { readFileSync } from 'node:fs';
import type { BarFrame } from '../src/engine/index.ts';
import { barFrameFromCsv } from '../test/support/market-files.ts';

/** Read a `timestamp,open,high,low,close,volume` CSV (ISO UTC bar open times) into a BarFrame. */
export function loadMarketCsv(path: string): BarFrame {
  return barFrameFromCsv(readFileSync(path, 'utf8'));
}
