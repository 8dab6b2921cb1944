import { describe, expect, it } from 'vitest';
import { DeploymentEvent } from '../../src/domain/deployment/deployment-event.entity.ts';
import { DeploymentFill } from '../../src/domain/deployment/deployment-fill.entity.ts';
import { DeploymentOrder } from '../../src/domain/deployment/deployment-order.entity.ts';
import { GlobalTradingState, globalTradingStateId } from '../../src/domain/deployment/global-trading-state.entity.ts';
import { KillSwitch } from '../../src/domain/deployment/kill-switch.entity.ts';
import { PnlSnapshot } from '../../src/domain/deployment/pnl-snapshot.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

/** A filled shadow order with one fill, a P&L snapshot and an event, written as the app role. */
async function arrangeFilledOrder(clientOrderId: string) {
  const { deployment } = await arrangeShadowDeployment(harness);
  const em = harness.orm.em.fork();
  const barAt = new Date('2024-01-02T00:00:00Z');
  const order = em.create(DeploymentOrder, {
    deployment: deployment.id, clientOrderId, decisionBarAt: new Date('2024-01-01T00:00:00Z'), intent: 'rebalance', stage: 'shadow', venue: 'shadow',
    side: 'buy', orderType: 'market', quantity: 0.2, referencePrice: 42_000, state: 'filled', filledQuantity: 0.2, fillRatio: 1, averagePrice: 42_021, fees: 8.4,
  });
  em.create(DeploymentFill, { deployment: deployment.id, order, sequence: 1, side: 'buy', quantity: 0.2, price: 42_021, fee: 8.4, liquidity: 'taker', barAt, filledAt: barAt });
  em.create(PnlSnapshot, { deployment: deployment.id, barAt, equity: 9_990, cash: 1_586, realizedPnl: -8.4, unrealizedPnl: -1.6, fees: 8.4, drawdown: -0.001, exposure: 0.84, returnFraction: -0.001 });
  em.create(DeploymentEvent, { deployment: deployment.id, occurredAt: new Date(), barAt, category: 'data_integrity', kind: 'invalid_bar', message: 'bar 2024-01-03: close is NaN', evidence: { close: 'NaN' } });
  await em.flush();
  return { deployment, order };
}

describe('deployment data model', () => {
  it('starts with the global kill switch off and the global trading state active', async () => {
    const em = harness.orm.em.fork();
    expect(await em.find(KillSwitch, { scope: 'global' })).toMatchObject([{ state: 'off', strategy: null }]);
    expect(await em.findOneOrFail(GlobalTradingState, { id: globalTradingStateId })).toMatchObject({ tradingState: 'active' });
    await as(harness.database.appUrl, async (client) => {
      await expect(client.query(`insert into kill_switch (id, scope, state) values (gen_random_uuid(), 'global', 'on')`)).rejects.toThrow(/kill_switch_global_index/);
      await expect(client.query(`insert into global_trading_state (id, trading_state) values ('other', 'halted')`)).rejects.toThrow(/single_row_check/);
    });
  });

  it('a client order id exists once: a retried insert of the same order is refused by the database', async () => {
    const { deployment, order } = await arrangeFilledOrder('d1-20240101-rebalance');
    const em = harness.orm.em.fork();
    em.create(DeploymentOrder, {
      deployment: deployment.id, clientOrderId: order.clientOrderId, decisionBarAt: order.decisionBarAt, intent: 'rebalance', stage: 'shadow', venue: 'shadow',
      side: 'buy', orderType: 'market', quantity: 0.2, referencePrice: 42_000,
    });
    await expect(em.flush()).rejects.toThrow(/deployment_order_client_order_id_unique/);
    await as(harness.database.appUrl, async (client) => {
      await expect(client.query(`update deployment_order set client_order_id = 'has spaces' where id = $1`, [order.id])).rejects.toThrow(/client_order_id_check/);
      await expect(client.query(`update deployment_order set state = 'denied' where id = $1`, [order.id])).rejects.toThrow(/deployment_order_denied_check/);
      await expect(client.query(`update deployment_order set state = 'teleported' where id = $1`, [order.id])).rejects.toThrow(/deployment_order_state_check/);
    });
  });

  it('fills, events, snapshots and signals cannot be changed or removed', async () => {
    const { deployment } = await arrangeFilledOrder('d2-20240101-rebalance');
    await as(harness.database.appUrl, async (client) => {
      for (const table of ['deployment_fill', 'deployment_event', 'pnl_snapshot', 'position_snapshot', 'deployment_signal', 'kill_switch_change']) {
        await expect(client.query(`update ${table} set ${table === 'kill_switch_change' ? 'reason = reason' : 'deployment_id = deployment_id'}`)).rejects.toThrow(/permission denied/);
        await expect(client.query(`delete from ${table}`)).rejects.toThrow(/permission denied/);
      }
      expect((await client.query('select count(*)::int as count from deployment_fill where deployment_id = $1', [deployment.id])).rows[0].count).toBe(1);
    });
    await as(harness.database.ownerUrl, async (client) => {
      await expect(client.query(`update deployment_fill set price = 1 where deployment_id = $1`, [deployment.id])).rejects.toThrow(/immutable: UPDATE/);
      await expect(client.query(`delete from pnl_snapshot where deployment_id = $1`, [deployment.id])).rejects.toThrow(/immutable: DELETE/);
      await expect(client.query('truncate deployment_event')).rejects.toThrow(/immutable: TRUNCATE/);
    });
  });

  it('refuses an inconsistent configuration: a replay without its dataset, a limit order type without its offset, an allocation above 1', async () => {
    const { deployment } = await arrangeShadowDeployment(harness);
    await as(harness.database.appUrl, async (client) => {
      await expect(client.query(`update deployment set replay_dataset_id = null where id = $1`, [deployment.id])).rejects.toThrow(/deployment_feed_check/);
      await expect(client.query(`update deployment set order_type = 'limit' where id = $1`, [deployment.id])).rejects.toThrow(/deployment_limit_offset_check/);
      await expect(client.query(`update deployment set capital_allocation = 1.5 where id = $1`, [deployment.id])).rejects.toThrow(/deployment_limits_check/);
      await expect(client.query(`update deployment set health = 'degraded' where id = $1`, [deployment.id])).rejects.toThrow(/deployment_degraded_reason_check/);
      await client.query(`update deployment set health = 'degraded', health_reason = 'stale_feed' where id = $1`, [deployment.id]);
    });
  });
});
