import { p } from '@mikro-orm/core';
import { newId } from './ids.ts';

/** Primary key shared by every entity: a UUIDv7 made by the application. */
export const idColumn = () => p.uuid().primary().onCreate(() => newId());

/** Creation time: set by the application and defaulted by the database for raw SQL inserts. */
export const createdAtColumn = () => p.datetime().defaultRaw('now()').onCreate(() => new Date());

/**
 * A float64 column read as a JS number (`double precision`). MikroORM's `double` type hydrates strings, and
 * its `float` maps to float4, so the float type is pinned to the double column here.
 */
export const doubleColumn = () => p.float().columnType('double precision');

/**
 * The price and volume columns of a bar (`open`, `high`, `low`, `close` in quote per base; `volume` in base units),
 * shared by every bar table (`market_bar`, `deployment_bar`, `venue_bar`).
 */
export const ohlcvColumns = () => ({
  open: doubleColumn(),
  high: doubleColumn(),
  low: doubleColumn(),
  close: doubleColumn(),
  volume: doubleColumn(),
});
