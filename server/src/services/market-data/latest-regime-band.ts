import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateVolatilityRegimes, periodsPerYear } from '../../engine/index.ts';
import type { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import type { RegimeBand } from '../../domain/market-data/regime-band.ts';
import { loadBarFrame } from './bar-frame.repository.ts';

/**
 * The volatility regime (engine `calculateVolatilityRegimes`, default 30-day window and 20/80 percentile bands) of
 * the dataset's LAST bar — the regime a run scheduled now starts in; null when the dataset is too short to label it
 * or is a tick dataset.
 */
export async function findLatestRegimeBand(em: EntityManager, dataSet: MarketDataSet): Promise<RegimeBand | null> {
  if (dataSet.timeframe === 'tick') return null;
  const frame = await loadBarFrame(em, dataSet.id);
  if (frame.length === 0) return null;
  const regimes = calculateVolatilityRegimes(frame, { periodsPerYear: periodsPerYear(dataSet.timeframe) });
  return regimes.labels[frame.length - 1] ?? null;
}
