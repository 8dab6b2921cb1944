import { readFileSync } from 'node:fs';
import type { VenueBalances } from '../../domain/deployment/venue.ts';
import { describe, expect, it } from 'vitest';
import type { ExchangeCredentials } from './exchange-credentials.ts';
import { createExchangeVenue } from './exchange-venue.ts';
import { readVenueState, type LocalOrderToRead } from './read-venue-state.ts';
import type { RecordedMarkets } from './recorded-markets.ts';
import type { ExchangeOrderSnapshot } from './order-snapshot.ts';
import { replayRecordedExchange, type RecordedExchangeReplay, type RecordedHttpExchange } from './testing/recorded-exchange.ts';
import { reconcileWithVenue, type LocalHoldings, type LocalOrder, type VenueState } from './venue-reconciliation.ts';

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

/** Numbers to 12 significant digits and 1e-10 (decimal fills summed and subtracted in floating point). */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number(Number(value.toPrecision(12)).toFixed(10));
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, rounded(entry)]));
  return value;
}

interface ReconciliationFixture {
  clock: string;
  credentials: ExchangeCredentials;
  symbol: string;
  localOrders: (Omit<LocalOrderToRead, 'submittedAt'> & { submittedAt: string })[];
  holdings: LocalHoldings;
  exchange: RecordedHttpExchange[];
  expected: Record<string, unknown> & { orderUpdates: Record<string, unknown>[]; unknownAtVenue: string[] };
}

describe('reconciliation with the venue', () => {
  it('reads open orders, our open orders by client order id and balances (Binance US, recorded), and returns the differences', async () => {
    const file = fixture<ReconciliationFixture>('binanceus.reconciliation.json');
    let replay: RecordedExchangeReplay | undefined;
    const venue = createExchangeVenue('binanceus', file.credentials, {
      clock: { now: () => new Date(file.clock) },
      markets: fixture<RecordedMarkets>('binanceus.markets.json'),
      configureExchange: (exchange) => {
        replay = replayRecordedExchange(exchange, file.exchange);
      },
    });
    const localOrders = file.localOrders.map((order) => ({ ...order, submittedAt: new Date(order.submittedAt) }));

    const state = await readVenueState(venue, file.symbol, localOrders);
    const diff = reconcileWithVenue(localOrders, file.holdings, state);

    expect(replay!.sent.map(({ method, url }) => ({ method, url }))).toEqual(file.exchange.map(({ request: { method, url } }) => ({ method, url })));
    expect(
      rounded({
        ...diff,
        orderUpdates: diff.orderUpdates.map(({ clientOrderId, from, to, filledQuantityChange }) => ({ clientOrderId, from, to, filledQuantityChange })),
        unknownAtVenue: diff.unknownAtVenue.map((order) => order.clientOrderId),
      }),
    ).toEqual(rounded(file.expected));
    expect(diff.orderUpdates[1]!.venue).toMatchObject({ status: 'filled', rawStatus: 'FILLED', venueOrderId: '28457531', fee: 0.9038974 });
  });

  const snapshot = (clientOrderId: string, overrides: Partial<ExchangeOrderSnapshot> = {}): ExchangeOrderSnapshot => ({
    clientOrderId,
    venueOrderId: `v-${clientOrderId}`,
    symbol: 'BTC/USD',
    side: 'buy',
    status: 'accepted',
    rawStatus: 'OPEN',
    quantity: 0.1,
    quoteQuantity: null,
    filledQuantity: 0,
    averagePrice: null,
    fee: 0,
    fees: [],
    reason: null,
    ...overrides,
  });
  const local = (clientOrderId: string, overrides: Partial<LocalOrder> = {}): LocalOrder => ({
    clientOrderId,
    side: 'buy',
    state: 'accepted',
    filledQuantity: 0,
    venueOrderId: `v-${clientOrderId}`,
    ...overrides,
  });
  const balances = (btc: number, usd: number): VenueBalances => ({
    BTC: { free: btc, used: 0, total: btc },
    USD: { free: usd, used: 0, total: usd },
  });

  it('is in sync when every order and holding matches, within rounding, after the account baseline', () => {
    const venue: VenueState = { openOrders: [snapshot('a')], ordersByClientOrderId: {}, balances: balances(1.500000004, 10_000.004) };
    const diff = reconcileWithVenue([local('a'), local('old', { state: 'filled', filledQuantity: 0.5 })], { symbol: 'BTC/USD', position: 0.5, cash: 4_000 }, venue, {
      baseBaseline: 1,
      quoteBaseline: 6_000,
    });
    expect(diff.inSync).toBe(true);
    expect(diff.position).toMatchObject({ currency: 'BTC', local: 0.5, expectedAfterUpdates: 0.5 });
    expect(diff.cash).toMatchObject({ currency: 'USD', local: 4_000 });
  });

  it('keeps orders the venue still cannot say anything about unresolved, and names orders nobody read', () => {
    const venue: VenueState = {
      openOrders: [],
      ordersByClientOrderId: { q: snapshot('q', { status: 'unresolved', rawStatus: 'QUEUED' }) },
      balances: balances(0, 0),
    };
    const diff = reconcileWithVenue([local('q', { state: 'unresolved' }), local('never-read', { state: 'submitted' })], { symbol: 'BTC/USD', position: 0, cash: null }, venue);
    expect(diff.stillUnresolved.map(({ clientOrderId, venue: { rawStatus } }) => ({ clientOrderId, rawStatus }))).toEqual([{ clientOrderId: 'q', rawStatus: 'QUEUED' }]);
    expect(diff.unchecked).toEqual(['never-read']);
    expect(diff.orderUpdates).toEqual([]);
    expect(diff.inSync).toBe(false);
  });

  it('reports a cash difference and a position the fills do not explain', () => {
    const venue: VenueState = { openOrders: [], ordersByClientOrderId: {}, balances: balances(0.3, 9_000) };
    const diff = reconcileWithVenue([], { symbol: 'BTC/USD', position: 0.25, cash: 9_500 }, venue);
    expect(rounded(diff.position)).toEqual({ currency: 'BTC', local: 0.25, venue: 0.3, expectedAfterUpdates: 0.25, unexplained: 0.05 });
    expect(diff.cash).toEqual({ currency: 'USD', local: 9_500, venue: 9_000, difference: -500 });
    expect(diff.inSync).toBe(false);
  });

  it('refuses a symbol that is not BASE/QUOTE', () => {
    expect(() => reconcileWithVenue([], { symbol: 'BTCUSD', position: 0, cash: null }, { openOrders: [], ordersByClientOrderId: {}, balances: {} })).toThrow(/BASE\/QUOTE/);
  });
});
