import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { ExchangeCredentials } from './exchange-credentials.ts';
import type { CcxtExchangeVenue, ExchangeVenueOptions } from './exchange-venue.ts';

/**
 * {@link createExchangeVenue} behind a dynamic import: ccxt takes about 1.5 s to load, so processes load it only when
 * a deployment first needs an exchange (LIVE orders or a live feed), not at start.
 */
export async function loadExchangeVenue(venue: ExchangeVenue, credentials: ExchangeCredentials | null, options: ExchangeVenueOptions = {}): Promise<CcxtExchangeVenue> {
  const { createExchangeVenue } = await import('./exchange-venue.ts');
  return createExchangeVenue(venue, credentials, options);
}
