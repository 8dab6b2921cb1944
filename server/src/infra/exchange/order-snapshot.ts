import { normalizeVenueStatus } from './order-status-table.ts';
import type { ExchangeVenueId, OrderSide, VenueFee, VenueOrderSnapshot } from './venue-contract.ts';

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
export function venueOrderSnapshot(venue: ExchangeVenueId, info: Raw, market: SnapshotMarket): VenueOrderSnapshot {
  return venue === 'binanceus' ? binanceSnapshot(info, market) : coinbaseSnapshot(info, market);
}

function binanceSnapshot(info: Raw, market: SnapshotMarket): VenueOrderSnapshot {
  const filledQuantity = decimal(info['executedQty']) ?? 0;
  const filledQuote = decimal(info['cummulativeQuoteQty']);
  const averagePrice = filledQuantity > 0 && filledQuote !== null && filledQuote > 0 ? filledQuote / filledQuantity : null;
  const status = normalizeVenueStatus('binanceus', text(info['status']), filledQuantity);
  const fills = Array.isArray(info['fills']) ? (info['fills'] as Raw[]) : null;
  const fees = fills === null ? null : sumFees(fills.map((fill) => ({ currency: text(fill['commissionAsset']) ?? '', amount: decimal(fill['commission']) ?? 0 })));
  return {
    clientOrderId: text(info['origClientOrderId']) ?? text(info['clientOrderId']) ?? '',
    venueOrderId: text(info['orderId']),
    symbol: market.symbol,
    side: side(info['side']),
    state: status.state,
    rawStatus: status.rawStatus,
    quantity: decimal(info['origQty']),
    quoteQuantity: null,
    filledQuantity,
    averagePrice,
    ...feeFields(fees, filledQuantity, averagePrice, market),
    reason: status.state === 'unresolved' ? status.meaning : null,
  };
}

function coinbaseSnapshot(info: Raw, market: SnapshotMarket): VenueOrderSnapshot {
  const filledQuantity = decimal(info['filled_size']) ?? 0;
  const average = decimal(info['average_filled_price']);
  const averagePrice = filledQuantity > 0 && average !== null && average > 0 ? average : null;
  const status = normalizeVenueStatus('coinbase', text(info['status']), filledQuantity);
  const configuration = firstConfiguration(info['order_configuration']);
  const totalFees = decimal(info['total_fees']);
  const fees = totalFees === null ? null : sumFees([{ currency: market.quote, amount: totalFees }]);
  return {
    clientOrderId: text(info['client_order_id']) ?? '',
    venueOrderId: text(info['order_id']),
    symbol: market.symbol,
    side: side(info['side']),
    state: status.state,
    rawStatus: status.rawStatus,
    quantity: decimal(configuration?.['base_size']),
    quoteQuantity: decimal(configuration?.['quote_size']),
    filledQuantity,
    averagePrice,
    ...feeFields(fees, filledQuantity, averagePrice, market),
    reason: status.state === 'unresolved' ? status.meaning : coinbaseReason(info),
  };
}

/**
 * Fees per currency with the quote-currency total: base-asset fees valued at the average fill price; a fee in a
 * third currency (e.g. BNB) leaves the total unknown. No fills → no fees (0). Unknown fee data → null.
 */
export function feeFields(fees: VenueFee[] | null, filledQuantity: number, averagePrice: number | null, market: SnapshotMarket): Pick<VenueOrderSnapshot, 'fee' | 'fees'> {
  if (fees === null) return { fee: filledQuantity > 0 ? null : 0, fees: [] };
  let total: number | null = 0;
  for (const { currency, amount } of fees) {
    if (total === null) break;
    if (currency === market.quote) total += amount;
    else if (currency === market.base && averagePrice !== null) total += amount * averagePrice;
    else if (amount !== 0) total = null;
  }
  return { fee: total, fees };
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
