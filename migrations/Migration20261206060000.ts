import { Migration } from '@mikro-orm/migrations';

/**
 * `venue_bar`: the closed bars of the benchmark basket's members (BTC, ETH and the alt candidates) read from the venue
 * a live feed trades on, with the feed's own bars — a live deployment's basket is computed from them (the certified
 * datasets end where they were imported). Append-only, one row per venue, symbol, timeframe and bar.
 */
export class Migration20261206060000 extends Migration {

  override name = 'Migration20261206060000';

  override up(): void | Promise<void> {
    this.addSql(`create table "venue_bar" ("venue" text not null, "symbol" varchar(255) not null, "timeframe" text not null, "bar_at" timestamptz not null, "open" double precision not null, "high" double precision not null, "low" double precision not null, "close" double precision not null, "volume" double precision not null, "received_at" timestamptz not null, primary key ("venue", "symbol", "timeframe", "bar_at"));`);
    this.addSql(`alter table "venue_bar" add constraint "venue_bar_venue_check" check ("venue" in ('binanceus', 'coinbase'));`);
    this.addSql(`alter table "venue_bar" add constraint "venue_bar_timeframe_check" check ("timeframe" in ('tick', '1m', '5m', '1h', '1d'));`);
    this.addSql(`select crucible_make_append_only('venue_bar');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`delete from "crucible_append_only" where "table_name" = 'venue_bar';`);
    this.addSql(`drop table if exists "venue_bar" cascade;`);
  }

}
