import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Timeframe } from '../../engine/bars/timeframe.ts';
import { loadExchangeVenue } from './load-exchange-venue.ts';
import { OhlcvPoller } from './ohlcv-poller.ts';
import type { RecordedMarkets } from './recorded-markets.ts';
import { replayRecordedExchange, type RecordedExchangeReplay, type RecordedHttpExchange } from './testing/recorded-exchange.ts';

interface PollFixture {
  symbol: string;
  timeframe: Timeframe;
  firstBarOpenTime: number;
  polls: {
    clock: string;
    exchange: RecordedHttpExchange[];
    expected: { bars: Record<string, unknown>[]; refused: { openTimeMs: number; rule: string }[] };
  }[];
}

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

describe('live OHLCV poller (Binance US klines through the connector, recorded answers)', () => {
  it('passes on closed bars only, asks from the bar after the last one received, and refuses malformed and future-dated bars', async () => {
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
    const poller = new OhlcvPoller({ venue, symbol: file.symbol, timeframe: file.timeframe, clock, lastBarOpenTime: null, firstBarOpenTime: file.firstBarOpenTime });

    let requestsSoFar = 0;
    for (const poll of file.polls) {
      now = new Date(poll.clock);
      const { bars, refused } = await poller.poll();
      expect(
        bars.map((bar) => ({ ...bar, openTime: bar.openTime.getTime(), closeTime: bar.closeTime.getTime(), receivedAt: bar.receivedAt.toISOString() })),
        `bars at ${poll.clock}`,
      ).toEqual(poll.expected.bars);
      expect(refused.map(({ openTimeMs, rule }) => ({ openTimeMs, rule }))).toEqual(poll.expected.refused);
      const sent = replay!.sent.slice(requestsSoFar).map(({ method, url }) => ({ method, url }));
      expect(sent, 'one public klines request from the bar after the last one').toEqual(poll.exchange.map(({ request: { method, url } }) => ({ method, url })));
      requestsSoFar = replay!.sent.length;
    }
    expect(poller.lastBarOpenTime).toBe(Date.parse('2024-03-13T13:00:00.000Z'));
  });
});
