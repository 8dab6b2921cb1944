/**
 * Exchange connectors (Binance US, Coinbase Advanced Trade) through the npm `ccxt` package, implementing the runtime's
 * Venue interface (`domain/deployment/venue.ts`). This entry point does not load ccxt: the connector itself comes from
 * {@link loadExchangeVenue} (or `./exchange-venue.ts` directly); the typed errors the runner acts on are the domain's
 * VenueUnavailableError and VenueCredentialsError, which every connector error extends (see `exchange-errors.ts`).
 */
export { loadExchangeVenue } from './load-exchange-venue.ts';
export { ccxtVenueProvider } from './ccxt-venue-provider.ts';
export type { CcxtExchangeVenue, ExchangeOrderRequest, ExchangeVenueOptions, OrderLookup } from './exchange-venue.ts';
export type { ExchangeOrderSnapshot, VenueFee } from './order-snapshot.ts';
export type { RecordedMarkets } from './recorded-markets.ts';
export {
  exchangeCredentialsContext,
  exchangeCredentialsSchema,
  missingCredentialFields,
  openExchangeCredentials,
  sealExchangeCredentials,
  type ExchangeCredentials,
} from './exchange-credentials.ts';
export { binanceUsStatusTable, coinbaseStatusTable, normalizeVenueStatus, venueStatusTables, type NormalizedStatus, type StatusRule } from './order-status-table.ts';
export { reconcileWithVenue, type LocalHoldings, type LocalOrder, type OrderUpdate, type ReconciliationOptions, type VenueReconciliation, type VenueState } from './venue-reconciliation.ts';
export { readVenueState, type LocalOrderToRead, type ReconcilableVenue } from './read-venue-state.ts';

