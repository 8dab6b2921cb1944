import { binanceus } from 'ccxt';
import { z } from 'zod';
import type { CcxtExchange } from './ccxt-exchange.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';

/**
 * A venue's market list as recorded from its own API, so ccxt never loads markets over the network:
 * - Binance US: entries of `symbols` from GET /api/v3/exchangeInfo (filters give the lot step, tick size, minimums);
 * - Coinbase: entries of `products` from GET /api/v3/brokerage/market/products, and optionally the `fee_tier` of
 *   GET /api/v3/brokerage/transaction_summary (else ccxt's default fees).
 * ccxt's own parsers turn them into its market structures, exactly as its `fetchMarkets` would.
 */
export interface RecordedMarkets {
  venue: ExchangeVenue;
  /** Where and when the records come from (a URL, a date): a recording is only as current as its source. */
  source: string;
  markets: Record<string, unknown>[];
  feeTier?: Record<string, unknown>;
}

export const recordedMarketsSchema = z.object({
  venue: z.enum(['binanceus', 'coinbase']),
  source: z.string().min(1).max(2000),
  markets: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000),
  feeTier: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Parses the recorded markets with ccxt's own parsers and installs them on the instance (`setMarkets`): afterwards
 * ccxt's `loadMarkets` returns them without a request.
 * @throws Error when the recording is for another venue or its records do not parse.
 */
export function applyRecordedMarkets(exchange: CcxtExchange, recorded: RecordedMarkets): void {
  const { venue, markets, feeTier } = recordedMarketsSchema.parse(recorded);
  if (venue !== exchange.id) throw new Error(`recorded markets are for ${venue}, the exchange is ${exchange.id}`);
  if (exchange instanceof binanceus) {
    // As binance.fetchMarkets does when margin pairs are not fetched (Binance US has no margin trading).
    exchange.options['crossMarginPairsData'] = [];
    exchange.options['isolatedMarginPairsData'] = [];
    exchange.setMarkets(markets.map((market) => exchange.parseMarket(market)));
    return;
  }
  // As coinbase.fetchMarketsV3 does for spot products: the first `alias_to` entry is the market's alias.
  const parsed = markets.map((product) => {
    const market = exchange.parseSpotMarket(product, feeTier ?? {}) as ReturnType<typeof exchange.parseSpotMarket> & { alias?: string };
    const aliases = Array.isArray(product['alias_to']) ? (product['alias_to'] as unknown[]) : [];
    market.alias = typeof aliases[0] === 'string' ? aliases[0] : undefined;
    return market;
  });
  exchange.setMarkets(parsed);
}
