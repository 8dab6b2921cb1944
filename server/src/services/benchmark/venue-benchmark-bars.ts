import type { EntityManager } from '@mikro-orm/postgresql';
import type { Venue } from '../../domain/deployment/venue.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { timeframeMilliseconds, type Timeframe } from '../../domain/market-data/timeframe.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { validateBar, type ExecutionBar } from '../../engine/index.ts';
import { basketCandidates, basketDataSetsSql, BasketNotDefinedError, type BasketDataSet } from './benchmark-basket.service.ts';
import { insertVenueBars, lastVenueBarMs, venueSymbolOf } from './venue-bar.repository.ts';

const millisecondsPerDay = 86_400_000;
/** Bars asked for per request (Binance US and Coinbase answer up to 1,000 and 300; ccxt pages within a venue's limit). */
const barsPerRequest = 1_000;
/** Requests per member and poll at most: a long backfill (1 m bars over a month) continues at the next poll. */
const requestsPerMember = 5;
/** How far a bar's close may lie after the platform clock (the live feed's tolerance), ms. */
const clockSkewToleranceMs = 5_000;

/** What one {@link pollBenchmarkBars} did. */
export interface BenchmarkBarsPoll {
  /** The members asked for, as the venue's symbols (`BTC/USDT`, `ETH/USDT`, the alt candidates). */
  symbols: string[];
  /** New bars kept (`venue_bar`). */
  stored: number;
  /** Members whose bars could not be read, or bars refused (the rule named), with why; the others were kept. */
  failures: { symbol: string; message: string }[];
  /** Members the venue does not list as a spot market (refused by the connector before any request): no bars to read there. */
  unlisted: string[];
  /** Why the platform defines no basket at the timeframe (nothing to poll); null when it does. */
  notDefined: string | null;
}

/**
 * Reads from `venue` the closed `timeframe` bars of the benchmark basket's members — BTC and ETH in the basket's quote
 * and the alt candidates (the members the certified datasets define, {@link basketCandidates}, plus the policy's
 * configured top alt) — up to the bar opening at `throughMs`, and keeps the new ones in `venue_bar`: a live
 * deployment's basket is then computed from the bars of the venue it trades on, not from certified datasets that end
 * where they were imported. Per member it continues after its last kept bar; the first time it starts the larger of
 * the top alt's volume window and the benchmark rules' windows before `throughMs`, and a day — but no further back
 * than {@link requestsPerMember} requests of {@link barsPerRequest} bars reach, so the first poll ends at `throughMs`
 * (short bars get a shorter history; Coinbase answers 300 bars a request, so there a long first poll ends short of
 * it and the next poll continues). At most that many requests per member and poll. Each bar is checked as a
 * live feed's own (`validateBar`: finite, positive prices, high ≥ low, in order, closed by `nowMs`); a refused bar is
 * not kept and is reported. A member the venue cannot answer for is reported and the others are still read: the
 * basket then lacks that member's bars and reads UNKNOWN (fail closed), never a pass. A member the venue does not list
 * (the connector refuses the symbol before any request) is reported as `unlisted`, not as a failure. Network and database I/O; no
 * transaction held.
 */
export async function pollBenchmarkBars(
  em: EntityManager,
  policy: MonitoringPolicy,
  venue: Venue,
  venueName: ExchangeVenue,
  timeframe: Exclude<Timeframe, 'tick'>,
  throughMs: number,
  nowMs: number,
): Promise<BenchmarkBarsPoll> {
  const rows = await em.execute<BasketDataSet[]>(basketDataSetsSql, [timeframe]);
  let symbols: string[];
  try {
    const { btc, eth, alts } = basketCandidates(policy, timeframe, rows, []);
    const override = policy.benchmark.topAltSymbol;
    // BTC, ETH, then the alt candidates in alphabetical order (a stable order of requests).
    symbols = [...new Set([btc.symbol, eth.symbol, ...alts.map((row) => row.symbol).sort(), ...(override === null ? [] : [override])].map(venueSymbolOf))];
  } catch (error) {
    if (error instanceof BasketNotDefinedError) return { symbols: [], stored: 0, failures: [], unlisted: [], notDefined: error.message };
    throw error;
  }
  const barMs = timeframeMilliseconds[timeframe];
  const { benchmarkLag, drawdownVsBenchmark, underperformance } = policy.rules;
  const backfillMs = (Math.max(policy.benchmark.topAltVolumeWindowDays, benchmarkLag.windowDays, drawdownVsBenchmark.windowDays, underperformance.windowDays) + 1) * millisecondsPerDay;
  // A member's first poll: the backfill, but no further back than one poll reaches, so it ends at `throughMs` (1 m bars:
  // the last ~3.5 days, not a month: the basket reaches the mark at once and covers a new feed's marks).
  const firstPollSinceMs = Math.max(Math.floor((throughMs - backfillMs) / barMs) * barMs, throughMs - (requestsPerMember * barsPerRequest - 1) * barMs);
  const result: BenchmarkBarsPoll = { symbols, stored: 0, failures: [], unlisted: [], notDefined: null };
  for (const symbol of symbols) {
    try {
      let previous = await lastVenueBarMs(em, venueName, symbol, timeframe);
      for (let request = 0; request < requestsPerMember && (previous === null || previous < throughMs); request++) {
        const sinceMs = previous === null ? firstPollSinceMs : previous + barMs;
        const answered = await venue.fetchOHLCV(symbol, timeframe, sinceMs, barsPerRequest);
        const kept: ExecutionBar[] = [];
        for (const row of answered) {
          const bar: ExecutionBar = { time: row.openTimeMs, closeTime: row.openTimeMs + barMs, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume };
          // Still forming, or past the wanted bar: left for a later poll.
          if (!(bar.time <= throughMs && bar.closeTime <= nowMs) || (previous !== null && bar.time <= previous)) continue;
          const refusal = validateBar(bar, { previousBarTime: previous, nowMs, clockSkewToleranceMs });
          if (refusal !== null) {
            result.failures.push({ symbol, message: `bar ${new Date(bar.time).toISOString()} refused: ${refusal.rule} (${refusal.field})` });
            continue;
          }
          kept.push(bar);
          previous = bar.time;
        }
        result.stored += await insertVenueBars(em, venueName, symbol, timeframe, kept, new Date(nowMs));
        if (kept.length === 0) break;
      }
    } catch (error) {
      // An alt candidate the venue does not trade: not a failure of the venue (it cannot be the top alt there).
      if (error instanceof ValidationError && error.field === 'symbol') result.unlisted.push(symbol);
      else result.failures.push({ symbol, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
