import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { deploymentStartBounds, resolveDeploymentStart, type DeploymentStartRequest } from './deployment-start.ts';

const btcMinute = { symbol: 'BTC-USD', timeframe: '1m' as const, startAt: new Date('2023-03-01T00:00:00Z'), endAt: new Date('2023-03-21T23:59:00Z'), rowCount: 30_240 };
const replay = (extra: Partial<Extract<DeploymentStartRequest['feed'], { kind: 'replay' }>> = {}): DeploymentStartRequest['feed'] => ({ kind: 'replay', dataset: btcMinute, ...extra });

/** The field a refused request names. */
function refusedField(request: DeploymentStartRequest): string | undefined {
  try {
    resolveDeploymentStart(request);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).field;
  }
  throw new Error('expected a refusal');
}

describe('resolveDeploymentStart', () => {
  it('fills every documented default: one bar a second, Binance US fees, no cap, market orders, 10,000 of equity, two bars of freshness', () => {
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay() })).toEqual({
      stage: 'shadow',
      feedKind: 'replay',
      replayBarIntervalMs: 1_000,
      replayStartAt: null,
      replayEndAt: null,
      feedVenue: null,
      symbol: 'BTC/USD',
      timeframe: '1m',
      quoteCurrency: 'USD',
      warmUpBars: 0,
      venue: 'shadow',
      slippageBps: 5,
      takerFeeBps: 10,
      makerFeeBps: 10,
      participationCap: null,
      latencyMs: 0,
      orderType: 'market',
      limitOffsetBps: null,
      seed: 0,
      initialEquity: 10_000,
      maxNotionalPerOrder: 1_000_000,
      capitalAllocation: 1,
      maxPositionFraction: 1,
      maxBarAgeMs: 120_000,
    });
  });

  it('gives a fast paced replay two seconds of replay-clock lag as its default freshness limit (capped by the column)', () => {
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay({ barIntervalMs: 100 }) }).maxBarAgeMs).toBe(20 * 60_000);
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay({ barIntervalMs: 5_000 }) }).maxBarAgeMs).toBe(2 * 60_000);
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay({ asFastAsPossible: true }) }).maxBarAgeMs).toBe(2 * 60_000);
    const daily = { ...btcMinute, symbol: 'BTC-USDT', timeframe: '1d' as const };
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay({ dataset: daily, barIntervalMs: 100 }) }).maxBarAgeMs).toBe(20 * 86_400_000);
    expect(resolveDeploymentStart({ stage: 'shadow', feed: replay({ dataset: daily, barIntervalMs: 10 }) }).maxBarAgeMs).toBe(2_000_000_000);
  });

  it('takes the request’s values: replay as fast as possible, Coinbase fees, a participation cap, limit orders, limits', () => {
    const settings = resolveDeploymentStart({
      stage: 'observe',
      feed: replay({ asFastAsPossible: true, startAt: new Date('2023-03-02T00:00:00Z'), warmUpBars: 50 }),
      fillModel: { feeVenue: 'coinbase', participationCap: 0.1, orderType: 'limit', limitOffsetBps: 2, latencyMs: 250, seed: 7 },
      limits: { initialEquity: 50_000, maxNotionalPerOrder: 5_000, capitalAllocation: 0.25, maxPositionFraction: 0.5, maxBarAgeMs: 300_000 },
    });
    expect(settings).toMatchObject({
      stage: 'observe',
      replayBarIntervalMs: null,
      replayStartAt: new Date('2023-03-02T00:00:00Z'),
      warmUpBars: 50,
      takerFeeBps: 120,
      makerFeeBps: 60,
      participationCap: 0.1,
      orderType: 'limit',
      limitOffsetBps: 2,
      latencyMs: 250,
      seed: 7,
      initialEquity: 50_000,
      maxNotionalPerOrder: 5_000,
      capitalAllocation: 0.25,
      maxPositionFraction: 0.5,
      maxBarAgeMs: 300_000,
    });
  });

  it('accepts a live feed (public OHLCV of an exchange, no orders there) and takes that venue’s fees', () => {
    expect(resolveDeploymentStart({ stage: 'shadow', feed: { kind: 'live', venue: 'coinbase', symbol: 'ETH/USD', timeframe: '1h' } })).toMatchObject({
      feedKind: 'live',
      feedVenue: 'coinbase',
      symbol: 'ETH/USD',
      quoteCurrency: 'USD',
      timeframe: '1h',
      replayBarIntervalMs: null,
      takerFeeBps: 120,
      venue: 'shadow',
      maxBarAgeMs: 7_200_000,
    });
  });

  it('refuses PAPER and LIVE by the rule stage_requires_promotion, naming the field', () => {
    for (const stage of ['paper', 'live']) {
      expect(() => resolveDeploymentStart({ stage, feed: replay() })).toThrow(/stage: rule stage_requires_promotion — a .* deployment comes only through the promotion ladder/);
      expect(refusedField({ stage, feed: replay() })).toBe('stage');
    }
    expect(refusedField({ stage: 'sideways', feed: replay() })).toBe('stage');
  });

  it('names the field of every out-of-bounds value', () => {
    const shadow = (extra: Partial<DeploymentStartRequest>, feed = replay()) => refusedField({ stage: 'shadow', feed, ...extra });
    expect(shadow({}, replay({ barIntervalMs: deploymentStartBounds.barIntervalMs.min - 1 }))).toBe('replay.barIntervalMs');
    expect(shadow({}, replay({ barIntervalMs: 100.5 }))).toBe('replay.barIntervalMs');
    expect(shadow({}, replay({ barIntervalMs: 100, asFastAsPossible: true }))).toBe('replay.barIntervalMs');
    expect(shadow({}, replay({ warmUpBars: btcMinute.rowCount }))).toBe('replay.warmUpBars');
    expect(shadow({}, replay({ startAt: new Date('2022-01-01T00:00:00Z') }))).toBe('replay.startAt');
    expect(shadow({}, replay({ startAt: new Date('2023-03-10T00:00:00Z'), endAt: new Date('2023-03-05T00:00:00Z') }))).toBe('replay.endAt');
    expect(shadow({}, replay({ dataset: { ...btcMinute, symbol: 'BTCUSD' } }))).toBe('replay.marketDataSetId');
    expect(shadow({}, { kind: 'live', venue: 'kraken', symbol: 'BTC/USD', timeframe: '1m' })).toBe('live.venue');
    expect(shadow({}, { kind: 'live', venue: 'binanceus', symbol: 'btc-usd', timeframe: '1m' })).toBe('live.symbol');
    expect(shadow({}, { kind: 'live', venue: 'binanceus', symbol: 'BTC/USDT', timeframe: 'tick' })).toBe('live.timeframe');
    expect(shadow({ fillModel: { slippageBps: 5_000 } })).toBe('fillModel.slippageBps');
    expect(shadow({ fillModel: { participationCap: 0 } })).toBe('fillModel.participationCap');
    expect(shadow({ fillModel: { latencyMs: -1 } })).toBe('fillModel.latencyMs');
    expect(shadow({ fillModel: { seed: 1.5 } })).toBe('fillModel.seed');
    expect(shadow({ fillModel: { limitOffsetBps: 3 } })).toBe('fillModel.limitOffsetBps');
    expect(shadow({ fillModel: { feeVenue: 'kraken' } })).toBe('fillModel.feeVenue');
    expect(shadow({ limits: { initialEquity: 0 } })).toBe('limits.initialEquity');
    expect(shadow({ limits: { initialEquity: Number.NaN } })).toBe('limits.initialEquity');
    expect(shadow({ limits: { maxNotionalPerOrder: -1 } })).toBe('limits.maxNotionalPerOrder');
    expect(shadow({ limits: { capitalAllocation: 1.5 } })).toBe('limits.capitalAllocation');
    expect(shadow({ limits: { maxPositionFraction: 2 } })).toBe('limits.maxPositionFraction');
    expect(shadow({ limits: { maxBarAgeMs: 10 } })).toBe('limits.maxBarAgeMs');
  });
});
