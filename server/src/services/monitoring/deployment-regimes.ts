import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { indexAtOrBefore } from '../../domain/monitoring/policy/deployment-marks.ts';
import { calculateVolatilityRegimes, makeBarFrame, periodsPerYear, regimeBands, type RegimeBand } from '../../engine/index.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';

/** The volatility regime band of each bar a deployment sees, by bar open time (ms since epoch, UTC), oldest first. */
export interface RegimeTimeline {
  timestamp: Float64Array;
  /** Index into `regimeBands` per bar; −1 while unlabelled (the engine's warm-up: a 30-day window, then as much history). */
  bandIndex: Int8Array;
}

/** Replay datasets whose timeline this process keeps (certified datasets are immutable: a timeline never goes stale). */
const cachedDatasets = 16;
const datasetTimelines = new Map<string, RegimeTimeline>();

/**
 * The regime bands of the bars the deployment sees (engine `calculateVolatilityRegimes`: trailing 30-day realized
 * volatility, its expanding percentile among earlier bars, 20/80 bands — the same code and settings that label a
 * backtest run's `regimeBand`): a replay's dataset (`market_bar`), a live feed's received bars (`deployment_bar`).
 * The labels have no look-ahead (bar t uses bars ≤ t only), so a replay's timeline is computed once over its whole
 * dataset and kept; a live feed's is computed from its bars each time.
 */
export async function loadRegimeTimeline(em: EntityManager, deployment: Deployment): Promise<RegimeTimeline> {
  if (deployment.timeframe === 'tick') return { timestamp: new Float64Array(0), bandIndex: new Int8Array(0) };
  const options = { periodsPerYear: periodsPerYear(deployment.timeframe) };
  const datasetId = deployment.feedKind === 'replay' ? (deployment.replayDataset?.id ?? null) : null;
  if (datasetId !== null) {
    const known = datasetTimelines.get(datasetId);
    if (known) {
      datasetTimelines.delete(datasetId);
      datasetTimelines.set(datasetId, known);
      return known;
    }
    const frame = await loadBarFrame(em, datasetId);
    const timeline = { timestamp: frame.timestamp, bandIndex: calculateVolatilityRegimes(frame, options).bandIndex };
    datasetTimelines.set(datasetId, timeline);
    if (datasetTimelines.size > cachedDatasets) datasetTimelines.delete(datasetTimelines.keys().next().value!);
    return timeline;
  }
  const rows = await em.execute<{ t: number; open: number; high: number; low: number; close: number; volume: number }[]>(
    `select (extract(epoch from bar_at) * 1000)::float8 as t, open, high, low, close, volume from deployment_bar where deployment_id = ? order by bar_at`,
    [deployment.id],
  );
  const column = (pick: (row: (typeof rows)[number]) => number) => Float64Array.from(rows, pick);
  const frame = makeBarFrame({ timestamp: column((row) => row.t), open: column((row) => row.open), high: column((row) => row.high), low: column((row) => row.low), close: column((row) => row.close), volume: column((row) => row.volume) });
  return { timestamp: frame.timestamp, bandIndex: calculateVolatilityRegimes(frame, options).bandIndex };
}

/** The band of the bar opened at `barMs` (or the last bar before it); null when unlabelled or before the first bar. */
export function regimeBandAt(timeline: RegimeTimeline, barMs: number): RegimeBand | null {
  const index = indexAtOrBefore(timeline.timestamp, barMs);
  if (index < 0 || timeline.bandIndex[index] < 0) return null;
  return regimeBands[timeline.bandIndex[index]] ?? null;
}
