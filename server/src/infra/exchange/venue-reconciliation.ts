import { openOrderStates, type OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { VenueBalances, VenueOrderSnapshot } from '../../domain/deployment/venue.ts';
import type { OrderSide } from '../../domain/deployment/venues.ts';

/** One of our orders as the deployment records it (quantities base units). */
export interface LocalOrder {
  clientOrderId: string;
  side: OrderSide;
  state: OrderState;
  /** Base units filled so far, as recorded. */
  filledQuantity: number;
  venueOrderId: string | null;
}

/** What the deployment believes it holds on the venue for one symbol (`BASE/QUOTE`). */
export interface LocalHoldings {
  symbol: string;
  /** Base units the deployment holds (spot: ≥ 0). */
  position: number;
  /** Quote currency the deployment holds; null when the account's cash is not the deployment's alone. */
  cash: number | null;
}

/** The venue's side of the picture, as read by `readVenueState`. */
export interface VenueState {
  /** The venue's open orders of the symbol. */
  openOrders: VenueOrderSnapshot[];
  /**
   * Each local open order read by client order id: its snapshot, or null when the venue does not know it. An order
   * absent here and from `openOrders` was not checked.
   */
  ordersByClientOrderId: Readonly<Record<string, VenueOrderSnapshot | null>>;
  balances: VenueBalances;
}

/** Tolerances and the share of the account that is not the deployment's. */
export interface ReconciliationOptions {
  /** Base units below which position and fill differences are rounding (default 1e-8, one satoshi). */
  quantityTolerance?: number;
  /** Quote units below which cash differences are rounding (default 0.01). */
  cashTolerance?: number;
  /** Base units of the account that are not the deployment's (other holdings in the same account); default 0. */
  baseBaseline?: number;
  /** Quote units of the account that are not the deployment's; default 0. */
  quoteBaseline?: number;
}

/** A local open order whose venue state or fill differs: apply `to` (through the order machine) and the fill change. */
export interface OrderUpdate {
  clientOrderId: string;
  from: OrderState;
  to: OrderState;
  /** Venue filled − recorded filled, base units (> 0: fills we have not recorded). */
  filledQuantityChange: number;
  venue: VenueOrderSnapshot;
}

/** Differences between our records and the venue; the runner persists them (nothing here writes). */
export interface VenueReconciliation {
  orderUpdates: OrderUpdate[];
  /** Local open orders the venue does not know: never placed (new/submitted/unresolved), or lost (accepted/partially filled). */
  missingAtVenue: { clientOrderId: string; localState: OrderState }[];
  /** Local open orders the venue answered for with a status we cannot act on: still unresolved. */
  stillUnresolved: { clientOrderId: string; venue: VenueOrderSnapshot }[];
  /** Local open orders neither read nor among the venue's open orders. */
  unchecked: string[];
  /** Open orders at the venue that are none of ours (placed by hand or by another system). */
  unknownAtVenue: VenueOrderSnapshot[];
  position: {
    currency: string;
    local: number;
    /** Venue total of the base currency minus `baseBaseline`. */
    venue: number;
    /** Local position plus the signed fill changes of `orderUpdates` (buys add, sells subtract). */
    expectedAfterUpdates: number;
    /** venue − expectedAfterUpdates: what the order updates do not explain (e.g. fees charged in the base currency). */
    unexplained: number;
  };
  /** Null when local cash is not tracked. */
  cash: { currency: string; local: number; venue: number; difference: number } | null;
  /** True when there is nothing to apply and no unexplained difference. */
  inSync: boolean;
}

/**
 * Compares our open orders and holdings with the venue's (pure: no I/O, no clock). Orders are matched by client
 * order id; balances by the symbol's base and quote currencies.
 * @throws Error when `symbol` is not `BASE/QUOTE`.
 */
export function reconcileWithVenue(localOrders: readonly LocalOrder[], holdings: LocalHoldings, venue: VenueState, options: ReconciliationOptions = {}): VenueReconciliation {
  const quantityTolerance = options.quantityTolerance ?? 1e-8;
  const cashTolerance = options.cashTolerance ?? 0.01;
  const [base, quote] = holdings.symbol.split('/');
  if (!base || !quote) throw new Error(`symbol must be BASE/QUOTE, got "${holdings.symbol}"`);

  const venueOpenById = new Map(venue.openOrders.map((order) => [order.clientOrderId, order]));
  const orderUpdates: OrderUpdate[] = [];
  const missingAtVenue: VenueReconciliation['missingAtVenue'] = [];
  const stillUnresolved: VenueReconciliation['stillUnresolved'] = [];
  const unchecked: string[] = [];
  for (const local of localOrders) {
    if (!openOrderStates.includes(local.state)) continue;
    const read = Object.hasOwn(venue.ordersByClientOrderId, local.clientOrderId) ? venue.ordersByClientOrderId[local.clientOrderId] : undefined;
    const snapshot = read ?? venueOpenById.get(local.clientOrderId);
    if (snapshot === undefined) {
      if (read === null) missingAtVenue.push({ clientOrderId: local.clientOrderId, localState: local.state });
      else unchecked.push(local.clientOrderId);
      continue;
    }
    if (snapshot.status === 'unresolved') {
      stillUnresolved.push({ clientOrderId: local.clientOrderId, venue: snapshot });
      continue;
    }
    const filledQuantityChange = snapshot.filledQuantity - local.filledQuantity;
    if (snapshot.status !== local.state || Math.abs(filledQuantityChange) > quantityTolerance) {
      orderUpdates.push({ clientOrderId: local.clientOrderId, from: local.state, to: snapshot.status, filledQuantityChange, venue: snapshot });
    }
  }

  const ours = new Set(localOrders.map((order) => order.clientOrderId));
  const unknownAtVenue = venue.openOrders.filter((order) => !ours.has(order.clientOrderId));

  const sideOf = new Map(localOrders.map((order) => [order.clientOrderId, order.side]));
  const fillChange = orderUpdates.reduce((sum, update) => sum + (sideOf.get(update.clientOrderId) === 'sell' ? -1 : 1) * update.filledQuantityChange, 0);
  const venuePosition = totalOf(venue.balances, base) - (options.baseBaseline ?? 0);
  const expectedAfterUpdates = holdings.position + fillChange;
  const unexplained = venuePosition - expectedAfterUpdates;

  const cash =
    holdings.cash === null
      ? null
      : (() => {
          const venueCash = totalOf(venue.balances, quote) - (options.quoteBaseline ?? 0);
          return { currency: quote, local: holdings.cash, venue: venueCash, difference: venueCash - holdings.cash };
        })();

  const inSync =
    orderUpdates.length === 0 &&
    missingAtVenue.length === 0 &&
    stillUnresolved.length === 0 &&
    unchecked.length === 0 &&
    unknownAtVenue.length === 0 &&
    Math.abs(unexplained) <= quantityTolerance &&
    (cash === null || Math.abs(cash.difference) <= cashTolerance);

  return {
    orderUpdates,
    missingAtVenue,
    stillUnresolved,
    unchecked,
    unknownAtVenue,
    position: { currency: base, local: holdings.position, venue: venuePosition, expectedAfterUpdates, unexplained },
    cash,
    inSync,
  };
}

function totalOf(balances: VenueBalances, currency: string): number {
  return Object.hasOwn(balances, currency) ? balances[currency]!.total : 0;
}
