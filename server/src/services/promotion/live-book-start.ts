import type { EntityManager } from '@mikro-orm/postgresql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { cancelOpenOrders, lockDeploymentsInScope } from '../deployment/open-order-cancellation.ts';

/** The paper book a promotion into LIVE closed (kept in the promotion record's metrics snapshot). */
export interface ClosedPaperBook {
  /** Paper position closed, base units (negative = short); 0 when flat. */
  positionQuantity: number;
  averageEntryPrice: number;
  /** Equity marked at the last processed bar, quote currency: the LIVE book starts from it, all in cash. */
  equity: number;
  /** Unrealized paper P&L realized at that mark, quote currency. */
  realizedAtMark: number;
  /** Open paper orders cancelled. */
  ordersCancelled: number;
}

/**
 * PAPER → LIVE position carry-over (decision, docs/promotion-ladder.md): LIVE starts FLAT. The paper position was
 * never bought on the exchange, so it is not carried over: in the promotion's transaction the paper book is closed at
 * its last mark — open paper orders cancelled (through the order machine), position and entry price to 0, cash = the
 * marked equity, the unrealized paper P&L realized, the target in force 0 — and the exchange reconciliation is reset
 * (no baseline, not reconciled), so the runner reconciles with the venue before its first LIVE order, with a position
 * of 0 as the deployment's own, and then trades into the strategy's current target at the next bar with real orders.
 * Carrying the position instead would make the first reconciliation count exchange holdings that are not the
 * deployment's as its own (its baseline is the venue's total minus the position) and size exits against base units it
 * never bought. Locks the deployment row (after the portfolio lock, as every promotion does). `deployment` is the
 * managed entity the promotion moves.
 */
export async function closePaperBookForLive(em: EntityManager, deployment: Deployment, now: Date): Promise<ClosedPaperBook> {
  await lockDeploymentsInScope(em, { deploymentId: deployment.id });
  const { cancelled } = await cancelOpenOrders(em, { deploymentId: deployment.id }, 'flatten', 'promoted to LIVE: the paper book is closed, LIVE starts flat', now);
  await em.refresh(deployment);
  const closed: ClosedPaperBook = {
    positionQuantity: deployment.positionQuantity,
    averageEntryPrice: deployment.averageEntryPrice,
    equity: deployment.equity,
    realizedAtMark: deployment.equity - deployment.cash - deployment.positionQuantity * deployment.averageEntryPrice,
    ordersCancelled: cancelled.length,
  };
  deployment.realizedPnl += closed.realizedAtMark;
  deployment.cash = deployment.equity;
  deployment.positionQuantity = 0;
  deployment.averageEntryPrice = 0;
  deployment.targetInForce = 0;
  deployment.flattenRequestedAt = null;
  deployment.venueBaseBaseline = null;
  deployment.venueReconciledAt = null;
  await em.flush();
  return closed;
}
