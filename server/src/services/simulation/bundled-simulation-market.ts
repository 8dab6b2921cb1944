import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeBarFrame } from '../../engine/index.ts';
import { makeSimulationMarket, type SimulationMarket } from '../../domain/simulation/simulation-market.ts';
import { repositoryRoot } from '../../infra/config.ts';
import { parseOhlcvFile } from '../market-data/ohlcv-file.ts';

/** The bundled hourly series a governance simulation replays, with their role in the benchmark basket. */
export const simulationDatasets = [
  { file: 'BTC-USDT_1h.csv', basketRole: 'btc' },
  { file: 'ETH-USDT_1h.csv', basketRole: 'eth' },
  { file: 'SOL-USDT_1h.csv', basketRole: 'topAlt' },
] as const;

let cached: SimulationMarket | null = null;

/**
 * The simulation market from the bundled `data/market` hourly files, read and validated with the importer's own
 * parser (`parseOhlcvFile`) once per process (≈ 11 MB of CSV; the arrays are shared read-only by every run).
 */
export function loadBundledSimulationMarket(): SimulationMarket {
  if (cached !== null) return cached;
  const frames = simulationDatasets.map(({ file, basketRole }) => {
    const parsed = parseOhlcvFile(file, readFileSync(join(repositoryRoot, 'data', 'market', file), 'utf8'));
    return { symbol: parsed.symbol, basketRole, frame: makeBarFrame({ timestamp: parsed.timestamp, open: parsed.open, high: parsed.high, low: parsed.low, close: parsed.close, volume: parsed.volume }) };
  });
  cached = makeSimulationMarket(frames);
  return cached;
}

/**
 * First and last bar open times of the bundled simulation data (ms), read from the files' first and last rows only
 * (an input is validated against it without loading the whole market): the earliest first bar, the latest last bar.
 */
export function bundledSimulationDataRange(): { firstMs: number; lastMs: number } {
  if (cached !== null) return { firstMs: cached.firstMs, lastMs: cached.lastMs };
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const { file } of simulationDatasets) {
    const rows = readFileSync(join(repositoryRoot, 'data', 'market', file), 'utf8').trimEnd().split('\n');
    firstMs = Math.min(firstMs, Date.parse(rows[1].split(',')[0]));
    lastMs = Math.max(lastMs, Date.parse(rows[rows.length - 1].split(',')[0]));
  }
  return { firstMs, lastMs };
}
