import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentAccount } from '../../engine/index.ts';

/** The engine's account from the deployment's runner columns. */
export function accountOf(deployment: Deployment): DeploymentAccount {
  return {
    initialEquity: deployment.initialEquity,
    cash: deployment.cash,
    quantity: deployment.positionQuantity,
    targetInForce: deployment.targetInForce,
    averageEntryPrice: deployment.averageEntryPrice,
    realizedPnl: deployment.realizedPnl,
    fees: deployment.feesPaid,
    equity: deployment.equity,
    peakEquity: deployment.peakEquity,
    lastBarTime: deployment.lastAcceptedBarAt?.getTime() ?? null,
    liquidated: deployment.liquidated,
  };
}

/** Writes the engine's account back to the deployment's runner columns (flushed by the caller). */
export function applyAccount(deployment: Deployment, account: DeploymentAccount): void {
  deployment.cash = account.cash;
  deployment.positionQuantity = account.quantity;
  deployment.targetInForce = account.targetInForce;
  deployment.averageEntryPrice = account.averageEntryPrice;
  deployment.realizedPnl = account.realizedPnl;
  deployment.feesPaid = account.fees;
  deployment.equity = account.equity;
  deployment.peakEquity = account.peakEquity;
  deployment.liquidated = account.liquidated;
}
