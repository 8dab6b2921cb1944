import type { Order } from 'ccxt';
import { systemClock, type Clock } from '../clock.ts';
import { createCcxtExchange, type CcxtExchange, type CcxtExchangeSettings } from './ccxt-exchange.ts';
import { missingCredentialFields, type ExchangeCredentials } from './exchange-credentials.ts';
import {
  exchangeFailureKind,
  ExchangeRequestRefusedError,
  MissingExchangeCredentialError,
  toExchangeError,
  type ExchangeOperation,
} from './exchange-errors.ts';
import { decimal, feeFields, sumFees, text, venueOrderSnapshot, type SnapshotMarket } from './order-snapshot.ts';
import { applyRecordedMarkets, type RecordedMarkets } from './recorded-markets.ts';
import type {
  ExchangeVenueId,
  Venue,
  VenueBalance,
  VenueBar,
  VenueOrderReference,
  VenueOrderRequest,
  VenueOrderSnapshot,
} from './venue-contract.ts';

/** Options of {@link createExchangeVenue}. */
export interface ExchangeVenueOptions {
  /** Source of time for request timestamps and signatures (default: wall clock). */
  clock?: Clock;
  /**
   * The venue's markets as recorded from its API: installed with ccxt's `setMarkets`, so no request loads them.
   * Without it the first call loads them from the venue (LIVE only; tests always record them).
   */
  markets?: RecordedMarkets;
  /** ccxt request timeout and Binance `recvWindow`. */
  settings?: CcxtExchangeSettings;
  /** Coinbase, venue order id unknown: how far before `submittedAt` (or now) the order list is searched, ms. Default 1 day. */
  orderLookbackMs?: number;
  /** Coinbase: at most this many pages of 100 orders are searched for a client order id. Default 5. */
  maxLookupPages?: number;
  /** Called once with the ccxt instance before any request: tests install ccxt's `fetch` override here. */
  configureExchange?: (exchange: CcxtExchange) => void;
}

/**
 * The LIVE connector of `venue` (`binanceus` = Binance US, `coinbase` = Coinbase Advanced Trade) through the npm
 * `ccxt` package. `credentials` null gives a public-only connector: bars can be read, every private call is refused
 * with {@link MissingExchangeCredentialError} before a request is sent.
 */
export function createExchangeVenue(venue: ExchangeVenueId, credentials: ExchangeCredentials | null, options: ExchangeVenueOptions = {}): ExchangeVenue {
  const exchange = createCcxtExchange(venue, credentials, options.clock ?? systemClock, options.settings);
  options.configureExchange?.(exchange);
  if (options.markets) applyRecordedMarkets(exchange, options.markets);
  return new ExchangeVenue(venue, exchange, credentials, options);
}

/** What the connector remembers of an order it placed or read, so later calls need only the client order id. */
interface KnownOrder {
  symbol: string;
  venueOrderId: string | null;
  submittedAt: Date | null;
}

/** At most this many orders are remembered (the oldest are forgotten; a reference from the caller still finds them). */
const rememberedOrdersLimit = 10_000;

const clientOrderIdPattern = /^[A-Za-z0-9_-]{1,36}$/;

/**
 * A ccxt-backed {@link Venue}. Orders are placed with OUR client order id (Binance `newClientOrderId`, Coinbase
 * `client_order_id`) and read and cancelled by it (Binance `origClientOrderId`; Coinbase by its order id, found from
 * the client order id when not known). Statuses go through the venue's status table (`order-status-table.ts`).
 *
 * Errors: reads throw {@link ExchangeUnavailableError} (transient), {@link ExchangeRejectedError},
 * {@link ExchangeCredentialError}, {@link MissingExchangeCredentialError}, {@link ExchangeRequestRefusedError}
 * (nothing sent) or {@link UnexpectedExchangeResponseError}. An order placement is never retried: when the venue
 * does not answer, answers something we cannot read, or says the client order id already exists, `submitOrder`
 * returns the order `unresolved` (venue order id null) for reconciliation by client order id.
 */
export class ExchangeVenue implements Venue {
  readonly venue: ExchangeVenueId;
  readonly #exchange: CcxtExchange;
  readonly #missingCredentials: string[];
  readonly #clock: Clock;
  readonly #orderLookbackMs: number;
  readonly #maxLookupPages: number;
  readonly #orders = new Map<string, KnownOrder>();

  constructor(venue: ExchangeVenueId, exchange: CcxtExchange, credentials: ExchangeCredentials | null, options: ExchangeVenueOptions = {}) {
    if (exchange.id !== venue) throw new Error(`exchange ${exchange.id} given for venue ${venue}`);
    this.venue = venue;
    this.#exchange = exchange;
    this.#missingCredentials = missingCredentialFields(venue, credentials);
    this.#clock = options.clock ?? systemClock;
    this.#orderLookbackMs = options.orderLookbackMs ?? 86_400_000;
    this.#maxLookupPages = options.maxLookupPages ?? 5;
  }

  /**
   * Places an order. Returns its snapshot: the venue's answer (Binance: its status and fills; Coinbase: `accepted`,
   * its create answer has no status — read the order for fills), or `unresolved` with venue order id null when the
   * venue did not answer, answered unreadably, or already has this client order id. Never retried here.
   *
   * Coinbase market BUY orders spend quote currency: `quantity × referencePrice`, rounded to the product's quote
   * increment (ccxt `cost`); their filled base quantity comes from the venue.
   *
   * @throws ExchangeRequestRefusedError (bad input, unknown symbol, quantity below one lot step, Coinbase market buy
   *   without referencePrice) or MissingExchangeCredentialError — no request sent.
   * @throws ExchangeRejectedError (venue refused: insufficient funds, invalid order) or ExchangeCredentialError —
   *   the order was not placed.
   */
  async submitOrder(request: VenueOrderRequest): Promise<VenueOrderSnapshot> {
    const operation = 'submitOrder';
    this.#validateRequest(request);
    this.#requireCredentials(operation);
    const market = await this.#market(request.symbol, operation);
    const exchange = this.#exchange;
    const amount = this.#lotRoundedQuantity(request, operation);
    const quoteSized = this.venue === 'coinbase' && request.type === 'market' && request.side === 'buy';
    const cost = quoteSized ? Number(exchange.costToPrecision(request.symbol, request.quantity * request.referencePrice!)) : null;
    const params: Record<string, unknown> =
      this.venue === 'binanceus' ? { newClientOrderId: request.clientOrderId } : { client_order_id: request.clientOrderId, ...(cost === null ? {} : { cost }) };
    const price = request.type === 'limit' ? request.limitPrice! : undefined;
    this.#remember(request.clientOrderId, { symbol: request.symbol, venueOrderId: null, submittedAt: this.#clock.now() });
    let order: Order;
    try {
      order = await exchange.createOrder(request.symbol, request.type, request.side, request.quantity, price, params);
    } catch (error) {
      const kind = exchangeFailureKind(error);
      if (kind === 'unavailable' || kind === 'unexpected' || kind === 'duplicate') {
        const typed = toExchangeError(this.venue, operation, error);
        const why =
          kind === 'duplicate'
            ? `the venue already has client order id ${request.clientOrderId} (${typed.message})`
            : `${typed.message}; the order may or may not exist at the venue`;
        return this.#unresolved(request, market, amount, cost, `${why} — unresolved until reconciliation reads it by client order id`);
      }
      throw toExchangeError(this.venue, operation, error);
    }
    const info = order.info as Record<string, unknown>;
    if (this.venue === 'coinbase') {
      // Coinbase's create answer is {order_id, product_id, side, client_order_id}: the order exists, no status yet.
      const venueOrderId = text(info['order_id']);
      this.#remember(request.clientOrderId, { symbol: request.symbol, venueOrderId, submittedAt: this.#clock.now() });
      return {
        clientOrderId: text(info['client_order_id']) ?? request.clientOrderId,
        venueOrderId,
        symbol: market.symbol,
        side: request.side,
        state: 'accepted',
        rawStatus: null,
        quantity: cost === null ? amount : null,
        quoteQuantity: cost,
        filledQuantity: 0,
        averagePrice: null,
        fee: null,
        fees: [],
        reason: 'created (success: true); the create answer carries no status or fills — read the order for them',
      };
    }
    const snapshot = venueOrderSnapshot(this.venue, info, market);
    this.#remember(request.clientOrderId, { symbol: request.symbol, venueOrderId: snapshot.venueOrderId, submittedAt: this.#clock.now() });
    return snapshot;
  }

  /**
   * Cancels an order by client order id and returns what the venue then holds (Binance: its cancel answer; Coinbase:
   * the order read after the cancel). An order the venue can no longer cancel (already filled or cancelled) is read
   * and returned as it is; null when the venue does not know the order at all.
   * @throws ExchangeRequestRefusedError when the order's symbol is unknown (not placed through this connector and no
   *   `reference` given); the read/cancel errors of the class otherwise.
   */
  async cancelOrder(clientOrderId: string, reference?: VenueOrderReference): Promise<VenueOrderSnapshot | null> {
    const operation = 'cancelOrder';
    this.#requireCredentials(operation);
    const known = this.#known(clientOrderId, reference, operation);
    const market = await this.#market(known.symbol, operation);
    const exchange = this.#exchange;
    try {
      if (this.venue === 'binanceus') {
        const order = await exchange.cancelOrder('', known.symbol, { origClientOrderId: clientOrderId });
        return venueOrderSnapshot(this.venue, order.info as Record<string, unknown>, market);
      }
      const venueOrderId = known.venueOrderId ?? (await this.#findCoinbaseOrder(clientOrderId, known, operation))?.venueOrderId ?? null;
      if (venueOrderId === null) return null;
      await exchange.cancelOrder(venueOrderId, known.symbol);
      return await this.#readCoinbaseOrder(clientOrderId, known.symbol, venueOrderId, market, operation);
    } catch (error) {
      const kind = exchangeFailureKind(error);
      if (kind !== 'not_found' && kind !== 'rejected') throw toExchangeError(this.venue, operation, error);
      const current = await this.fetchOrder(clientOrderId, known);
      if (current === null) return null;
      if (current.state === 'filled' || current.state === 'canceled' || current.state === 'expired' || current.state === 'rejected') return current;
      throw toExchangeError(this.venue, operation, error);
    }
  }

  /**
   * Reads an order by client order id (Binance `origClientOrderId`; Coinbase by its venue order id, found in the
   * order list from `submittedAt` when not known). Binance orders with fills are completed with their trades' fees
   * (GET /api/v3/myTrades). Null when the venue does not know the order.
   */
  async fetchOrder(clientOrderId: string, reference?: VenueOrderReference): Promise<VenueOrderSnapshot | null> {
    const operation = 'fetchOrder';
    this.#requireCredentials(operation);
    const known = this.#known(clientOrderId, reference, operation);
    const market = await this.#market(known.symbol, operation);
    if (this.venue === 'coinbase') {
      if (known.venueOrderId === null) return await this.#findCoinbaseOrder(clientOrderId, known, operation);
      return await this.#readCoinbaseOrder(clientOrderId, known.symbol, known.venueOrderId, market, operation);
    }
    const exchange = this.#exchange;
    let order: Order;
    try {
      order = await exchange.fetchOrder('', known.symbol, { origClientOrderId: clientOrderId });
    } catch (error) {
      if (exchangeFailureKind(error) === 'not_found') return null;
      throw toExchangeError(this.venue, operation, error);
    }
    const snapshot = venueOrderSnapshot(this.venue, order.info as Record<string, unknown>, market);
    this.#remember(clientOrderId, { ...known, venueOrderId: snapshot.venueOrderId });
    if (snapshot.filledQuantity === 0 || snapshot.venueOrderId === null) return snapshot;
    try {
      const trades = await exchange.fetchOrderTrades(snapshot.venueOrderId, known.symbol);
      const fees = sumFees(trades.map((trade) => ({ currency: text((trade.info as Record<string, unknown>)['commissionAsset']) ?? '', amount: decimal((trade.info as Record<string, unknown>)['commission']) ?? 0 })));
      return { ...snapshot, ...feeFields(fees, snapshot.filledQuantity, snapshot.averagePrice, market) };
    } catch (error) {
      throw toExchangeError(this.venue, operation, error);
    }
  }

  /** The venue's open orders of `symbol` (Coinbase: status OPEN), as snapshots. */
  async fetchOpenOrders(symbol: string): Promise<VenueOrderSnapshot[]> {
    const operation = 'fetchOpenOrders';
    this.#requireCredentials(operation);
    const market = await this.#market(symbol, operation);
    try {
      const orders = await this.#exchange.fetchOpenOrders(symbol);
      return orders.map((order) => {
        const snapshot = venueOrderSnapshot(this.venue, order.info as Record<string, unknown>, market);
        if (snapshot.clientOrderId !== '') this.#remember(snapshot.clientOrderId, { symbol, venueOrderId: snapshot.venueOrderId, submittedAt: null });
        return snapshot;
      });
    } catch (error) {
      throw toExchangeError(this.venue, operation, error);
    }
  }

  /**
   * The account's balances, one row per currency the venue lists, sorted by currency (Binance US GET /api/v3/account;
   * Coinbase GET /api/v3/brokerage/accounts, first 250 accounts).
   */
  async fetchBalance(): Promise<VenueBalance[]> {
    const operation = 'fetchBalance';
    this.#requireCredentials(operation);
    await this.#ensureMarkets(operation);
    try {
      const balance = await this.#exchange.fetchBalance(this.venue === 'coinbase' ? { v3: true } : {});
      const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
      return Object.keys(totals)
        .sort()
        .map((currency) => {
          const account = balance[currency] as { free?: number; used?: number; total?: number } | undefined;
          const free = account?.free ?? 0;
          const used = account?.used ?? 0;
          return { currency, free, used, total: account?.total ?? free + used };
        });
    } catch (error) {
      throw toExchangeError(this.venue, operation, error);
    }
  }

  /**
   * Bars of `symbol` from `since` (open time, ms; null = the venue's latest), at most `limit` (Coinbase serves at
   * most 300 per call), oldest first. The last one may still be forming: callers keep only closed bars.
   * Public: needs no credentials.
   */
  async fetchOHLCV(symbol: string, timeframe: string, since: number | null, limit: number | null): Promise<VenueBar[]> {
    const operation = 'fetchOHLCV';
    await this.#market(symbol, operation);
    try {
      const rows = await this.#exchange.fetchOHLCV(symbol, timeframe, since ?? undefined, limit ?? undefined);
      return rows.map(([openTime, open, high, low, close, volume]) => ({
        openTime: openTime ?? Number.NaN,
        open: open ?? Number.NaN,
        high: high ?? Number.NaN,
        low: low ?? Number.NaN,
        close: close ?? Number.NaN,
        volume: volume ?? Number.NaN,
      }));
    } catch (error) {
      throw toExchangeError(this.venue, operation, error);
    }
  }

  #validateRequest(request: VenueOrderRequest): void {
    const refuse = (field: string, rule: string, detail: string) => new ExchangeRequestRefusedError(this.venue, 'submitOrder', field, rule, detail);
    if (typeof request.clientOrderId !== 'string' || !clientOrderIdPattern.test(request.clientOrderId)) {
      throw refuse('clientOrderId', 'venue-safe-id', `must be 1–36 characters of [A-Za-z0-9_-], got ${JSON.stringify(request.clientOrderId)}`);
    }
    if (request.side !== 'buy' && request.side !== 'sell') throw refuse('side', 'buy-or-sell', `got ${JSON.stringify(request.side)}`);
    if (request.type !== 'market' && request.type !== 'limit') throw refuse('type', 'market-or-limit', `got ${JSON.stringify(request.type)}`);
    if (!(Number.isFinite(request.quantity) && request.quantity > 0)) throw refuse('quantity', 'finite-positive', `got ${request.quantity}`);
    const limitPrice = request.limitPrice ?? null;
    if (request.type === 'limit' && !(limitPrice !== null && Number.isFinite(limitPrice) && limitPrice > 0)) {
      throw refuse('limitPrice', 'finite-positive-for-limit', `a limit order needs a finite positive limit price, got ${limitPrice}`);
    }
    if (request.type === 'market' && limitPrice !== null) throw refuse('limitPrice', 'none-for-market', `a market order takes no limit price, got ${limitPrice}`);
    const referencePrice = request.referencePrice ?? null;
    if (referencePrice !== null && !(Number.isFinite(referencePrice) && referencePrice > 0)) {
      throw refuse('referencePrice', 'finite-positive', `got ${referencePrice}`);
    }
    if (this.venue === 'coinbase' && request.type === 'market' && request.side === 'buy' && referencePrice === null) {
      throw refuse('referencePrice', 'coinbase-market-buy-needs-quote-amount', 'a Coinbase market buy spends quote currency: give the price the quantity was sized at');
    }
  }

  /** The quantity rounded down to the market's lot step as ccxt will send it. @throws ExchangeRequestRefusedError below one step. */
  #lotRoundedQuantity(request: VenueOrderRequest, operation: ExchangeOperation): number {
    let rounded: number;
    try {
      rounded = Number(this.#exchange.amountToPrecision(request.symbol, request.quantity));
    } catch {
      rounded = 0;
    }
    if (!(rounded > 0)) {
      throw new ExchangeRequestRefusedError(this.venue, operation, 'quantity', 'at-least-one-lot-step', `${request.quantity} is below the lot step of ${request.symbol}`);
    }
    return rounded;
  }

  #requireCredentials(operation: ExchangeOperation): void {
    if (this.#missingCredentials.length > 0) throw new MissingExchangeCredentialError(this.venue, operation, this.#missingCredentials);
  }

  async #ensureMarkets(operation: ExchangeOperation): Promise<void> {
    if (this.#exchange.markets) return;
    try {
      await this.#exchange.loadMarkets();
    } catch (error) {
      throw toExchangeError(this.venue, operation, error);
    }
  }

  async #market(symbol: string, operation: ExchangeOperation): Promise<SnapshotMarket> {
    if (typeof symbol !== 'string' || symbol.length === 0 || symbol.length > 64) {
      throw new ExchangeRequestRefusedError(this.venue, operation, 'symbol', 'unified-symbol', `got ${JSON.stringify(symbol)}`);
    }
    await this.#ensureMarkets(operation);
    const markets = this.#exchange.markets ?? {};
    const market = Object.hasOwn(markets, symbol) ? markets[symbol] : undefined;
    if (!market || !market.spot) throw new ExchangeRequestRefusedError(this.venue, operation, 'symbol', 'known-spot-market', `${symbol} is not a spot market of ${this.venue}`);
    return { symbol: market.symbol, base: market.base, quote: market.quote };
  }

  #known(clientOrderId: string, reference: VenueOrderReference | undefined, operation: ExchangeOperation): KnownOrder {
    const remembered = this.#orders.get(clientOrderId);
    const symbol = reference?.symbol ?? remembered?.symbol;
    if (!symbol) throw new ExchangeRequestRefusedError(this.venue, operation, 'symbol', 'known-order', `order ${clientOrderId} was not placed through this connector: give its symbol`);
    return {
      symbol,
      venueOrderId: reference?.venueOrderId ?? remembered?.venueOrderId ?? null,
      submittedAt: reference?.submittedAt ?? remembered?.submittedAt ?? null,
    };
  }

  #remember(clientOrderId: string, order: KnownOrder): void {
    this.#orders.delete(clientOrderId);
    this.#orders.set(clientOrderId, order);
    if (this.#orders.size > rememberedOrdersLimit) this.#orders.delete(this.#orders.keys().next().value!);
  }

  #unresolved(request: VenueOrderRequest, market: SnapshotMarket, amount: number, cost: number | null, reason: string): VenueOrderSnapshot {
    return {
      clientOrderId: request.clientOrderId,
      venueOrderId: null,
      symbol: market.symbol,
      side: request.side,
      state: 'unresolved',
      rawStatus: null,
      quantity: cost === null ? amount : null,
      quoteQuantity: cost,
      filledQuantity: 0,
      averagePrice: null,
      fee: null,
      fees: [],
      reason,
    };
  }

  async #readCoinbaseOrder(clientOrderId: string, symbol: string, venueOrderId: string, market: SnapshotMarket, operation: ExchangeOperation): Promise<VenueOrderSnapshot | null> {
    let order: Order;
    try {
      order = await this.#exchange.fetchOrder(venueOrderId, symbol);
    } catch (error) {
      if (exchangeFailureKind(error) === 'not_found') return null;
      throw toExchangeError(this.venue, operation, error);
    }
    const snapshot = venueOrderSnapshot(this.venue, order.info as Record<string, unknown>, market);
    if (snapshot.venueOrderId === null) return null;
    this.#remember(clientOrderId, { symbol, venueOrderId: snapshot.venueOrderId, submittedAt: null });
    return snapshot;
  }

  /** Coinbase has no read by client order id: searches the order list (newest first) from before the submission. */
  async #findCoinbaseOrder(clientOrderId: string, known: KnownOrder, operation: ExchangeOperation): Promise<VenueOrderSnapshot | null> {
    const market = await this.#market(known.symbol, operation);
    const since = (known.submittedAt ?? this.#clock.now()).getTime() - this.#orderLookbackMs;
    let cursor: string | null = null;
    for (let page = 0; page < this.#maxLookupPages; page += 1) {
      let orders: Order[];
      try {
        orders = await this.#exchange.fetchOrders(known.symbol, since, 100, cursor === null ? {} : { cursor });
      } catch (error) {
        throw toExchangeError(this.venue, operation, error);
      }
      for (const order of orders) {
        const info = order.info as Record<string, unknown>;
        if (info['client_order_id'] !== clientOrderId) continue;
        const snapshot = venueOrderSnapshot(this.venue, info, market);
        this.#remember(clientOrderId, { symbol: known.symbol, venueOrderId: snapshot.venueOrderId, submittedAt: known.submittedAt });
        return snapshot;
      }
      cursor = text((orders[0]?.info as Record<string, unknown> | undefined)?.['cursor']);
      if (cursor === null) return null;
    }
    return null;
  }
}
