import { openOrderStates } from '../../domain/deployment/order-state.lifecycle.ts';
import type { Venue, VenueOrderSnapshot } from '../../domain/deployment/venue.ts';
import type { OrderLookup } from './exchange-venue.ts';
import type { LocalOrder, VenueState } from './venue-reconciliation.ts';

/**
 * What reconciliation reads from: any {@link Venue}; an exchange connector's `fetchOrder` also takes an
 * {@link OrderLookup} (Coinbase finds orders by its own id).
 */
export type ReconcilableVenue = Pick<Venue, 'fetchOpenOrders' | 'fetchBalance'> & {
  fetchOrder(clientOrderId: string, symbol: string, lookup?: OrderLookup): Promise<VenueOrderSnapshot | null>;
};

/** A local order with what the venue needs to find it again after a restart. */
export interface LocalOrderToRead extends LocalOrder {
  /** When it was submitted (Coinbase searches its order list from there when the venue order id is unknown). */
  submittedAt: Date | null;
}

/**
 * Reads what reconciliation compares (on start and after any connector error, before trading): the venue's open
 * orders of `symbol`, each of our open orders by client order id (those not among the open orders: filled,
 * cancelled, rejected or never placed), and the account's balances. Requests go one after another (venue rate
 * limits). Errors are the connector's typed errors; nothing is written.
 */
export async function readVenueState(venue: ReconcilableVenue, symbol: string, localOrders: readonly LocalOrderToRead[]): Promise<VenueState> {
  const openOrders = await venue.fetchOpenOrders(symbol);
  const openIds = new Set(openOrders.map((order) => order.clientOrderId));
  const ordersByClientOrderId: Record<string, VenueOrderSnapshot | null> = {};
  for (const order of localOrders) {
    if (!openOrderStates.includes(order.state) || openIds.has(order.clientOrderId)) continue;
    ordersByClientOrderId[order.clientOrderId] = await venue.fetchOrder(order.clientOrderId, symbol, { venueOrderId: order.venueOrderId, submittedAt: order.submittedAt });
  }
  const balances = await venue.fetchBalance();
  return { openOrders, ordersByClientOrderId, balances };
}
