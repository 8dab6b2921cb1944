import type { EntityManager } from '@mikro-orm/postgresql';
import { makeBarFrame, type BarFrame } from '../../engine/index.ts';

/**
 * Loads a dataset's bars, oldest first, into the engine's column frame (timestamps in epoch milliseconds, prices in
 * the dataset's quote currency, volume in base units). The one place that reads `market_bar` for computation;
 * an unknown dataset gives an empty frame.
 */
export async function loadBarFrame(em: EntityManager, dataSetId: string): Promise<BarFrame> {
  const rows = await em.execute<{ t: number; open: number; high: number; low: number; close: number; volume: number }[]>(
    `select (extract(epoch from "timestamp") * 1000)::float8 as t, open, high, low, close, volume
       from market_bar where dataset_id = ? order by "timestamp"`,
    [dataSetId],
  );
  return barFrameOfRows(rows);
}

/** Bar rows (open time `t` in epoch ms, oldest first) as the engine's column frame. */
export function barFrameOfRows(rows: readonly { t: number; open: number; high: number; low: number; close: number; volume: number }[]): BarFrame {
  const column = () => new Float64Array(rows.length);
  const frame = { timestamp: column(), open: column(), high: column(), low: column(), close: column(), volume: column() };
  rows.forEach((row, i) => {
    frame.timestamp[i] = row.t;
    frame.open[i] = row.open;
    frame.high[i] = row.high;
    frame.low[i] = row.low;
    frame.close[i] = row.close;
    frame.volume[i] = row.volume;
  });
  return makeBarFrame(frame);
}
