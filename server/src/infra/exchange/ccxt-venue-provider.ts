import type { Venue, VenueAccount, VenueProvider } from '../../domain/deployment/venue.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { ExchangeVenueOptions } from './exchange-venue.ts';
import { loadExchangeVenue } from './load-exchange-venue.ts';

/** Connectors kept per process at most (the oldest is dropped beyond it). */
const cachedConnectorsLimit = 64;

/**
 * The exchange connectors of one process: one ccxt instance per venue and credential version (its markets, rate
 * limiter and the orders it remembers live as long as the process), public-only ones for bars. `options` go to every
 * connector it makes (tests install recorded answers through `configureExchange`; production passes none, and the
 * first call of each connector loads the venue's markets).
 */
export function ccxtVenueProvider(options: ExchangeVenueOptions = {}): VenueProvider {
  const connectors = new Map<string, Promise<Venue>>();
  return {
    venueFor(venue: ExchangeVenue, account: VenueAccount | null = null): Promise<Venue> {
      const key = `${venue}:${account?.version ?? 'public'}`;
      let connector = connectors.get(key);
      if (!connector) {
        connector = loadExchangeVenue(venue, account?.credentials ?? null, options);
        connectors.set(key, connector);
        if (connectors.size > cachedConnectorsLimit) connectors.delete(connectors.keys().next().value!);
        connector.catch(() => connectors.delete(key));
      }
      return connector;
    },
  };
}
