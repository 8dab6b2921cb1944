/**
 * Where a deployment's orders go: the simulated `shadow` fill model, the `paper` order store, or a real exchange
 * through its ccxt connector (`binanceus` = Binance US, `coinbase` = Coinbase Advanced Trade; ccxt exchange ids).
 */
export const executionVenues = ['shadow', 'paper', 'binanceus', 'coinbase'] as const;
export type ExecutionVenue = (typeof executionVenues)[number];

/** Real exchanges (ccxt exchange ids): the only venues a live feed polls and the only ones LIVE orders go to. */
export const exchangeVenues = ['binanceus', 'coinbase'] as const;
export type ExchangeVenue = (typeof exchangeVenues)[number];

/** True for a real exchange. */
export function isExchangeVenue(venue: string): venue is ExchangeVenue {
  return (exchangeVenues as readonly string[]).includes(venue);
}

/** Where a deployment's bars come from: a `replay` of a stored dataset, or `live` polling of an exchange. */
export const feedKinds = ['replay', 'live'] as const;
export type FeedKind = (typeof feedKinds)[number];

/** Order side. */
export const orderSides = ['buy', 'sell'] as const;
export type OrderSide = (typeof orderSides)[number];

/** Order type: `market` fills at the next tradable price; `limit` only at its limit price or better. */
export const orderTypes = ['market', 'limit'] as const;
export type OrderType = (typeof orderTypes)[number];

/**
 * Why an order was made, part of its deterministic client order id: `rebalance` moves the position to the target
 * decided at a bar's close; `flatten` closes the position on a manual flatten.
 */
export const orderIntentKinds = ['rebalance', 'flatten'] as const;
export type OrderIntentKind = (typeof orderIntentKinds)[number];

/** Who provided the liquidity of a fill: `taker` (market orders, marketable limits) or `maker` (resting limits). */
export const liquiditySides = ['maker', 'taker'] as const;
export type LiquiditySide = (typeof liquiditySides)[number];
