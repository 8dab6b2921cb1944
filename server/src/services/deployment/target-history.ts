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

/**
 * The bars a deployment's template computes its targets over: every bar accepted so far from `historyStartAt` (the
 * warm-up prefix included) through `lastAcceptedBarAt`, then `accepted` (this batch's bars). Replays read the dataset
 * (`market_bar`) minus the bars the deployment refused; live feeds read `deployment_bar`. The frame starts at the same
 * bar for the whole life of the deployment, so recursive templates (EMA, Donchian) give the backtest's targets.
 * @returns the frame and the row of the first of `accepted`.
 */
export async function loadTargetHistory(em: EntityManager, deployment: Deployment, accepted: readonly FeedBar[]): Promise<{ frame: BarFrame; firstRow: number }> {
  const from = deployment.historyStartAt;
  const through = deployment.lastAcceptedBarAt;
  let rows: BarRow[] = [];
  if (from !== null && from !== undefined && through !== null && through !== undefined) {
    rows =
      deployment.feedKind === 'replay'
        ? await em.execute<BarRow[]>(
            `select (extract(epoch from b."timestamp") * 1000)::float8 as t, b.open, b.high, b.low, b.close, b.volume
               from market_bar b
              where b.dataset_id = ? and b."timestamp" >= ? and b."timestamp" <= ?
                and not exists (select 1 from deployment_event e
                                 where e.deployment_id = ? and e.category = 'data_integrity' and e.bar_at = b."timestamp"
                                   and e.kind in ('invalid_bar', 'out_of_order_bar', 'clock_skew'))
              order by b."timestamp"`,
            [deployment.replayDataset!.id, from, through, deployment.id],
          )
        : await em.execute<BarRow[]>(
            `select (extract(epoch from bar_at) * 1000)::float8 as t, open, high, low, close, volume
               from deployment_bar where deployment_id = ? and bar_at >= ? and bar_at <= ? order by bar_at`,
            [deployment.id, from, through],
          );
  }
  const length = rows.length + accepted.length;
  const columns = {
    timestamp: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
  rows.forEach((row, index) => {
    columns.timestamp[index] = row.t;
    columns.open[index] = row.open;
    columns.high[index] = row.high;
    columns.low[index] = row.low;
    columns.close[index] = row.close;
    columns.volume[index] = row.volume;
  });
  accepted.forEach((bar, offset) => {
    const index = rows.length + offset;
    columns.timestamp[index] = bar.time;
    columns.open[index] = bar.open;
    columns.high[index] = bar.high;
    columns.low[index] = bar.low;
    columns.close[index] = bar.close;
    columns.volume[index] = bar.volume;
  });
  return { frame: makeBarFrame(columns), firstRow: rows.length };
}
