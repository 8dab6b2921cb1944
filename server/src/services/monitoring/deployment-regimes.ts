import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { indexAtOrBefore } from '../../domain/monitoring/policy/deployment-marks.ts';
import { calculateVolatilityRegimes, makeBarFrame, periodsPerYear, regimeBands, type BarFrame, type RegimeBand } from '../../engine/index.ts';
import { loadBarFrame } from '../market-data/bar-frame.repository.ts';

/** The volatility regime band of each bar a deployment sees, by bar open time (ms since epoch, UTC), oldest first. */
export interface RegimeTimeline {
  timestamp: Float64Array;
  /** Index into `regimeBands` per bar; −1 while unlabelled (the engine's warm-up: a 30-day window, then as much history). A live feed's timeline starts with its asset's certified history (see {@link loadRegimeTimeline}). */
  bandIndex: Int8Array;
}

/** Replay datasets whose timeline this process keeps (certified datasets are immutable: a timeline never goes stale). */
const cachedDatasets = 16;
const datasetTimelines = new Map<string, RegimeTimeline>();

/**
 * The regime bands of the bars the deployment sees (engine `calculateVolatilityRegimes`: trailing 30-day realized
 * volatility, its expanding percentile among earlier bars, 20/80 bands — the same code and settings that label a
 * backtest run's `regimeBand`). A bar is labelled only after the 30-day window and as much history of it (1,440 hourly
 * bars), and monitoring reads an unlabelled last mark as unknown (failing closed: promotion blocked, a regime
 * incident). A replay's timeline is computed once over its whole dataset (`market_bar`) and kept. A live feed's is
 * computed from its received bars (`deployment_bar`) each time, after the history of the asset: the certified,
 * non-synthetic dataset of its symbol (`BTC/USDT` → `BTC-USDT`) and timeframe that ends last, up to its first received
 * bar — without it a new live deployment stayed unknown until its own bars spanned 60 days (a 1 h feed: 60 days of
 * blocked promotion and a warning from its first mark). No dataset of the symbol: the received bars alone, as before.
 * The labels have no look-ahead (bar t uses bars ≤ t only). Across the gap between the dataset's end and the feed's
 * start (often months) the window counts bars, not days, and the history's prices are scaled so that its last close
 * is the first received open: the labels read only log returns, which the scaling leaves as they were, and the return
 * across the gap becomes the first received bar's own open → close instead of the price move over the whole gap (one
 * such return would label the feed turbulent for a whole window, then report a regime change when it leaves it).
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
  const history = rows.length === 0 ? null : await assetHistory(em, deployment);
  // The asset's certified bars before the first received one (prices scaled: its last close = the first received open),
  // then the received bars.
  const before = history === null ? 0 : indexAtOrBefore(history.timestamp, rows[0]!.t - 1) + 1;
  const gapScale = before === 0 ? 1 : rows[0]!.open / history!.close[before - 1];
  const scale = Number.isFinite(gapScale) && gapScale > 0 ? gapScale : 1;
  const column = (field: 'timestamp' | 'open' | 'high' | 'low' | 'close' | 'volume', pick: (row: (typeof rows)[number]) => number) => {
    const values = new Float64Array(before + rows.length);
    if (history !== null) {
      values.set(history[field].subarray(0, before));
      if (field !== 'timestamp' && field !== 'volume' && scale !== 1) for (let index = 0; index < before; index++) values[index] *= scale;
    }
    rows.forEach((row, index) => (values[before + index] = pick(row)));
    return values;
  };
  const frame = makeBarFrame({
    timestamp: column('timestamp', (row) => row.t),
    open: column('open', (row) => row.open),
    high: column('high', (row) => row.high),
    low: column('low', (row) => row.low),
    close: column('close', (row) => row.close),
    volume: column('volume', (row) => row.volume),
  });
  return { timestamp: frame.timestamp, bandIndex: calculateVolatilityRegimes(frame, options).bandIndex };
}

/** Certified datasets' bars kept for live feeds' history (immutable, as the replay timelines). */
const historyFrames = new Map<string, BarFrame>();

/** The bars of the certified, non-synthetic dataset of the deployment's symbol and timeframe that ends last; null when there is none. */
async function assetHistory(em: EntityManager, deployment: Deployment): Promise<BarFrame | null> {
  const [dataset] = await em.execute<{ id: string }[]>(
    `select id from market_data_set where symbol_universe[1] = ? and timeframe = ? and certified_at is not null and source <> 'synthetic' order by end_at desc, id limit 1`,
    [deployment.symbol.replace('/', '-'), deployment.timeframe],
  );
  if (!dataset) return null;
  const known = historyFrames.get(dataset.id);
  if (known) return known;
  const frame = await loadBarFrame(em, dataset.id);
  historyFrames.set(dataset.id, frame);
  if (historyFrames.size > cachedDatasets) historyFrames.delete(historyFrames.keys().next().value!);
  return frame;
}

/** The band of the bar opened at `barMs` (or the last bar before it); null when unlabelled or before the first bar. */
export function regimeBandAt(timeline: RegimeTimeline, barMs: number): RegimeBand | null {
  const index = indexAtOrBefore(timeline.timestamp, barMs);
  if (index < 0 || timeline.bandIndex[index] < 0) return null;
  return regimeBands[timeline.bandIndex[index]] ?? null;
}
