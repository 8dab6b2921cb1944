import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExchangeVenue } from '../../infra/exchange/load-exchange-venue.ts';
import type { RecordedMarkets } from '../../infra/exchange/recorded-markets.ts';
import { replayRecordedExchange, type RecordedExchangeReplay, type RecordedHttpExchange } from '../../infra/exchange/testing/recorded-exchange.ts';
import { LiveFeed } from './live-feed.ts';

interface PollFixture {
  symbol: string;
  timeframe: string;
  firstBarOpenTime: number;
  polls: { clock: string; exchange: RecordedHttpExchange[] }[];
}

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../../infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;
const hour = 3_600_000;

describe('live feed (Binance US klines through the connector, recorded answers)', () => {
  it('asks from the bar after the last one taken, passes on closed bars stamped with their arrival, and leaves malformed and future-dated bars to the runner', async () => {
    const file = fixture<PollFixture>('binanceus.ohlcv-poll.json');
    let now = new Date(file.polls[0]!.clock);
    const clock = { now: () => now };
    let replay: RecordedExchangeReplay | undefined;
    const venue = await loadExchangeVenue('binanceus', null, {
      clock,
      markets: fixture<RecordedMarkets>('binanceus.markets.json'),
      configureExchange: (exchange) => {
        replay = replayRecordedExchange(exchange, file.polls.flatMap((poll) => poll.exchange));
      },
    });
    const feed = new LiveFeed(venue, file.symbol, file.timeframe, hour, () => now.getTime());

    // Each poll asks from the bar after the last one taken (the first: from the fixture's first wanted bar).
    const taken: { time: string; receivedAt: string }[][] = [];
    let after = file.firstBarOpenTime - hour;
    for (const poll of file.polls) {
      now = new Date(poll.clock);
      const bars = await feed.barsAfter(after, now.getTime(), 300);
      taken.push(bars.map((bar) => ({ time: new Date(bar.time).toISOString(), receivedAt: new Date(bar.receivedAtMs).toISOString() })));
      for (const bar of bars) expect(bar.closeTime - bar.time).toBe(hour);
      // The runner's cursor: the last bar it took that is not from the future.
      const closed = bars.filter((bar) => bar.closeTime <= now.getTime());
      if (closed.length > 0) after = closed[closed.length - 1]!.time;
    }
    expect(replay!.sent.map(({ method, url }) => ({ method, url }))).toEqual(file.polls.flatMap((poll) => poll.exchange.map(({ request: { method, url } }) => ({ method, url }))));
    expect(taken).toEqual([
      // 11:20: 09:00 and 10:00 closed; 11:00 still forming (not passed on).
      [
        { time: '2024-03-13T09:00:00.000Z', receivedAt: '2024-03-13T11:20:00.000Z' },
        { time: '2024-03-13T10:00:00.000Z', receivedAt: '2024-03-13T11:20:00.000Z' },
      ],
      [{ time: '2024-03-13T11:00:00.000Z', receivedAt: '2024-03-13T12:05:00.000Z' }],
      // 14:30: 12:00 (high below low) and 16:00 (from the future) are passed on for the runner to refuse and record.
      [
        { time: '2024-03-13T12:00:00.000Z', receivedAt: '2024-03-13T14:30:00.000Z' },
        { time: '2024-03-13T13:00:00.000Z', receivedAt: '2024-03-13T14:30:00.000Z' },
        { time: '2024-03-13T16:00:00.000Z', receivedAt: '2024-03-13T14:30:00.000Z' },
      ],
    ]);
  });
});
