import type { OrderState } from './order-state.lifecycle.ts';
import type { ExchangeVenue, ExecutionVenue, OrderSide, OrderType } from './venues.ts';

/**
 * The one interface every execution venue implements — `shadow` (fill model, no connector), `paper` (order store
 * matched against the feed) and the ccxt exchange connectors (`server/src/infra/exchange`) — and through which a live
 * feed polls bars. The runner knows nothing else about a venue.
 *
 * Conventions: symbols are ccxt unified (`BTC/USDT`); quantities in base units; prices in quote per base; fees in the
 * quote currency; times in milliseconds since the epoch (UTC). A venue never retries an order submission on its own.
 */
export interface Venue {
  /** Which venue this is. */
  readonly id: ExecutionVenue;

  /**
   * Places an order. The client order id makes it idempotent: a second submission with the same id must not create
   * a second order (exchanges refuse a duplicate client id; the connector then answers with the existing order).
   * A refusal by the venue comes back as a snapshot in state `rejected` with the venue's reason in `rawStatus`.
   * @throws VenueUnavailableError when the venue cannot be reached or did not answer (the order's fate is unknown:
   *   the runner marks it `unresolved` until reconciliation reads it with `fetchOrder`).
   * @throws VenueCredentialsError when no usable credentials are configured.
   */
  submitOrder(request: VenueOrderRequest): Promise<VenueOrderSnapshot>;

  /**
   * Cancels an order by client order id and returns its state afterwards (a filled order stays `filled`). `lookup`
   * carries what the runner recorded (venue order id, submission time) so an order placed before a restart is found.
   * @throws VenueUnavailableError
   */
  cancelOrder(clientOrderId: string, symbol: string, lookup?: OrderLookup): Promise<VenueOrderSnapshot>;

  /**
   * Reads one order by client order id; null when the venue does not know it (never placed). `lookup` as for
   * {@link Venue.cancelOrder}. @throws VenueUnavailableError
   */
  fetchOrder(clientOrderId: string, symbol: string, lookup?: OrderLookup): Promise<VenueOrderSnapshot | null>;

  /** Orders still working (accepted or partially filled) on `symbol`. @throws VenueUnavailableError */
  fetchOpenOrders(symbol: string): Promise<VenueOrderSnapshot[]>;

  /** Balances per currency code (`USDT`, `BTC`). @throws VenueUnavailableError, VenueCredentialsError */
  fetchBalance(): Promise<VenueBalances>;

  /**
   * Closed and in-progress OHLCV bars of `symbol` at `timeframe` (`1m`, `1h`, …) from `sinceMs` (bar open time,
   * inclusive), at most `limit`, oldest first — ccxt `fetchOHLCV`. The last bar may still be forming: the feed
   * decides which bars are closed from the clock. @throws VenueUnavailableError
   */
  fetchOHLCV(symbol: string, timeframe: string, sinceMs: number, limit: number): Promise<VenueOhlcvBar[]>;
}

/**
 * How to find an order placed before a restart: Coinbase reads and cancels by its own order id, not ours, and
 * searches its order list from shortly before the submission when that id is unknown.
 */
export interface OrderLookup {
  /** The venue's order id when known (recorded on the order row). */
  venueOrderId?: string | null;
  /** When the order was recorded or submitted. */
  submittedAt?: Date | null;
}

/** API credentials of one exchange account (never logged; stored sealed — see `ExchangeCredential`). */
export interface VenueCredentials {
  apiKey: string;
  secret: string;
  passphrase?: string;
}

/** The credentials of the account a connector trades with, and a key naming this version of them (for caching). */
export interface VenueAccount {
  /** Changes whenever the credentials change (row id and update time), so a rotated key gets a fresh connector. */
  version: string;
  credentials: VenueCredentials;
}

/**
 * Gives the runner the connector of an exchange (`server/src/infra/exchange`): with the account's credentials (orders,
 * balances; read them with `readVenueAccount` in `services/deployment/exchange-credential.service.ts`), or
 * public-only when `account` is null or absent (enough to read bars; private calls are refused before any request).
 */
export interface VenueProvider {
  venueFor(venue: ExchangeVenue, account?: VenueAccount | null): Promise<Venue>;
}

/** What the runner asks a venue to do. */
export interface VenueOrderRequest {
  /** Deterministic client order id (≤ 36 characters of `[A-Za-z0-9_-]`). */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** Base units, > 0. */
  quantity: number;
  /** Limit orders only: quote per base. */
  limitPrice?: number;
  /**
   * The price the order was sized at, quote per base (the bar's open). Coinbase market BUY orders are sized in quote
   * currency and spend `quantity × referencePrice`; other orders ignore it.
   */
  referencePrice?: number;
}

/** An order as the venue reports it, normalized into our order states. */
export interface VenueOrderSnapshot {
  clientOrderId: string;
  /** The venue's id; null when the venue has not assigned one (simulated venues may use the client id). */
  venueOrderId: string | null;
  /**
   * Normalized explicitly from the venue's status; a raw status the connector does not know maps to `unresolved`
   * (never to filled or cancelled). Coinbase `FAILED` is `rejected` (ccxt maps it to `canceled`).
   */
  status: OrderState;
  /** Ordered quantity the venue holds, base units; null for a quote-sized order; absent when the venue does not say (simulated venues). */
  quantity?: number | null;
  /** Quote currency to spend for a quote-sized order (Coinbase market buys: its filled base quantity is whatever that buys); null or absent otherwise. */
  quoteQuantity?: number | null;
  /** Base units filled so far. */
  filledQuantity: number;
  /** Quantity-weighted average fill price, quote per base; null before any fill. */
  averagePrice: number | null;
  /** Fees charged so far, quote currency. */
  fee: number;
  /** The venue's own status word, verbatim (`NEW`, `PARTIALLY_FILLED`, `FAILED` …); null for simulated venues. */
  rawStatus: string | null;
}

/** Balance of one currency: `free` = available for new orders, `used` = held by open orders, `total` = both. */
export interface VenueBalance {
  free: number;
  used: number;
  total: number;
}

/** Balances by currency code. */
export type VenueBalances = Readonly<Record<string, VenueBalance>>;

/** One OHLCV bar: open time in ms since the epoch (UTC), prices in quote per base, volume in base units. */
export interface VenueOhlcvBar {
  openTimeMs: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * The venue could not be reached, timed out, rate-limited us, or answered with a server error: the outcome of the
 * call is unknown. The deployment becomes `degraded` (connector unavailable), places no order, and reconciles
 * before trading again; nothing is retried blindly.
 */
export class VenueUnavailableError extends Error {
  readonly venue: ExecutionVenue;
  constructor(venue: ExecutionVenue, message: string, options?: { cause?: unknown }) {
    super(`${venue}: ${message}`, options);
    this.name = 'VenueUnavailableError';
    this.venue = venue;
  }
}

/** No usable credentials for the venue (missing, unreadable, or refused by the venue as invalid). Never retried. */
export class VenueCredentialsError extends Error {
  readonly venue: ExecutionVenue;
  constructor(venue: ExecutionVenue, message: string) {
    super(`${venue}: ${message}`);
    this.name = 'VenueCredentialsError';
    this.venue = venue;
  }
}
