import type { VenueOrderSnapshot } from '../../domain/deployment/venue.ts';
import type { ExchangeVenue, OrderSide } from '../../domain/deployment/venues.ts';
import { normalizeVenueStatus } from './order-status-table.ts';

/** A fee as the venue charged it. */
export interface VenueFee {
  currency: string;
  amount: number;
}

/**
 * An exchange order as our snapshot: the runtime's {@link VenueOrderSnapshot} (status normalized through the
 * venue's table, raw status word kept, `fee` in the quote currency) with what the exchange also tells.
 */
export interface ExchangeOrderSnapshot extends VenueOrderSnapshot {
  /** ccxt unified symbol (`BTC/USDT`). */
  symbol: string;
  side: OrderSide | null;
  /** Ordered quantity the venue holds, base units (after its lot rounding); null for a quote-sized order. */
  quantity: number | null;
  /** Quote-sized orders (Coinbase market buys): quote currency to spend; null otherwise. */
  quoteQuantity: number | null;
  /**
   * Fees as charged, per currency. `fee` is their value in the quote currency: base-currency fees valued at the
   * average fill price; a fee in a third currency (Binance BNB) is listed here and not valued in `fee`.
   */
  fees: VenueFee[];
  /** Why the order is where it is, in words: the venue's reject/cancel message, or why it is `unresolved`. */
  reason: string | null;
}

/** A parsed order, and whether the venue's answer carried its fees (Binance order answers without fills do not). */
export interface ParsedVenueOrder {
  snapshot: ExchangeOrderSnapshot;
  feesKnown: boolean;
}

/** The market an order belongs to: ccxt unified symbol and its base and quote currencies. */
export interface SnapshotMarket {
  symbol: string;
  base: string;
  quote: string;
}

type Raw = Record<string, unknown>;

/**
 * A venue order (the venue's own JSON, as ccxt keeps it in `order.info`) as our snapshot. Read from the raw fields,
 * never from ccxt's unified ones, so the status goes through our table and no field is guessed:
 * - Binance US: `status`, `origQty`, `executedQty`, `cummulativeQuoteQty` (average = quote / base filled), `fills`
 *   (commission per fill, FULL responses only), `orderId`, `clientOrderId` (`origClientOrderId` on a cancel answer,
 *   where `clientOrderId` is the cancel request's own id).
 * - Coinbase: `status`, `order_configuration.*.base_size` / `quote_size`, `filled_size`, `average_filled_price`,
 *   `total_fees` (quote currency), `order_id`, `client_order_id`, `reject_reason`, `reject_message`, `cancel_message`.
 */
export function parseVenueOrder(venue: ExchangeVenue, info: Raw, market: SnapshotMarket): ParsedVenueOrder {
  return venue === 'binanceus' ? binanceOrder(info, market) : coinbaseOrder(info, market);
}

function binanceOrder(info: Raw, market: SnapshotMarket): ParsedVenueOrder {
  const filledQuantity = decimal(info['executedQty']) ?? 0;
  const filledQuote = decimal(info['cummulativeQuoteQty']);
  const averagePrice = filledQuantity > 0 && filledQuote !== null && filledQuote > 0 ? filledQuote / filledQuantity : null;
  const status = normalizeVenueStatus('binanceus', text(info['status']), filledQuantity);
  const fills = Array.isArray(info['fills']) ? (info['fills'] as Raw[]) : null;
  const fees = fills === null ? null : fills.map((fill) => ({ currency: text(fill['commissionAsset']) ?? '', amount: decimal(fill['commission']) ?? 0 }));
  const snapshot: ExchangeOrderSnapshot = {
    clientOrderId: text(info['origClientOrderId']) ?? text(info['clientOrderId']) ?? '',
    venueOrderId: text(info['orderId']),
    symbol: market.symbol,
    side: side(info['side']),
    status: status.status,
    rawStatus: status.rawStatus,
    quantity: decimal(info['origQty']),
    quoteQuantity: null,
    filledQuantity,
    averagePrice,
    ...feeFields(fees ?? [], averagePrice, market),
    reason: status.status === 'unresolved' ? status.meaning : null,
  };
  return { snapshot, feesKnown: fees !== null || filledQuantity === 0 };
}

function coinbaseOrder(info: Raw, market: SnapshotMarket): ParsedVenueOrder {
  const filledQuantity = decimal(info['filled_size']) ?? 0;
  const average = decimal(info['average_filled_price']);
  const averagePrice = filledQuantity > 0 && average !== null && average > 0 ? average : null;
  const status = normalizeVenueStatus('coinbase', text(info['status']), filledQuantity);
  const configuration = firstConfiguration(info['order_configuration']);
  const totalFees = decimal(info['total_fees']);
  const snapshot: ExchangeOrderSnapshot = {
    clientOrderId: text(info['client_order_id']) ?? '',
    venueOrderId: text(info['order_id']),
    symbol: market.symbol,
    side: side(info['side']),
    status: status.status,
    rawStatus: status.rawStatus,
    quantity: decimal(configuration?.['base_size']),
    quoteQuantity: decimal(configuration?.['quote_size']),
    filledQuantity,
    averagePrice,
    ...feeFields(totalFees === null ? [] : [{ currency: market.quote, amount: totalFees }], averagePrice, market),
    reason: status.status === 'unresolved' ? status.meaning : coinbaseReason(info),
  };
  return { snapshot, feesKnown: totalFees !== null || filledQuantity === 0 };
}

/**
 * Fees per currency (summed, zero amounts dropped) and their value in the quote currency: quote fees as they are,
 * base-currency fees at the average fill price; fees in a third currency are listed and not valued.
 */
export function feeFields(fees: readonly VenueFee[], averagePrice: number | null, market: SnapshotMarket): Pick<ExchangeOrderSnapshot, 'fee' | 'fees'> {
  const summed = sumFees(fees);
  let fee = 0;
  for (const { currency, amount } of summed) {
    if (currency === market.quote) fee += amount;
    else if (currency === market.base && averagePrice !== null) fee += amount * averagePrice;
  }
  return { fee, fees: summed };
}

/** Adds up fee amounts per currency (first-seen order), dropping zero amounts. */
export function sumFees(fees: readonly VenueFee[]): VenueFee[] {
  const byCurrency = new Map<string, number>();
  for (const { currency, amount } of fees) byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + amount);
  return [...byCurrency].filter(([, amount]) => amount !== 0).map(([currency, amount]) => ({ currency, amount }));
}

/** Coinbase's reject or cancel message, when it says something. */
function coinbaseReason(info: Raw): string | null {
  const parts = [text(info['reject_reason']), text(info['reject_message']), text(info['cancel_message'])].filter(
    (part): part is string => part !== null && part !== 'REJECT_REASON_UNSPECIFIED' && part !== 'UNKNOWN_REJECT_REASON',
  );
  return parts.length > 0 ? parts.join(': ') : null;
}

/** The one order configuration of a Coinbase order (`limit_limit_gtc`, `market_market_ioc`, …). */
function firstConfiguration(value: unknown): Raw | null {
  if (value === null || typeof value !== 'object') return null;
  const first = Object.values(value as Raw).find((entry) => entry !== null && typeof entry === 'object');
  return (first as Raw | undefined) ?? null;
}

function side(value: unknown): OrderSide | null {
  const lower = typeof value === 'string' ? value.toLowerCase() : null;
  return lower === 'buy' || lower === 'sell' ? lower : null;
}

/** A non-empty string (numbers as their text), else null. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A finite decimal from a venue's string or number field, else null (empty strings and NaN included). */
export function decimal(value: unknown): number | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
