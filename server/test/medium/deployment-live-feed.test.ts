import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import type { VenueProvider } from '../../src/domain/deployment/venue.ts';
import { loadExchangeVenue } from '../../src/infra/exchange/load-exchange-venue.ts';
import type { RecordedMarkets } from '../../src/infra/exchange/recorded-markets.ts';
import { replayRecordedExchange, type RecordedHttpExchange } from '../../src/infra/exchange/testing/recorded-exchange.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runnerFor } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../../src/infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;

/**
 * The Binance US connector (ccxt) answering from recorded klines (the connector's poll fixture: real Binance US row
 * shapes, including a bar before `since`, one with high below low and one from the future), then a request that times
 * out. Nothing reaches the network.
 */
async function recordedBinanceUs(clock: { now(): Date }): Promise<VenueProvider> {
  const polls = fixture<{ polls: { exchange: RecordedHttpExchange[] }[] }>('binanceus.ohlcv-poll.json').polls;
  const recorded: RecordedHttpExchange[] = [...polls.flatMap((poll) => poll.exchange), { request: { method: 'GET', url: 'klines' }, response: { timeout: true } }, recoveryPoll];
  const venue = await loadExchangeVenue('binanceus', null, {
    clock,
    markets: fixture<RecordedMarkets>('binanceus.markets.json'),
    configureExchange: (exchange) => void replayRecordedExchange(exchange, recorded),
  });
  return { venueFor: () => Promise.resolve(venue) };
}

/**
 * The venue answering again at 16:05 (after the timeout): the 14:00 and 15:00 bars closed, 16:00 forming. Binance US
 * kline rows (https://docs.binance.us/#get-candlestick-data); values illustrative, continuing the poll fixture's 13:00 close.
 */
const recoveryPoll: RecordedHttpExchange = {
  request: { method: 'GET', url: 'https://api.binance.us/api/v3/klines?interval=1h&limit=300&symbol=BTCUSDT&startTime=1710338400000' },
  response: {
    status: 200,
    body: [
      [1710338400000, '73498.77000000', '73620.00000000', '73410.00000000', '73575.10000000', '0.31000000', 1710341999999, '0.00000000', 12, '0.00000000', '0.00000000', '0'],
      [1710342000000, '73575.10000000', '73700.00000000', '73500.00000000', '73650.00000000', '0.27000000', 1710345599999, '0.00000000', 11, '0.00000000', '0.00000000', '0'],
      [1710345600000, '73650.00000000', '73660.00000000', '73640.00000000', '73655.00000000', '0.01000000', 1710349199999, '0.00000000', 2, '0.00000000', '0.00000000', '0'],
    ],
  },
};

describe('deployment runner: live feed (polling a venue, recorded answers)', () => {
  it('takes closed bars after its cursor, refuses malformed and future-dated ones by name, and degrades when the venue does not answer', async () => {
    const clock = makeManualClock('2024-03-13T11:20:00.000Z');
    const venues = await recordedBinanceUs(clock);
    const { deployment } = await arrangeShadowDeployment(
      harness,
      { feedKind: 'live', replayDataset: null, feedVenue: 'binanceus', symbol: 'BTC/USDT', timeframe: '1h', warmUpBars: 1, maxBarAgeMs: 7_200_000 },
      { parameters: { fastPeriod: 2, slowPeriod: 3 } },
    );
    const events = async () =>
      (
        await harness.orm.em.fork().execute<{ kind: string; rule: string | null; bar: string | null }[]>(
          `select kind, rule, bar_at as bar from deployment_event where deployment_id = ? order by occurred_at, kind`,
          [deployment.id],
        )
      ).map((row) => ({ ...row, bar: row.bar === null ? null : new Date(row.bar).toISOString() }));
    const bars = async () =>
      (await harness.orm.em.fork().execute<{ bar: string; received: string }[]>(`select bar_at as bar, received_at as received from deployment_bar where deployment_id = ? order by bar_at`, [deployment.id])).map((row) => ({
        bar: new Date(row.bar).toISOString(),
        received: new Date(row.received).toISOString(),
      }));

    // 11:20: the warm-up bar (10:00) becomes history; 11:00 is still forming.
    expect(await runnerFor(harness, clock, { venues }).processBars(deployment.id)).toMatchObject({ barsAccepted: 0, idle: 'no_bars' });
    expect(await bars()).toEqual([{ bar: '2024-03-13T10:00:00.000Z', received: '2024-03-13T11:20:00.000Z' }]);
    // 12:05: 11:00 closed (12:00 is forming).
    clock.set('2024-03-13T12:05:00.000Z');
    expect(await runnerFor(harness, clock, { venues }).processBars(deployment.id)).toMatchObject({ barsAccepted: 1 });
    // 14:30: 10:00 again (at or before the cursor: skipped), 12:00 malformed, 13:00 fine, 14:00 forming, 16:00 from the future.
    clock.set('2024-03-13T14:30:00.000Z');
    expect(await runnerFor(harness, clock, { venues }).processBars(deployment.id)).toMatchObject({ barsTaken: 3, barsAccepted: 1 });
    expect((await bars()).map((row) => row.bar)).toEqual(['2024-03-13T10:00:00.000Z', '2024-03-13T11:00:00.000Z', '2024-03-13T13:00:00.000Z']);
    expect(await events()).toEqual([
      { kind: 'clock_skew', rule: 'bar_future_dated', bar: '2024-03-13T16:00:00.000Z' },
      { kind: 'invalid_bar', rule: 'bar_high_below_low', bar: '2024-03-13T12:00:00.000Z' },
    ]);
    const signals = await harness.orm.em.fork().execute<{ bar: string; received: string }[]>(`select bar_at as bar, received_at as received from deployment_signal where deployment_id = ? order by bar_at`, [deployment.id]);
    expect(signals.map((row) => [new Date(row.bar).toISOString(), new Date(row.received).toISOString()])).toEqual([
      ['2024-03-13T11:00:00.000Z', '2024-03-13T12:05:00.000Z'],
      ['2024-03-13T13:00:00.000Z', '2024-03-13T14:30:00.000Z'],
    ]);
    // The future-dated bar did not move the cursor past the bars still to come.
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).lastProcessedBarAt).toEqual(new Date('2024-03-13T13:00:00.000Z'));

    // 15:10: the venue does not answer — DEGRADED (connector unavailable), nothing traded, nothing retried blindly.
    clock.set('2024-03-13T15:10:00.000Z');
    expect(await runnerFor(harness, clock, { venues }).processBars(deployment.id)).toMatchObject({ barsTaken: 0, idle: 'feed_unavailable' });
    expect(await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).toMatchObject({ health: 'degraded', healthReason: 'connector_unavailable' });
    expect((await events()).map((row) => row.kind)).toContain('connector_unavailable');

    // 16:05: the venue answers again with the bars missed (14:00, 15:00 closed): traded on, and HEALTHY again with a
    // feed_recovered event naming the degradation lifted.
    clock.set('2024-03-13T16:05:00.000Z');
    expect(await runnerFor(harness, clock, { venues }).processBars(deployment.id)).toMatchObject({ barsTaken: 2, barsAccepted: 2, idle: null });
    expect(await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).toMatchObject({ health: 'healthy', healthReason: null });
    const [recovered] = await harness.orm.em.fork().execute<{ rule: string; measured: string; evidence: { lifted: string }; message: string }[]>(
      `select rule, measured, evidence, message from deployment_event where deployment_id = ? and kind = 'feed_recovered'`,
      [deployment.id],
    );
    expect(recovered).toMatchObject({ rule: 'freshness', measured: String(5 * 60_000), evidence: { lifted: 'connector_unavailable' } });
    expect(recovered!.message).toContain('the binanceus feed answers again and is fresh');
    expect((await bars()).map((row) => row.bar).slice(-2)).toEqual(['2024-03-13T14:00:00.000Z', '2024-03-13T15:00:00.000Z']);
  });
});
