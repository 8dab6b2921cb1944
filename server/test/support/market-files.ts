import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
