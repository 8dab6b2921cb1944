/**
 * The shapes the exchange connectors implement: the Venue interface of the deployment runtime (issue 11,
 * DEPLOYMENT-DESIGN "Venue interface"), which shadow, paper and the exchanges share. The runtime owns the interface
 * (`domain/deployment/venue.ts`); until it lands this file holds the agreed shape with the runtime's names (order
 * states, sides, types and venue ids as in `domain/deployment/order-state.lifecycle.ts` and `venues.ts`).
 */

/** Real exchanges, by ccxt exchange id: `binanceus` = Binance US, `coinbase` = Coinbase Advanced Trade. */
export const exchangeVenueIds = ['binanceus', 'coinbase'] as const;
export type ExchangeVenueId = (typeof exchangeVenueIds)[number];

/**
 * Order states (the runtime's order machine): `new` (recorded, not sent), `submitted` (sent, no acknowledgement),
 * `accepted` (working at the venue, nothing filled), `partially_filled`, `filled`, `canceled`, `rejected`, `expired`,
 * `denied` (refused locally, never sent) and `unresolved` (the venue's status is unknown or it did not answer; no
 * assumption until reconciliation reads the order again).
 */
export type OrderState = 'new' | 'submitted' | 'accepted' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired' | 'denied' | 'unresolved';

/** States in which an order may still fill at the venue (reconciliation reads every one of them). */
export const openOrderStates: readonly OrderState[] = ['new', 'submitted', 'accepted', 'partially_filled', 'unresolved'];

export type OrderSide = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';

/** An order to place. Quantities are base units, prices quote per base; `symbol` is a ccxt unified symbol (`BTC/USDT`). */
export interface VenueOrderRequest {
  /** Deterministic client order id, ≤ 36 characters of `[A-Za-z0-9_-]`: the venue's own idempotency key. */
  clientOrderId: string;
  symbol: string;
  side: OrderSide;
  type: OrderType;
  /** Base units, > 0. The venue rounds it down to its lot step (the snapshot says what it holds). */
  quantity: number;
  /** Limit orders only: quote per base, > 0. */
  limitPrice?: number | null;
  /**
   * The price the order was sized at (the next bar's open, or the venue's price at submission), quote per base.
   * Coinbase market BUY orders are sized in quote currency: they spend `quantity × referencePrice` (rounded to the
   * product's quote increment), so they need it; other orders ignore it.
   */
  referencePrice?: number | null;
}

/** How to find an order placed earlier (after a restart the connector's own memory of it is gone). */
export interface VenueOrderReference {
  symbol: string;
  /** The venue's order id when known (Coinbase reads and cancels orders by it). */
  venueOrderId?: string | null;
  /** When it was submitted: Coinbase searches its order list from this time when the venue order id is unknown. */
  submittedAt?: Date | null;
}

/** A fee as the venue charged it. */
export interface VenueFee {
  currency: string;
  amount: number;
}

/** An order as the venue reports it, normalized into our order states with the venue's own status word kept. */
export interface VenueOrderSnapshot {
  clientOrderId: string;
  /** The venue's order id; null when the venue never acknowledged the order (timeout, unresolved). */
  venueOrderId: string | null;
  symbol: string;
  side: OrderSide | null;
  state: OrderState;
  /** The venue's status word verbatim (Binance `PENDING_CANCEL`, Coinbase `FAILED`); null when the answer had none. */
  rawStatus: string | null;
  /** Ordered quantity the venue holds, base units (after its lot rounding); null for a quote-sized order. */
  quantity: number | null;
  /** Quote-sized orders (Coinbase market buys): quote currency to spend; null otherwise. */
  quoteQuantity: number | null;
  /** Filled so far, base units. */
  filledQuantity: number;
  /** Quantity-weighted average fill price, quote per base; null before the first fill. */
  averagePrice: number | null;
  /**
   * Fees so far in the symbol's quote currency (base-asset fees valued at the average fill price); null when the
   * venue's answer does not say (or a fee was charged in a third currency, see `fees`).
   */
  fee: number | null;
  /** Fees as charged, per currency. */
  fees: VenueFee[];
  /** Why the order is where it is, in words: the venue's reject/cancel message, or why it is `unresolved`. */
  reason: string | null;
}

/** One currency of the account: `free` can be traded, `used` is held by open orders, `total` = free + used. */
export interface VenueBalance {
  currency: string;
  free: number;
  used: number;
  total: number;
}

/** One OHLCV bar as the venue serves it: `openTime` ms since epoch (UTC), prices quote per base, volume base units. */
export interface VenueBar {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The connector interface shared by shadow, paper and the exchanges. */
export interface Venue {
  submitOrder(request: VenueOrderRequest): Promise<VenueOrderSnapshot>;
  cancelOrder(clientOrderId: string, reference?: VenueOrderReference): Promise<VenueOrderSnapshot | null>;
  fetchOrder(clientOrderId: string, reference?: VenueOrderReference): Promise<VenueOrderSnapshot | null>;
  fetchOpenOrders(symbol: string): Promise<VenueOrderSnapshot[]>;
  fetchBalance(): Promise<VenueBalance[]>;
  fetchOHLCV(symbol: string, timeframe: string, since: number | null, limit: number | null): Promise<VenueBar[]>;
}
