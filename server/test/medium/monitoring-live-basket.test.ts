import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VenueProvider } from '../../src/domain/deployment/venue.ts';
import { calculateBenchmarkBasket, defaultBasketWeights, sliceBarFrame, type BarFrame } from '../../src/engine/index.ts';
import type { CcxtExchange } from '../../src/infra/exchange/ccxt-exchange.ts';
import { loadExchangeVenue } from '../../src/infra/exchange/load-exchange-venue.ts';
import type { RecordedMarkets } from '../../src/infra/exchange/recorded-markets.ts';
import { loadActiveMonitoringPolicy } from '../../src/services/benchmark/active-monitoring-policy.ts';
import { pollBenchmarkBars } from '../../src/services/benchmark/venue-benchmark-bars.ts';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, platformServicesFor, type ManualClock } from '../support/deployment-runner-harness.ts';
import { barFrameFromCsv, readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: which datasets and venue bars exist decides the basket.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);
const day = 86_400_000;
/** The live feed's last mark (bar open, UTC) and its first: 37 daily marks, weeks after the certified ETH and SOL bars end (the bundled bars end 2026-01-05). */
const lastMarkMs = Date.UTC(2025, 11, 20);
const firstMarkMs = Date.UTC(2025, 10, 14);
/** Where the certified ETH-USDT and SOL-USDT 1d datasets of these tests end (imported cut there: stale for the feed). */
const certifiedEndMs = Date.UTC(2025, 9, 31);

const bundled = async (name: string) => (await readMarketFile(name)).toString('utf8');

/** The bundled bars of BTC, ETH and SOL at `timeframe` (real Binance US bars, see data/market/SOURCES.md), by Binance US symbol. */
async function bundledBars(timeframe: '1d' | '1h' = '1d'): Promise<Map<string, BarFrame>> {
  return new Map([
    ['BTCUSDT', barFrameFromCsv(await bundled(`BTC-USDT_${timeframe}.csv`))],
    ['ETHUSDT', barFrameFromCsv(await bundled(`ETH-USDT_${timeframe}.csv`))],
    ['SOLUSDT', barFrameFromCsv(await bundled(`SOL-USDT_${timeframe}.csv`))],
  ]);
}
const bundledDailyBars = () => bundledBars('1d');

/**
 * A Binance US connector (ccxt, its own request building and parsing) whose klines requests are answered from the
 * bundled bars (daily, or hourly) in Binance US's kline row shape (https://docs.binance.us/#get-candlestick-data), as the venue
 * would answer for those days; `failing` symbols answer HTTP 503. Markets: the recorded BTCUSDT and SOLUSDT entries,
 * and ETHUSDT as BTCUSDT's entry with ETH as base asset. Every request is kept. Nothing reaches the network.
 */
async function bundledBinanceUs(clock: ManualClock, failing: readonly string[] = [], timeframe: '1d' | '1h' = '1d'): Promise<{ venues: VenueProvider; requests: URL[] }> {
  const bars = await bundledBars(timeframe);
  const barMs = timeframe === '1d' ? day : 3_600_000;
  const recorded = JSON.parse(readFileSync(new URL('../../src/infra/exchange/fixtures/binanceus.markets.json', import.meta.url), 'utf8')) as RecordedMarkets;
  const btc = recorded.markets.find((market) => market['symbol'] === 'BTCUSDT')!;
  const markets: RecordedMarkets = { ...recorded, markets: [...recorded.markets, { ...btc, symbol: 'ETHUSDT', baseAsset: 'ETH' }] };
  const requests: URL[] = [];
  const answer = (url: URL): { status: number; body: unknown } => {
    const symbol = url.searchParams.get('symbol') ?? '';
    if (url.pathname !== '/api/v3/klines' || url.searchParams.get('interval') !== timeframe) return { status: 404, body: { code: -1, msg: `no route ${url.pathname}` } };
    if (failing.includes(symbol)) return { status: 503, body: { code: -1003, msg: 'Service unavailable' } };
    const frame = bars.get(symbol);
    if (!frame) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
    const since = Number(url.searchParams.get('startTime') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 500);
    const body: unknown[] = [];
    for (let index = 0; index < frame.length && body.length < limit; index++) {
      const time = frame.timestamp[index]!;
      // Up to the bar forming at the clock (a venue answers it too; the poller leaves it for later).
      if (time < since || time > clock.now().getTime()) continue;
      const text = (value: number) => value.toFixed(8);
      body.push([time, text(frame.open[index]!), text(frame.high[index]!), text(frame.low[index]!), text(frame.close[index]!), text(frame.volume[index]!), time + barMs - 1, text(frame.volume[index]! * frame.close[index]!), 1000, '0.00000000', '0.00000000', '0']);
    }
    return { status: 200, body };
  };
  const venue = await loadExchangeVenue('binanceus', null, {
    clock,
    markets,
    configureExchange: (exchange: CcxtExchange) => {
      exchange.fetch = async (url: string, method = 'GET', headers?: Record<string, string>, body?: string) => {
        const parsed = new URL(url);
        requests.push(parsed);
        const { status, body: answered } = answer(parsed);
        return await exchange.handleRestResponse(new Response(JSON.stringify(answered), { status, headers: { 'Content-Type': 'application/json' } }), url, method, headers, body);
      };
    },
  });
  return { venues: { venueFor: () => Promise.resolve(venue) }, requests };
}

/**
 * A live BTC/USDT 1d deployment on Binance US with daily marks from 2025-11-14 to 2025-12-20 (equity following BTC's
 * closes), and certified BTC, ETH, SOL and XRP 1d bars — all but BTC's ending 2025-10-31, as an operator's last import
 * would: the certified basket cannot reach the feed's marks.
 */
async function arrangeLiveFeed() {
  const { deployment } = await arrangeShadowDeployment(harness, { feedKind: 'live', replayDataset: null, feedVenue: 'binanceus', symbol: 'BTC/USDT', timeframe: '1d', maxBarAgeMs: 2 * day });
  // XRP: an alt candidate Binance US's recorded markets do not list (the venue cannot be asked for it).
  for (const name of ['ETH-USDT_1d.csv', 'SOL-USDT_1d.csv', 'XRP-USDT_1d.csv']) {
    const lines = (await bundled(name)).trimEnd().split('\n');
    const kept = [lines[0]!, ...lines.slice(1).filter((line) => Date.parse(line.split(',')[0]!) <= certifiedEndMs)];
    await harness.services().marketData.importBytes(name, Buffer.from(`${kept.join('\n')}\n`));
  }
  const btc = (await bundledDailyBars()).get('BTCUSDT')!;
  const values: unknown[] = [];
  const marks: string[] = [];
  for (let time = firstMarkMs; time <= lastMarkMs; time += day) {
    const close = btc.close[btc.timestamp.indexOf(time)]!;
    const equity = (10_000 * close) / btc.close[btc.timestamp.indexOf(firstMarkMs)]!;
    marks.push('(?, ?, ?, ?, 0, 0, 0, 0, 1, 0)');
    values.push(deployment.id, new Date(time), equity, 0);
  }
  await rows(`insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction) values ${marks.join(', ')}`, values);
  return deployment;
}

/** The basket the bundled bars give over [from, to] (the engine's one definition), for comparison with what monitoring measured. */
async function bundledBasketReturn(fromMs: number, toMs: number): Promise<number> {
  const bars = await bundledDailyBars();
  const within = (frame: BarFrame) => sliceBarFrame(frame, frame.timestamp.indexOf(fromMs), frame.timestamp.indexOf(toMs) + 1);
  const basket = calculateBenchmarkBasket([
    { symbol: 'BTC-USDT', weight: defaultBasketWeights.btc, frame: within(bars.get('BTCUSDT')!) },
    { symbol: 'ETH-USDT', weight: defaultBasketWeights.eth, frame: within(bars.get('ETHUSDT')!) },
    { symbol: 'SOL-USDT', weight: defaultBasketWeights.topAlt, frame: within(bars.get('SOLUSDT')!) },
  ]);
  return basket.equity[basket.equity.length - 1]! / basket.equity[0]! - 1;
}

const lagOf = (outcome: Awaited<ReturnType<ReturnType<typeof platformServicesFor>['monitoring']['evaluate']>>) => outcome.last!.results.find((result) => result.rule === 'benchmarkLag')!;

describe('a live feed’s benchmark basket from its venue’s bars (monitoring)', () => {
  it('without a connector the certified basket ends months before the feed: unknown, fails closed (as before)', async () => {
    const deployment = await arrangeLiveFeed();
    const clock = makeManualClock(lastMarkMs + day + 30 * 60_000);
    const lag = lagOf(await platformServicesFor(harness, clock).monitoring.evaluate(deployment.id));
    expect(lag).toMatchObject({ status: 'unknown', measured: null });
    // The certified ETH and SOL bars end before the window: no basket over it.
    expect(lag.message).toBe('30-day active return vs the basket: unknown (no benchmark basket); fails closed (rules.benchmarkLag)');
    expect(await rows(`select 1 from venue_bar`)).toEqual([]);
  }, 120_000);

  it('reads BTC, ETH and the alt candidates from the feed’s venue up to its last mark, keeps them once, and measures the lag against them', async () => {
    const deployment = await arrangeLiveFeed();
    const clock = makeManualClock(lastMarkMs + day + 30 * 60_000);
    const { venues, requests } = await bundledBinanceUs(clock);
    const lag = lagOf(await platformServicesFor(harness, clock, { venues }).monitoring.evaluate(deployment.id));

    // Measured, not unknown: the live return over the 30 days minus the basket's from the same days' bars.
    const startMs = lastMarkMs - 30 * day;
    const btcReturn = (await bundledDailyBars()).get('BTCUSDT')!;
    const live = btcReturn.close[btcReturn.timestamp.indexOf(lastMarkMs)]! / btcReturn.close[btcReturn.timestamp.indexOf(startMs)]! - 1;
    expect(lag.status).toMatch(/^(pass|breach)$/);
    expect(lag.measured).toBeCloseTo(live - (await bundledBasketReturn(startMs, lastMarkMs)), 12);

    // Kept: each member's closed bars from the backfill (31 days before the last mark) through the last mark, checked.
    const kept = await rows<{ symbol: string; bars: number; first: string; last: string }>(
      `select symbol, count(*)::int as bars, min(bar_at) as first, max(bar_at) as last from venue_bar where venue = 'binanceus' and timeframe = '1d' group by symbol order by symbol`,
    );
    const backfillStart = new Date(lastMarkMs - 31 * day).toISOString();
    expect(kept.map((row) => ({ ...row, first: new Date(row.first).toISOString(), last: new Date(row.last).toISOString() }))).toEqual(
      ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].map((symbol) => ({ symbol, bars: 32, first: backfillStart, last: new Date(lastMarkMs).toISOString() })),
    );
    const [eth] = await rows<{ close: number }>(`select close from venue_bar where symbol = 'ETH/USDT' and bar_at = ?`, [new Date(lastMarkMs)]);
    const ethBars = (await bundledDailyBars()).get('ETHUSDT')!;
    expect(eth!.close).toBe(Number(ethBars.close[ethBars.timestamp.indexOf(lastMarkMs)]!.toFixed(8)));
    // XRP/USDT, not listed there, is refused by the connector before any request (and is not a failure: see below).
    expect(requests.map((url) => url.searchParams.get('symbol'))).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);

    // The next day's mark: each member is asked only from the bar after its last kept one; the same bar again asks
    // nothing (the unlisted candidate does not make the poll a failure to retry).
    clock.advance(day);
    await rows(`insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction) values (?, ?, 10000, 0, 0, 0, 0, 0, 1, 0)`, [deployment.id, new Date(lastMarkMs + day)]);
    const next = lagOf(await platformServicesFor(harness, clock, { venues }).monitoring.evaluate(deployment.id));
    expect(next.status).toMatch(/^(pass|breach)$/);
    expect(requests.slice(3).map((url) => [url.searchParams.get('symbol'), Number(url.searchParams.get('startTime'))])).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT'].map((symbol) => [symbol, lastMarkMs + day]));
    await platformServicesFor(harness, clock, { venues }).monitoring.evaluate(deployment.id);
    expect(requests).toHaveLength(6);
    // What one poll reports: the four members, nothing new, XRP unlisted (no request), no failure.
    const { policy } = await loadActiveMonitoringPolicy(harness.orm.em.fork());
    const poll = await pollBenchmarkBars(harness.orm.em.fork(), policy!, await venues.venueFor('binanceus', null), 'binanceus', '1d', lastMarkMs + day, clock.now().getTime());
    expect(poll).toEqual({ symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT'], stored: 0, failures: [], unlisted: ['XRP/USDT'], notDefined: null });
  }, 120_000);

  it('the risk desk measures the live feed’s lag against the same venue basket, one basket entry per timeframe and venue', async () => {
    const deployment = await arrangeLiveFeed();
    const clock = makeManualClock(lastMarkMs + day + 30 * 60_000);
    const { venues } = await bundledBinanceUs(clock);
    const services = platformServicesFor(harness, clock, { venues });
    const lag = lagOf(await services.monitoring.evaluate(deployment.id));
    const posture = await platformServicesFor(harness, clock).riskPosture.posture();
    const row = posture.deployments.find((candidate) => candidate.deployment.id === deployment.id)!;
    expect(row).toMatchObject({ lagStatus: lag.status, lagReason: null });
    expect(row.lagVsBasketBps).toBeCloseTo(lag.measured! * 10_000, 9);
    expect(posture.baskets.map(({ timeframe, venue, problem }) => ({ timeframe, venue, problem }))).toEqual([{ timeframe: '1d', venue: 'binanceus', problem: null }]);
    const members = posture.baskets[0]!.series!.members;
    expect(members.map(({ symbol, marketDataSetId, venue }) => ({ symbol, marketDataSetId, venue }))).toEqual(
      ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'].map((symbol) => ({ symbol, marketDataSetId: null, venue: 'binanceus' })),
    );
    expect(posture.baskets[0]!.series!.description).toContain('from the 1d bars read from binanceus, the venue the live feed trades on');
  }, 120_000);

  it('a member the venue cannot answer for leaves the basket short: unknown (fails closed), the other members kept', async () => {
    const deployment = await arrangeLiveFeed();
    const clock = makeManualClock(lastMarkMs + day + 30 * 60_000);
    const { venues } = await bundledBinanceUs(clock, ['ETHUSDT']);
    const lag = lagOf(await platformServicesFor(harness, clock, { venues }).monitoring.evaluate(deployment.id));
    expect(lag).toMatchObject({ status: 'unknown', measured: null });
    expect(lag.message).toBe('30-day active return vs the basket: unknown (no benchmark basket); fails closed (rules.benchmarkLag)');
    expect((await rows<{ symbol: string }>(`select distinct symbol from venue_bar order by symbol`)).map((row) => row.symbol)).toEqual(['BTC/USDT', 'SOL/USDT']);
  }, 120_000);
  it('a long first backfill (1 h bars, a policy looking back a year) is read in pages of 1,000 and ends at the wanted bar: no further back than one poll reaches', async () => {
    // The certified 1 h datasets only say who the members are: their first bars are enough.
    for (const name of ['BTC-USDT_1h.csv', 'ETH-USDT_1h.csv', 'SOL-USDT_1h.csv']) {
      const lines = (await bundled(name)).split('\n');
      await harness.services().marketData.importBytes(name, Buffer.from(`${lines.slice(0, 101).join('\n')}\n`));
    }
    const hour = 3_600_000;
    const throughMs = Date.UTC(2026, 5, 1, 12);
    const clock = makeManualClock(throughMs + hour + 60_000);
    const { venues, requests } = await bundledBinanceUs(clock, [], '1h');
    const longLook = { ...defaultMonitoringPolicy, benchmark: { ...defaultMonitoringPolicy.benchmark, topAltVolumeWindowDays: 365 } };
    const poll = await pollBenchmarkBars(harness.orm.em.fork(), longLook, await venues.venueFor('binanceus', null), 'binanceus', '1h', throughMs, clock.now().getTime());
    expect(poll).toMatchObject({ symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'], failures: [], unlisted: [] });
    // 366 days would be 8,784 bars: the poll takes the last 5,000 (five pages of 1,000), the first from 4,999 bars before.
    const firstSince = throughMs - 4_999 * hour;
    expect(requests.filter((url) => url.searchParams.get('symbol') === 'ETHUSDT').map((url) => Number(url.searchParams.get('startTime')))).toEqual([0, 1, 2, 3, 4].map((page) => firstSince + page * 1_000 * hour));
    const kept = await rows<{ symbol: string; bars: number; first: string; last: string }>(`select symbol, count(*)::int as bars, min(bar_at) as first, max(bar_at) as last from venue_bar group by symbol order by symbol`);
    const ethBars = (await bundledBars('1h')).get('ETHUSDT')!;
    const inRange = ethBars.timestamp.filter((time) => time >= firstSince && time <= throughMs).length;
    expect(kept.find((row) => row.symbol === 'ETH/USDT')).toMatchObject({ bars: inRange });
    for (const row of kept) expect(new Date(row.last).getTime()).toBe(throughMs);
    expect(poll.stored).toBe(kept.reduce((sum, row) => sum + row.bars, 0));
  }, 120_000);
});
