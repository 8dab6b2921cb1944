import { binanceus, coinbase } from 'ccxt';
import type { Clock } from '../clock.ts';
import type { ExchangeCredentials } from './exchange-credentials.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';

/** The ccxt exchange instance behind a connector. */
export type CcxtExchange = binanceus | coinbase;

/** Settings of the ccxt instance (all optional; defaults in {@link createCcxtExchange}). */
export interface CcxtExchangeSettings {
  /** Milliseconds before a request is abandoned (ccxt RequestTimeout → the venue counts as unavailable). Default 10 000. */
  timeoutMs?: number;
  /** Binance `recvWindow`: how long after its timestamp a signed request stays valid, ms. Default 5 000. */
  recvWindowMs?: number;
}

/**
 * A ccxt instance for `venue` with our safety settings:
 * - credentials set only when given (a venue without them can still serve public bars);
 * - `verbose` off (ccxt's verbose mode prints request headers, i.e. the API key);
 * - ccxt's rate limiter on (Binance US request weights, Coinbase 30 private requests/s);
 * - no time-difference loading and no margin-pair loading (no request before the first one we make);
 * - ccxt's clock replaced by the injected `clock` (request timestamps, Binance `timestamp`, Coinbase JWT times);
 * - Coinbase market buys priced: ccxt computes the quote amount from `cost` (we always pass it), never guesses.
 */
export function createCcxtExchange(venue: ExchangeVenue, credentials: ExchangeCredentials | null, clock: Clock, settings: CcxtExchangeSettings = {}): CcxtExchange {
  const config = {
    ...(credentials ? { apiKey: credentials.apiKey, secret: credentials.secret, ...(credentials.passphrase ? { password: credentials.passphrase } : {}) } : {}),
    enableRateLimit: true,
    verbose: false,
    timeout: settings.timeoutMs ?? 10_000,
  };
  const exchange =
    venue === 'binanceus'
      ? new binanceus({ ...config, options: { adjustForTimeDifference: false, recvWindow: settings.recvWindowMs ?? 5_000, fetchMargins: false } })
      : new coinbase({ ...config, options: { createMarketBuyOrderRequiresPrice: true } });
  exchange.milliseconds = () => clock.now().getTime();
  exchange.seconds = () => Math.floor(clock.now().getTime() / 1000);
  return exchange;
}
