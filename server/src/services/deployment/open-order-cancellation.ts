import type { EntityManager } from '@mikro-orm/postgresql';
import { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { openOrderStates, orderStateLifecycle } from '../../domain/deployment/order-state.lifecycle.ts';
import { isExchangeVenue } from '../../domain/deployment/venues.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { deploymentBarJobKeyPrefix } from './runner-settings.ts';

/** Which deployments' open orders to cancel: one deployment, one strategy's deployments, or every deployment. */
export type CancellationScope = { deploymentId: string } | { strategyId: string } | 'all';

/** What cancelling found per scope: simulated orders cancelled now, exchange orders left to the runner's venue cancel. */
export interface CancellationResult {
  /** Orders of the simulated venues (`shadow`, `paper`) moved to CANCELED in this transaction. */
  cancelled: DeploymentOrder[];
  /**
   * Open orders at a real exchange (LIVE): a venue call cannot happen inside this transaction. A job of the
   * deployment is queued now (in this transaction): the runner cancels them at the venue before anything else
   * (`LiveOrderPath.cancelAtVenue`; the kill switch, trading state or flatten it reads says so).
   */
  leftForVenue: number;
}

/** Deployment states whose bars the runner may still process (their rows are locked first, see {@link lockDeploymentsInScope}). */
const liveActivationStates = ['pending', 'active', 'paused'] as const;

/**
 * Locks the rows of the deployments in `scope` that the runner may still process (`SELECT … FOR UPDATE`, in id
 * order), inside the caller's transaction. The runner processes a bar with its deployment's row locked, so once this
 * returns no bar transaction of these deployments is in flight: orders it placed are committed and visible, and the
 * next one reads the change this transaction makes (kill switch, trading state). Call it before locking the kill
 * switch or trading-state row (the runner's order: deployment, then those).
 */
export async function lockDeploymentsInScope(em: EntityManager, scope: CancellationScope): Promise<string[]> {
  const where = scope === 'all' ? '' : 'deploymentId' in scope ? 'and id = ?' : 'and strategy_id = ?';
  const parameters = scope === 'all' ? [] : ['deploymentId' in scope ? scope.deploymentId : scope.strategyId];
  const rows = await em.execute<{ id: string }[]>(
    `select id from deployment where activation_state in (${liveActivationStates.map(() => '?').join(', ')}) ${where} order by id for update`,
    [...liveActivationStates, ...parameters],
  );
  return rows.map((row) => row.id);
}

/**
 * Cancels the open orders (`openOrderStates`) of the simulated venues in `scope`, in the caller's transaction, each
 * through the order machine: state CANCELED with `reason`, one `DEPLOYMENT_ORDER_UPDATED` event each, and one
 * `orders_cancelled` deployment event per deployment that had any (evidence: how many, and the exchange orders left
 * to the runner). Orders at a real exchange are counted, not touched (see {@link CancellationResult.leftForVenue}).
 * Lock the scope first ({@link lockDeploymentsInScope}).
 * @param cause short name of why, kept in the event's evidence (`kill_switch`, `halt`, `flatten`).
 */
export async function cancelOpenOrders(em: EntityManager, scope: CancellationScope, cause: 'kill_switch' | 'halt' | 'flatten', reason: string, now: Date): Promise<CancellationResult> {
  const deploymentFilter = scope === 'all' ? {} : 'deploymentId' in scope ? { deployment: scope.deploymentId } : { deployment: { strategy: scope.strategyId } };
  const open = await em.find(DeploymentOrder, { state: { $in: [...openOrderStates] }, ...deploymentFilter }, { orderBy: { id: 'asc' }, refresh: true });
  const cancelled: DeploymentOrder[] = [];
  const perDeployment = new Map<string, { cancelled: number; leftForVenue: number }>();
  for (const order of open) {
    const counts = perDeployment.get(order.deployment.id) ?? { cancelled: 0, leftForVenue: 0 };
    perDeployment.set(order.deployment.id, counts);
    if (isExchangeVenue(order.venue)) {
      counts.leftForVenue += 1;
      continue;
    }
    const refusal = orderStateLifecycle.refusal(order.state, 'canceled', undefined, `order ${order.clientOrderId}`);
    if (refusal !== null) throw new Error(refusal);
    order.state = 'canceled';
    order.reason = reason;
    counts.cancelled += 1;
    cancelled.push(order);
  }
  await em.flush();
  for (const [deploymentId, counts] of perDeployment) {
    const left = counts.leftForVenue > 0 ? `; ${counts.leftForVenue} open at the exchange are cancelled by the runner through the venue` : '';
    em.create(DeploymentEvent, {
      deployment: em.getReference(Deployment, deploymentId),
      occurredAt: now,
      barAt: null,
      category: 'runtime',
      kind: 'orders_cancelled',
      rule: cause === 'kill_switch' ? 'kill_switch' : cause === 'halt' ? 'trading_state' : null,
      threshold: null,
      measured: null,
      message: `${counts.cancelled} open order${counts.cancelled === 1 ? '' : 's'} cancelled: ${reason}${left}`,
      order: null,
      evidence: { cause, cancelled: counts.cancelled, leftForVenue: counts.leftForVenue },
    });
  }
  await em.flush();
  for (const [deploymentId, counts] of perDeployment) if (counts.leftForVenue > 0) await queueVenueCancel(em, deploymentId);
  for (const order of cancelled) await publishEvent(em, 'DEPLOYMENT_ORDER_UPDATED', { id: order.id, deploymentId: order.deployment.id, state: order.state });
  return { cancelled, leftForVenue: [...perDeployment.values()].reduce((sum, counts) => sum + counts.leftForVenue, 0) };
}

/** Queues the deployment's runner job now (a job key of its own) so its exchange orders are cancelled at once. */
async function queueVenueCancel(em: EntityManager, deploymentId: string): Promise<void> {
  await enqueueJob(em, 'process_deployment_bars', { deploymentId }, { jobKey: `${deploymentBarJobKeyPrefix(deploymentId)}cancel`, jobKeyMode: 'replace' });
}
