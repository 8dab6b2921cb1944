import type { OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';

/**
 * What a venue status word means for our order state:
 * - `{ state }`: always that state;
 * - `working`: the order is live at the venue — `accepted` while nothing is filled, `partially_filled` after;
 * - `unresolved`: documented by the venue but without a meaning we can act on; the order stays `unresolved` until
 *   reconciliation reads it again.
 */
export type StatusRule = { readonly state: Exclude<OrderState, 'unresolved'> } | { readonly working: true } | { readonly unresolved: true };

/** One row of a venue's status table: the rule and where its meaning comes from. */
export interface StatusTableRow {
  readonly rule: StatusRule;
  readonly meaning: string;
}

/**
 * Binance US order statuses (`status` of GET/POST/DELETE /api/v3/order; Binance spot API "ENUM definitions → Order
 * status", https://developers.binance.com/docs/binance-spot-api-docs/enums#order-status, which Binance US follows).
 * ccxt maps `PENDING_CANCEL` to `canceling` and `EXPIRED_IN_MATCH` to `expired`; we read the raw word instead.
 */
export const binanceUsStatusTable: Readonly<Record<string, StatusTableRow>> = {
  NEW: { rule: { working: true }, meaning: 'accepted by the matching engine' },
  PENDING_NEW: { rule: { working: true }, meaning: 'held by the venue until the working order of its order list fills' },
  PARTIALLY_FILLED: { rule: { state: 'partially_filled' }, meaning: 'part of the quantity filled, the rest working' },
  FILLED: { rule: { state: 'filled' }, meaning: 'the whole quantity filled' },
  CANCELED: { rule: { state: 'canceled' }, meaning: 'cancelled by the user' },
  PENDING_CANCEL: { rule: { working: true }, meaning: 'a cancel is pending: the order is still live and may still fill (not cancelled yet)' },
  REJECTED: { rule: { state: 'rejected' }, meaning: 'not accepted by the matching engine' },
  EXPIRED: { rule: { state: 'expired' }, meaning: "cancelled by the order type's rules (IOC/FOK/market remainder) or by the venue" },
  EXPIRED_IN_MATCH: { rule: { state: 'expired' }, meaning: 'expired by self-trade prevention' },
};

/**
 * Coinbase Advanced Trade order statuses (`status` of an order, GET /api/v3/brokerage/orders/historical/{order_id};
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/orders/get-order). ccxt maps `FAILED` to
 * `canceled` (it is a rejection) and passes `QUEUED` and other unknown words through as if they were unified
 * statuses; we read the raw word instead.
 */
export const coinbaseStatusTable: Readonly<Record<string, StatusTableRow>> = {
  PENDING: { rule: { working: true }, meaning: 'acknowledged by the venue, not yet open on the book' },
  OPEN: { rule: { working: true }, meaning: 'working on the book (fills so far in filled_size)' },
  FILLED: { rule: { state: 'filled' }, meaning: 'the whole order filled' },
  CANCELLED: { rule: { state: 'canceled' }, meaning: 'cancelled (fills before the cancel stay in filled_size)' },
  EXPIRED: { rule: { state: 'expired' }, meaning: 'its time in force ran out' },
  FAILED: { rule: { state: 'rejected' }, meaning: 'the venue failed the order: a rejection, never a user cancel (ccxt says canceled)' },
  QUEUED: { rule: { unresolved: true }, meaning: 'queued by the venue, semantics undocumented: read again before trading on it' },
  CANCEL_QUEUED: { rule: { unresolved: true }, meaning: 'a cancel is queued, semantics undocumented: it may still fill' },
  EDIT_QUEUED: { rule: { unresolved: true }, meaning: 'an edit is queued, semantics undocumented' },
  UNKNOWN_ORDER_STATUS: { rule: { unresolved: true }, meaning: 'the venue itself does not know' },
};

/** The status table of each venue. */
export const venueStatusTables: Readonly<Record<ExchangeVenue, Readonly<Record<string, StatusTableRow>>>> = {
  binanceus: binanceUsStatusTable,
  coinbase: coinbaseStatusTable,
};

/** A normalized status: our order state, the raw word kept verbatim, and why. */
export interface NormalizedStatus {
  status: OrderState;
  rawStatus: string | null;
  /** The table row's meaning, or why the word was not understood. */
  meaning: string;
}

/**
 * Maps a venue's raw status word to our order state through the venue's table — never through ccxt's unified
 * status. A word not in the table (or no word) gives `unresolved`: never filled, never cancelled by assumption.
 *
 * @param filledQuantity base units filled so far (decides `accepted` vs `partially_filled` for a working order).
 */
export function normalizeVenueStatus(venue: ExchangeVenue, rawStatus: string | null | undefined, filledQuantity: number): NormalizedStatus {
  const raw = rawStatus === undefined || rawStatus === null || rawStatus === '' ? null : rawStatus;
  if (raw === null) return { status: 'unresolved', rawStatus: null, meaning: 'the venue sent no status' };
  const row = Object.hasOwn(venueStatusTables[venue], raw) ? venueStatusTables[venue][raw]! : undefined;
  if (row === undefined) return { status: 'unresolved', rawStatus: raw, meaning: `unknown ${venue} status "${raw}": unresolved until reconciliation` };
  const { rule } = row;
  if ('state' in rule) return { status: rule.state, rawStatus: raw, meaning: row.meaning };
  if ('working' in rule) return { status: filledQuantity > 0 ? 'partially_filled' : 'accepted', rawStatus: raw, meaning: row.meaning };
  return { status: 'unresolved', rawStatus: raw, meaning: row.meaning };
}
