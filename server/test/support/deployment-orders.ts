import { randomBytes } from 'node:crypto';
import { DeploymentOrder } from '../../src/domain/deployment/deployment-order.entity.ts';
import type { OrderState } from '../../src/domain/deployment/order-state.lifecycle.ts';
import type { ExecutionVenue } from '../../src/domain/deployment/venues.ts';
import type { ServiceTestHarness } from './test-services.ts';

/**
 * An order of `deploymentId` in `state` at `venue` (a market buy of 0.1 at 42,000, decided 2024-01-01), written
 * directly as the runner would have left it; a partially filled one has 0.04 filled. Its client order id is unique.
 */
export async function arrangeOrder(harness: ServiceTestHarness, deploymentId: string, state: OrderState, venue: ExecutionVenue = 'paper'): Promise<DeploymentOrder> {
  const em = harness.orm.em.fork();
  const filledQuantity = state === 'partially_filled' ? 0.04 : state === 'filled' ? 0.1 : 0;
  const order = em.create(DeploymentOrder, {
    deployment: deploymentId,
    clientOrderId: `t-${randomBytes(12).toString('hex')}`,
    decisionBarAt: new Date('2024-01-01T00:00:00Z'),
    intent: 'rebalance',
    stage: venue === 'shadow' ? 'shadow' : venue === 'paper' ? 'paper' : 'live',
    venue,
    side: 'buy',
    orderType: 'market',
    quantity: 0.1,
    referencePrice: 42_000,
    state,
    filledQuantity,
    fillRatio: filledQuantity / 0.1,
  });
  await em.flush();
  return order;
}
