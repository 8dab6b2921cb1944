import { defineEntity, p } from '@mikro-orm/core';
import { ohlcvColumns } from '../columns.ts';
import { exchangeVenues } from '../deployment/venues.ts';
import { timeframes } from './timeframe.ts';

const VenueBarSchema = defineEntity({
  name: 'VenueBar',
  tableName: 'venue_bar',
  properties: {
    /** The exchange the bar was read from (`binanceus`, `coinbase`). */
    venue: p.enum(exchangeVenues).primary(),
    /** The exchange's unified (ccxt) symbol, `BASE/QUOTE` (e.g. `ETH/USDT`). */
    symbol: p.string().primary(),
    timeframe: p.enum(timeframes).primary(),
    /** Bar open time (UTC), as the venue dates it. */
    barAt: p.datetime().primary(),
    ...ohlcvColumns(),
    /** Platform-clock time the bar was received from the venue. */
    receivedAt: p.datetime(),
  },
});

/**
 * A closed bar of a benchmark basket member (BTC, ETH, the alt candidates) read from the venue a live feed trades on,
 * with the feed's own bars: the bars a live deployment's benchmark basket is computed from (certified datasets end
 * where they were imported; a live feed runs on). Prices in quote per base. Checked as the feed's own bars are
 * (`validateBar`) before they are kept. Immutable (append-only table); one row per venue, symbol, timeframe and bar.
 */
export class VenueBar extends VenueBarSchema.class {}
VenueBarSchema.setClass(VenueBar);
