import type { Order } from 'ccxt';
import type { OrderLookup, Venue, VenueBalances, VenueOhlcvBar, VenueOrderRequest } from '../../domain/deployment/venue.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { systemClock, type Clock } from '../clock.ts';
import { createCcxtExchange, type CcxtExchange, type CcxtExchangeSettings } from './ccxt-exchange.ts';
import { missingCredentialFields, type ExchangeCredentials } from './exchange-credentials.ts';
import { exchangeFailureKind, toExchangeError } from './classify-exchange-error.ts';
import { ExchangeRejectedError, ExchangeRequestRefusedError, MissingExchangeCredentialError, UnexpectedExchangeResponseError, type ExchangeOperation } from './exchange-errors.ts';
import { decimal, feeFields, parseVenueOrder, text, type ExchangeOrderSnapshot, type SnapshotMarket } from './order-snapshot.ts';
import { applyRecordedMarkets, type RecordedMarkets } from './recorded-markets.ts';

/**
 * An order to place on an exchange: the runtime's request. Its `referencePrice` (quote per base) is needed by Coinbase
 * market BUY orders, which are sized in quote currency: they spend `quantity × referencePrice`, rounded to the
 * product's quote increment.
 */
export type ExchangeOrderRequest = VenueOrderRequest;

/** How to find an order placed before a restart (see the domain's `OrderLookup`). */
export type { OrderLookup };

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
export function createExchangeVenue(venue: ExchangeVenue, credentials: ExchangeCredentials | null, options: ExchangeVenueOptions = {}): CcxtExchangeVenue {
  const exchange = createCcxtExchange(venue, credentials, options.clock ?? systemClock, options.settings);
  options.configureExchange?.(exchange);
  if (options.markets) applyRecordedMarkets(exchange, options.markets);
  return new CcxtExchangeVenue(venue, exchange, credentials, options);
}

/** What the connector remembers of an order it placed or read (Coinbase needs the venue's id to read or cancel it). */
interface KnownOrder {
  venueOrderId: string | null;
  submittedAt: Date | null;
}

/** At most this many orders are remembered (the oldest are forgotten; an {@link OrderLookup} still finds them). */
const rememberedOrdersLimit = 10_000;

const clientOrderIdPattern = /^[A-Za-z0-9_-]{1,36}$/;

const finalStatuses = new Set(['filled', 'canceled', 'expired', 'rejected']);

/**
 * A ccxt-backed {@link Venue}. Orders are placed with OUR client order id (Binance `newClientOrderId`, Coinbase
 * `client_order_id`) and read and cancelled by it (Binance `origClientOrderId`; Coinbase by its order id, found from
 * the client order id when not known). Statuses go through the venue's status table (`order-status-table.ts`), never
 * ccxt's unified status. Binance orders that filled are completed with their trades' commissions
 * (GET /api/v3/myTrades) when the answer does not carry them.
 *
 * Errors: {@link ExchangeUnavailableError} / {@link UnexpectedExchangeResponseError} (both VenueUnavailableError: the
 * outcome is unknown), {@link ExchangeCredentialError} / {@link MissingExchangeCredentialError} (both
 * VenueCredentialsError), {@link ExchangeRejectedError} (a refused read or cancel) and
 * {@link ExchangeRequestRefusedError} (bad input, nothing sent). Nothing is retried here.
 */
export class CcxtExchangeVenue implements Venue {
  readonly id: ExchangeVenue;
  readonly #exchange: CcxtExchange;
  readonly #missingCredentials: string[];
  readonly #clock: Clock;
  readonly #orderLookbackMs: number;
  readonly #maxLookupPages: number;
  readonly #orders = new Map<string, KnownOrder>();

  constructor(venue: ExchangeVenue, exchange: CcxtExchange, credentials: ExchangeCredentials | null, options: ExchangeVenueOptions = {}) {
    if (exchange.id !== venue) throw new Error(`exchange ${exchange.id} given for venue ${venue}`);
    this.id = venue;
    this.#exchange = exchange;
    this.#missingCredentials = missingCredentialFields(venue, credentials);
    this.#clock = options.clock ?? systemClock;
    this.#orderLookbackMs = options.orderLookbackMs ?? 86_400_000;
    this.#maxLookupPages = options.maxLookupPages ?? 5;
  }

  /**
   * Places an order with our client order id. Returns the venue's answer as a snapshot (Binance: its status and
   * fills; Coinbase: `accepted` — its create answer carries no status; read the order for fills). A refusal by the
   * venue (insufficient funds, invalid order) is a `rejected` snapshot with the venue's reason in `rawStatus`; when
   * the venue already has this client order id, the existing order is read and returned. Never retried here.
   *
   * @throws ExchangeRequestRefusedError (bad input, unknown symbol, quantity below one lot step, Coinbase market buy
   *   without referencePrice) or MissingExchangeCredentialError — no request sent.
   * @throws ExchangeUnavailableError / UnexpectedExchangeResponseError — no answer or an unreadable one: the order's
   *   fate is unknown (the runner marks it `unresolved` until reconciliation reads it by client order id).
   * @throws ExchangeCredentialError — the venue refused the key; nothing placed.
   */
  async submitOrder(request: ExchangeOrderRequest): Promise<ExchangeOrderSnapshot> {
    const operation = 'submitOrder';
    this.#validateRequest(request);
    this.#requireCredentials(operation);
    const market = await this.#market(request.symbol, operation);
    const exchange = this.#exchange;
    const amount = this.#lotRoundedQuantity(request, operation);
    const quoteSized = this.id === 'coinbase' && request.type === 'market' && request.side === 'buy';
    const cost = quoteSized ? Number(exchange.costToPrecision(request.symbol, request.quantity * request.referencePrice!)) : null;
    const params: Record<string, unknown> =
      this.id === 'binanceus' ? { newClientOrderId: request.clientOrderId } : { client_order_id: request.clientOrderId, ...(cost === null ? {} : { cost }) };
    // Binance market orders must get no price: ccxt would turn amount × price into a quote-sized order.
    const price = request.type === 'limit' ? request.limitPrice! : undefined;
    this.#remember(request.clientOrderId, { venueOrderId: null, submittedAt: this.#clock.now() });
    let order: Order;
    try {
      order = await exchange.createOrder(request.symbol, request.type, request.side, request.quantity, price, params);
    } catch (error) {
      switch (exchangeFailureKind(error)) {
        case 'rejected':
          return this.#rejected(request, market, amount, cost, error);
        case 'duplicate': {
          const existing = await this.fetchOrder(request.clientOrderId, request.symbol);
          if (existing) return existing;
          throw new UnexpectedExchangeResponseError(this.id, operation, `the venue refused client order id ${request.clientOrderId} as a duplicate but does not know it`, { cause: error });
        }
        case 'not_found':
          throw new UnexpectedExchangeResponseError(this.id, operation, error instanceof Error ? error.message : String(error), { cause: error });
        default:
          throw toExchangeError(this.id, operation, error);
      }
    }
    const info = order.info as Record<string, unknown>;
    if (this.id === 'coinbase') {
      // Coinbase's create answer is {order_id, product_id, side, client_order_id}: the order exists, no status yet.
      const venueOrderId = text(info['order_id']);
      this.#remember(request.clientOrderId, { venueOrderId, submittedAt: this.#clock.now() });
      return {
        clientOrderId: text(info['client_order_id']) ?? request.clientOrderId,
        venueOrderId,
        symbol: market.symbol,
        side: request.side,
        status: 'accepted',
        rawStatus: null,
        quantity: cost === null ? amount : null,
        quoteQuantity: cost,
        filledQuantity: 0,
        averagePrice: null,
        fee: 0,
        fees: [],
        reason: 'created (success: true); the create answer carries no status or fills — read the order for them',
      };
    }
    const snapshot = await this.#completed(info, market, operation);
    this.#remember(request.clientOrderId, { venueOrderId: snapshot.venueOrderId, submittedAt: this.#clock.now() });
    return snapshot;
  }

  /**
   * Cancels an order by client order id and returns it as the venue then holds it (Binance: its cancel answer;
   * Coinbase: the order read after the cancel). An order the venue can no longer cancel because it already ended
   * (filled, cancelled, expired, rejected) is read and returned as it is.
   * @throws ExchangeRejectedError (`order_not_found`) when the venue does not know the order; the errors of the class.
   */
  async cancelOrder(clientOrderId: string, symbol: string, lookup: OrderLookup = {}): Promise<ExchangeOrderSnapshot> {
    const operation = 'cancelOrder';
    this.#requireCredentials(operation);
    const market = await this.#market(symbol, operation);
    const exchange = this.#exchange;
    const known = this.#known(clientOrderId, lookup);
    try {
      if (this.id === 'binanceus') {
        const order = await exchange.cancelOrder('', symbol, { origClientOrderId: clientOrderId });
        return await this.#completed(order.info as Record<string, unknown>, market, operation);
      }
      const venueOrderId = known.venueOrderId ?? (await this.#findCoinbaseOrder(clientOrderId, symbol, known, market, operation))?.venueOrderId ?? null;
      if (venueOrderId === null) throw new ExchangeRejectedError(this.id, operation, 'order_not_found', `the venue does not know order ${clientOrderId}`);
      await exchange.cancelOrder(venueOrderId, symbol);
      const after = await this.#readCoinbaseOrder(clientOrderId, symbol, venueOrderId, market, operation);
      if (after === null) throw new ExchangeRejectedError(this.id, operation, 'order_not_found', `the venue does not know order ${clientOrderId} after cancelling it`);
      return after;
    } catch (error) {
      const kind = exchangeFailureKind(error);
      if (kind !== 'not_found' && kind !== 'rejected') throw toExchangeError(this.id, operation, error);
      const current = await this.fetchOrder(clientOrderId, symbol, lookup);
      if (current === null) throw new ExchangeRejectedError(this.id, operation, 'order_not_found', `the venue does not know order ${clientOrderId}`, { cause: error });
      if (finalStatuses.has(current.status)) return current;
      throw toExchangeError(this.id, operation, error);
    }
  }

  /**
   * Reads an order by client order id (Binance `origClientOrderId`; Coinbase by its venue order id — from `lookup`,
   * from this connector's memory, or searched in the order list from before `submittedAt`). Null when the venue does
   * not know the order.
   */
  async fetchOrder(clientOrderId: string, symbol: string, lookup: OrderLookup = {}): Promise<ExchangeOrderSnapshot | null> {
    const operation = 'fetchOrder';
    this.#requireCredentials(operation);
    const market = await this.#market(symbol, operation);
    const known = this.#known(clientOrderId, lookup);
    if (this.id === 'coinbase') {
      if (known.venueOrderId === null) return await this.#findCoinbaseOrder(clientOrderId, symbol, known, market, operation);
      return await this.#readCoinbaseOrder(clientOrderId, symbol, known.venueOrderId, market, operation);
    }
    let order: Order;
    try {
      order = await this.#exchange.fetchOrder('', symbol, { origClientOrderId: clientOrderId });
    } catch (error) {
      if (exchangeFailureKind(error) === 'not_found') return null;
      throw toExchangeError(this.id, operation, error);
    }
    const snapshot = await this.#completed(order.info as Record<string, unknown>, market, operation);
    this.#remember(clientOrderId, { ...known, venueOrderId: snapshot.venueOrderId });
    return snapshot;
  }

  /** The venue's open orders of `symbol`, oldest first (Coinbase: status OPEN), as snapshots. */
  async fetchOpenOrders(symbol: string): Promise<ExchangeOrderSnapshot[]> {
    const operation = 'fetchOpenOrders';
    this.#requireCredentials(operation);
    const market = await this.#market(symbol, operation);
    let orders: Order[];
    try {
      orders = await this.#exchange.fetchOpenOrders(symbol);
    } catch (error) {
      throw toExchangeError(this.id, operation, error);
    }
    const snapshots: ExchangeOrderSnapshot[] = [];
    for (const order of orders) {
      const snapshot = await this.#completed(order.info as Record<string, unknown>, market, operation);
      if (snapshot.clientOrderId !== '') this.#remember(snapshot.clientOrderId, { venueOrderId: snapshot.venueOrderId, submittedAt: null });
      snapshots.push(snapshot);
    }
    return snapshots;
  }

  /**
   * The account's balances by currency code, for every currency the venue lists (Binance US GET /api/v3/account;
   * Coinbase GET /api/v3/brokerage/accounts, first 250 accounts): `free` available, `used` held by open orders.
   */
  async fetchBalance(): Promise<VenueBalances> {
    const operation = 'fetchBalance';
    this.#requireCredentials(operation);
    await this.#ensureMarkets(operation);
    try {
      const balance = await this.#exchange.fetchBalance(this.id === 'coinbase' ? { v3: true } : {});
      const totals = (balance.total ?? {}) as unknown as Record<string, number | undefined>;
      const balances: Record<string, { free: number; used: number; total: number }> = {};
      for (const currency of Object.keys(totals).sort()) {
        const account = balance[currency] as { free?: number; used?: number; total?: number } | undefined;
        const free = account?.free ?? 0;
        const used = account?.used ?? 0;
        balances[currency] = { free, used, total: account?.total ?? free + used };
      }
      return balances;
    } catch (error) {
      throw toExchangeError(this.id, operation, error);
    }
  }

  /**
   * Bars of `symbol` from `sinceMs` (open time, inclusive), at most `limit` (Coinbase serves at most 300 per call),
   * oldest first. The last one may still be forming: callers keep only closed bars. Public: needs no credentials.
   */
  async fetchOHLCV(symbol: string, timeframe: string, sinceMs: number, limit: number): Promise<VenueOhlcvBar[]> {
    const operation = 'fetchOHLCV';
    await this.#market(symbol, operation);
    try {
      const rows = await this.#exchange.fetchOHLCV(symbol, timeframe, sinceMs, limit);
      return rows.map(([openTimeMs, open, high, low, close, volume]) => ({
        openTimeMs: openTimeMs ?? Number.NaN,
        open: open ?? Number.NaN,
        high: high ?? Number.NaN,
        low: low ?? Number.NaN,
        close: close ?? Number.NaN,
        volume: volume ?? Number.NaN,
      }));
    } catch (error) {
      throw toExchangeError(this.id, operation, error);
    }
  }

  #validateRequest(request: ExchangeOrderRequest): void {
    const refuse = (field: string, rule: string, detail: string) => new ExchangeRequestRefusedError(this.id, 'submitOrder', field, rule, detail);
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
    if (this.id === 'coinbase' && request.type === 'market' && request.side === 'buy' && referencePrice === null) {
      throw refuse('referencePrice', 'coinbase-market-buy-needs-quote-amount', 'a Coinbase market buy spends quote currency: give the price the quantity was sized at');
    }
  }

  /** The quantity rounded down to the market's lot step as ccxt will send it. @throws ExchangeRequestRefusedError below one step. */
  #lotRoundedQuantity(request: ExchangeOrderRequest, operation: ExchangeOperation): number {
    let rounded: number;
    try {
      rounded = Number(this.#exchange.amountToPrecision(request.symbol, request.quantity));
    } catch {
      rounded = 0;
    }
    if (!(rounded > 0)) {
      throw new ExchangeRequestRefusedError(this.id, operation, 'quantity', 'at-least-one-lot-step', `${request.quantity} is below the lot step of ${request.symbol}`);
    }
    return rounded;
  }

  #requireCredentials(operation: ExchangeOperation): void {
    if (this.#missingCredentials.length > 0) throw new MissingExchangeCredentialError(this.id, operation, this.#missingCredentials);
  }

  async #ensureMarkets(operation: ExchangeOperation): Promise<void> {
    if (this.#exchange.markets) return;
    try {
      await this.#exchange.loadMarkets();
    } catch (error) {
      throw toExchangeError(this.id, operation, error);
    }
  }

  async #market(symbol: string, operation: ExchangeOperation): Promise<SnapshotMarket> {
    if (typeof symbol !== 'string' || symbol.length === 0 || symbol.length > 64) {
      throw new ExchangeRequestRefusedError(this.id, operation, 'symbol', 'unified-symbol', `got ${JSON.stringify(symbol)}`);
    }
    await this.#ensureMarkets(operation);
    const markets = this.#exchange.markets ?? {};
    const market = Object.hasOwn(markets, symbol) ? markets[symbol] : undefined;
    if (!market || !market.spot) throw new ExchangeRequestRefusedError(this.id, operation, 'symbol', 'known-spot-market', `${symbol} is not a spot market of ${this.id}`);
    return { symbol: market.symbol, base: market.base, quote: market.quote };
  }

  #known(clientOrderId: string, lookup: OrderLookup): KnownOrder {
    const remembered = this.#orders.get(clientOrderId);
    return {
      venueOrderId: lookup.venueOrderId ?? remembered?.venueOrderId ?? null,
      submittedAt: lookup.submittedAt ?? remembered?.submittedAt ?? null,
    };
  }

  #remember(clientOrderId: string, order: KnownOrder): void {
    this.#orders.delete(clientOrderId);
    this.#orders.set(clientOrderId, order);
    if (this.#orders.size > rememberedOrdersLimit) this.#orders.delete(this.#orders.keys().next().value!);
  }

  /** A venue's refusal of a placement as a `rejected` snapshot; the venue's reason (its error text) in `rawStatus`. */
  #rejected(request: ExchangeOrderRequest, market: SnapshotMarket, amount: number, cost: number | null, error: unknown): ExchangeOrderSnapshot {
    const venueReason = venueReasonOf(this.id, error);
    return {
      clientOrderId: request.clientOrderId,
      venueOrderId: null,
      symbol: market.symbol,
      side: request.side,
      status: 'rejected',
      rawStatus: venueReason,
      quantity: cost === null ? amount : null,
      quoteQuantity: cost,
      filledQuantity: 0,
      averagePrice: null,
      fee: 0,
      fees: [],
      reason: toExchangeError(this.id, 'submitOrder', error).message,
    };
  }

  /** Parses a venue order; a Binance order that filled without its commissions in the answer gets them from its trades. */
  async #completed(info: Record<string, unknown>, market: SnapshotMarket, operation: ExchangeOperation): Promise<ExchangeOrderSnapshot> {
    const { snapshot, feesKnown } = parseVenueOrder(this.id, info, market);
    if (feesKnown || snapshot.venueOrderId === null) return snapshot;
    try {
      const trades = await this.#exchange.fetchOrderTrades(snapshot.venueOrderId, market.symbol);
      const fees = trades.map((trade) => {
        const raw = trade.info as Record<string, unknown>;
        return { currency: text(raw['commissionAsset']) ?? '', amount: decimal(raw['commission']) ?? 0 };
      });
      return { ...snapshot, ...feeFields(fees, snapshot.averagePrice, market) };
    } catch (error) {
      throw toExchangeError(this.id, operation, error);
    }
  }

  async #readCoinbaseOrder(clientOrderId: string, symbol: string, venueOrderId: string, market: SnapshotMarket, operation: ExchangeOperation): Promise<ExchangeOrderSnapshot | null> {
    let order: Order;
    try {
      order = await this.#exchange.fetchOrder(venueOrderId, symbol);
    } catch (error) {
      if (exchangeFailureKind(error) === 'not_found') return null;
      throw toExchangeError(this.id, operation, error);
    }
    const { snapshot } = parseVenueOrder(this.id, order.info as Record<string, unknown>, market);
    if (snapshot.venueOrderId === null) return null;
    this.#remember(clientOrderId, { venueOrderId: snapshot.venueOrderId, submittedAt: null });
    return snapshot;
  }

  /** Coinbase has no read by client order id: searches the order list (newest first) from before the submission. */
  async #findCoinbaseOrder(clientOrderId: string, symbol: string, known: KnownOrder, market: SnapshotMarket, operation: ExchangeOperation): Promise<ExchangeOrderSnapshot | null> {
    const since = (known.submittedAt ?? this.#clock.now()).getTime() - this.#orderLookbackMs;
    let cursor: string | null = null;
    for (let page = 0; page < this.#maxLookupPages; page += 1) {
      let orders: Order[];
      try {
        orders = await this.#exchange.fetchOrders(symbol, since, 100, cursor === null ? {} : { cursor });
      } catch (error) {
        throw toExchangeError(this.id, operation, error);
      }
      for (const order of orders) {
        const info = order.info as Record<string, unknown>;
        if (info['client_order_id'] !== clientOrderId) continue;
        const { snapshot } = parseVenueOrder(this.id, info, market);
        this.#remember(clientOrderId, { venueOrderId: snapshot.venueOrderId, submittedAt: known.submittedAt });
        return snapshot;
      }
      cursor = text((orders[0]?.info as Record<string, unknown> | undefined)?.['cursor']);
      if (cursor === null) return null;
    }
    return null;
  }
}

/**
 * The venue's own reason in a ccxt error: ccxt prefixes the exchange id and passes the venue's message, or its whole
 * JSON answer — Binance `{"code":-2010,"msg":"…"}` → `-2010 …`; Coinbase `{"error_response":{"error":"INSUFFICIENT_FUND",
 * "message":"…"}}` or `{"error":"…","message":"…"}` → `INSUFFICIENT_FUND: …`. At most 500 characters.
 */
export function venueReasonOf(venue: ExchangeVenue, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.startsWith(`${venue} `) ? message.slice(venue.length + 1) : message;
  let reason = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = (body['error_response'] ?? body) as Record<string, unknown>;
    if (venue === 'binanceus' && body['msg'] !== undefined) reason = [body['code'], body['msg']].filter((part) => part !== undefined).join(' ');
    else if (nested['error'] !== undefined || nested['message'] !== undefined) reason = [nested['error'], nested['message']].filter((part) => typeof part === 'string' && part !== '').join(': ');
  } catch {
    // Not JSON: ccxt passed the venue's message as it is.
  }
  return reason.slice(0, 500);
}
