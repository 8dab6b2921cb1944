import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { makeBarFrame, type BarFrame } from '../../engine/index.ts';
import type { FeedBar } from './market-feed.ts';

interface BarRow {
  t: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A deployment's target history as a committed job of this process left it: valid while its first and last accepted bar are unchanged. */
interface RememberedHistory {
  fromMs: number;
  throughMs: number;
  frame: BarFrame;
}

/** Bars kept across all deployments per process (6 doubles each: 2,000,000 bars ≈ 96 MB); the least recently used go first. */
export const targetHistoryCacheBars = 2_000_000;

const remembered = new Map<string, RememberedHistory>();
let rememberedBars = 0;

/**
 * The bars a deployment's template computes its targets over: every bar accepted so far from `historyStartAt` (the
 * warm-up prefix included) through `lastAcceptedBarAt`, then `accepted` (this batch's bars). Replays read the dataset
 * (`market_bar`) minus the bars the deployment refused; live feeds read `deployment_bar`. The frame starts at the same
 * bar for the whole life of the deployment, so recursive templates (EMA, Donchian) give the backtest's targets.
 *
 * The history through `lastAcceptedBarAt` is taken from this process's memory instead of the database when a committed
 * job left it there ({@link rememberTargetHistory}) with the same first and last bar, and `fromMemory` allows it (the
 * runner passes false for a deployment with refused bars: the database read leaves them out, the memory would not).
 * Anything else reads the database, so a miss, another process or a rolled-back job only costs the read.
 * @returns the frame and the row of the first of `accepted`.
 */
export async function loadTargetHistory(em: EntityManager, deployment: Deployment, accepted: readonly FeedBar[], fromMemory: boolean): Promise<{ frame: BarFrame; firstRow: number }> {
  const from = deployment.historyStartAt ?? null;
  const through = deployment.lastAcceptedBarAt ?? null;
  let prefix: BarFrame | null = null;
  let rows: BarRow[] = [];
  if (from !== null && through !== null) {
    const known = fromMemory ? remembered.get(deployment.id) : undefined;
    if (known && known.fromMs === from.getTime() && known.throughMs === through.getTime()) {
      prefix = known.frame;
      remembered.delete(deployment.id);
      remembered.set(deployment.id, known);
    } else {
      rows = await readHistory(em, deployment, from, through);
    }
  }
  const stored = prefix?.length ?? rows.length;
  const length = stored + accepted.length;
  const columns = {
    timestamp: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
  if (prefix) {
    for (const name of ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const) columns[name].set(prefix[name]);
  } else {
    rows.forEach((row, index) => {
      columns.timestamp[index] = row.t;
      columns.open[index] = row.open;
      columns.high[index] = row.high;
      columns.low[index] = row.low;
      columns.close[index] = row.close;
      columns.volume[index] = row.volume;
    });
  }
  accepted.forEach((bar, offset) => {
    const index = stored + offset;
    columns.timestamp[index] = bar.time;
    columns.open[index] = bar.open;
    columns.high[index] = bar.high;
    columns.low[index] = bar.low;
    columns.close[index] = bar.close;
    columns.volume[index] = bar.volume;
  });
  return { frame: makeBarFrame(columns), firstRow: stored };
}

/**
 * Keeps `frame` (a committed job's target history, its last row the deployment's new `lastAcceptedBarAt`) for the
 * deployment's next job in this process. Call only after the job's transaction committed.
 */
export function rememberTargetHistory(deploymentId: string, historyStartAt: Date, frame: BarFrame): void {
  const previous = remembered.get(deploymentId);
  if (previous) {
    rememberedBars -= previous.frame.length;
    remembered.delete(deploymentId);
  }
  if (frame.length === 0 || frame.length > targetHistoryCacheBars) return;
  remembered.set(deploymentId, { fromMs: historyStartAt.getTime(), throughMs: frame.timestamp[frame.length - 1]!, frame });
  rememberedBars += frame.length;
  for (const [id, entry] of remembered) {
    if (rememberedBars <= targetHistoryCacheBars) break;
    remembered.delete(id);
    rememberedBars -= entry.frame.length;
  }
}

async function readHistory(em: EntityManager, deployment: Deployment, from: Date, through: Date): Promise<BarRow[]> {
  return deployment.feedKind === 'replay'
    ? em.execute<BarRow[]>(
        `select (extract(epoch from b."timestamp") * 1000)::float8 as t, b.open, b.high, b.low, b.close, b.volume
           from market_bar b
          where b.dataset_id = ? and b."timestamp" >= ? and b."timestamp" <= ?
            and not exists (select 1 from deployment_event e
                             where e.deployment_id = ? and e.category = 'data_integrity' and e.bar_at = b."timestamp"
                               and e.kind in ('invalid_bar', 'out_of_order_bar', 'clock_skew'))
          order by b."timestamp"`,
        [deployment.replayDataset!.id, from, through, deployment.id],
      )
    : em.execute<BarRow[]>(
        `select (extract(epoch from bar_at) * 1000)::float8 as t, open, high, low, close, volume
           from deployment_bar where deployment_id = ? and bar_at >= ? and bar_at <= ? order by bar_at`,
        [deployment.id, from, through],
      );
}
