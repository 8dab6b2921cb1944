import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import type { BarFrame, ExecutionBar } from '../../engine/index.ts';
import { barFrameOfRows } from '../market-data/bar-frame.repository.ts';

/** A dataset's symbol (`SOL-USDT`) as the venue's unified (ccxt) symbol (`SOL/USDT`). */
export function venueSymbolOf(symbol: string): string {
  return symbol.toUpperCase().replace('-', '/');
}

/**
 * The bars of `symbol` (ccxt form) read from `venue` at `timeframe` that open in [`fromMs`, `toMs`], oldest first, as
 * the engine's frame (`venue_bar`; empty when there is none). The one place that reads `venue_bar` for computation.
 */
export async function loadVenueBarFrame(em: EntityManager, venue: ExchangeVenue, symbol: string, timeframe: Timeframe, fromMs: number, toMs: number): Promise<BarFrame> {
  const rows = await em.execute<{ t: number; open: number; high: number; low: number; close: number; volume: number }[]>(
    `select (extract(epoch from bar_at) * 1000)::float8 as t, open, high, low, close, volume
       from venue_bar where venue = ? and symbol = ? and timeframe = ? and bar_at between ? and ? order by bar_at`,
    [venue, symbol, timeframe, new Date(fromMs), new Date(toMs)],
  );
  return barFrameOfRows(rows);
}

/** Open time (ms) of the last bar of `symbol` kept from `venue` at `timeframe`; null when none is. */
export async function lastVenueBarMs(em: EntityManager, venue: ExchangeVenue, symbol: string, timeframe: Timeframe): Promise<number | null> {
  const [row] = await em.execute<{ t: number | null }[]>(
    `select (extract(epoch from max(bar_at)) * 1000)::float8 as t from venue_bar where venue = ? and symbol = ? and timeframe = ?`,
    [venue, symbol, timeframe],
  );
  return row?.t ?? null;
}

/**
 * Keeps bars read from `venue` (one statement; a bar already kept stays as it was: the table is append-only and the
 * first reading of a closed bar is the one kept). @returns how many were new.
 */
export async function insertVenueBars(em: EntityManager, venue: ExchangeVenue, symbol: string, timeframe: Timeframe, bars: readonly ExecutionBar[], receivedAt: Date): Promise<number> {
  if (bars.length === 0) return 0;
  const [row] = await em.execute<{ inserted: number }[]>(
    `with inserted as (
       insert into venue_bar (venue, symbol, timeframe, bar_at, open, high, low, close, volume, received_at)
       select ?, ?, ?, to_timestamp(b.t / 1000.0), b.open, b.high, b.low, b.close, b.volume, ?
         from json_to_recordset(?::json) as b(t float8, open float8, high float8, low float8, close float8, volume float8)
       on conflict do nothing returning 1)
     select count(*)::int as inserted from inserted`,
    [venue, symbol, timeframe, receivedAt, JSON.stringify(bars.map((bar) => ({ t: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume })))],
  );
  return row?.inserted ?? 0;
}
