import { describe, expect, it } from 'vitest';
import { DeploymentOrder } from '../../src/domain/deployment/deployment-order.entity.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { GlobalTradingState, globalTradingStateId } from '../../src/domain/deployment/global-trading-state.entity.ts';
import { KillSwitch } from '../../src/domain/deployment/kill-switch.entity.ts';
import { ConflictError, ValidationError } from '../../src/domain/errors.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { arrangeOrder } from '../support/deployment-orders.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Kill switches and the global trading state are platform-wide: each test gets its own database.
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const risk = (stepUp = false) => harness.servicesAs('rita@risk.test', ['risk'], { stepUp });
const production = (stepUp = true) => harness.servicesAs('pat@production.test', ['production'], { stepUp });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const statesOf = async (ids: string[]) => Object.fromEntries((await harness.orm.em.fork().find(DeploymentOrder, { id: { $in: ids } })).map((order) => [order.id, order.state]));

/** A running shadow deployment of the built-in SMA crossover and one of the built-in Donchian breakout. */
async function twoStrategiesRunning() {
  const sma = (await arrangeShadowDeployment(harness, { activationState: 'active' })).deployment;
  const donchian = await harness.orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('donchian_breakout') });
  const other = (await arrangeShadowDeployment(harness, { activationState: 'active', strategy: donchian.id })).deployment;
  return { sma, other, donchian };
}

describe('kill switch', () => {
  it('risk turns the global switch on without a second factor: open simulated orders everywhere are cancelled, history and audit record the reason', async () => {
    const { sma, other } = await twoStrategiesRunning();
    const orders = [await arrangeOrder(harness, sma.id, 'accepted'), await arrangeOrder(harness, other.id, 'new', 'shadow'), await arrangeOrder(harness, other.id, 'submitted', 'coinbase')];
    const turned = await (await risk()).killSwitches.turnOn({ reason: 'exchange halted withdrawals' });
    expect(turned).toMatchObject({ killSwitch: { scope: 'global', state: 'on', reason: 'exchange halted withdrawals' }, ordersCancelled: 2, ordersLeftForVenue: 1 });
    expect(await statesOf(orders.map((order) => order.id))).toEqual({ [orders[0]!.id]: 'canceled', [orders[1]!.id]: 'canceled', [orders[2]!.id]: 'submitted' });
    const events = await query<{ deployment_id: string; rule: string; evidence: Record<string, number> }>(`select deployment_id, rule, evidence from deployment_event where kind = 'orders_cancelled' order by deployment_id`);
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.rule === 'kill_switch')).toBe(true);
    const history = await query<{ from_state: string; to_state: string; reason: string; email: string }>(`select c.from_state, c.to_state, c.reason, u.email from kill_switch_change c join app_user u on u.id = c.changed_by_id`);
    expect(history).toEqual([{ from_state: 'off', to_state: 'on', reason: 'exchange halted withdrawals', email: 'rita@risk.test' }]);
    const [audit] = await query<{ actor_role: string; details: Record<string, unknown> }>(`select actor_role, details from audit_event where action = 'kill_switch.turned_on'`);
    expect(audit).toMatchObject({ actor_role: 'risk', details: { scope: 'global', from: 'off', to: 'on', reason: 'exchange halted withdrawals', ordersLeftForVenue: 1 } });
    // Production and risk are told at once (critical: a channel routed at critical pages someone).
    const told = await query<{ audience: string; severity: string; message: string }>(`select audience, severity, message from notification where kind = 'kill_switch.changed' order by audience`);
    expect(told.map((row) => [row.audience, row.severity])).toEqual([
      ['production', 'critical'],
      ['risk', 'critical'],
    ]);
    expect(told[0]!.message).toMatch(/^The global kill switch was turned on by .*: exchange halted withdrawals\. No order is placed in its scope until it is off \(\d+ simulated order\(s\) cancelled, 1 at an exchange cancelled by the runner\)\.$/);
    expect(await rejection((await risk()).killSwitches.turnOn({ reason: 'twice' }))).toMatchObject({ message: 'the global kill switch is already on' });
    expect((await (await risk()).killSwitches.listOn()).map((killSwitch) => killSwitch.scope)).toEqual(['global']);
  });

  it('turning it off needs production with a fresh step-up: risk is refused, production without a second factor too', async () => {
    await (await risk()).killSwitches.turnOn({ reason: 'drill' });
    expect(await rejection((await risk(true)).killSwitches.turnOff({ reason: 'drill over' }))).toMatchObject({ reason: 'ROLE' });
    expect(await rejection((await production(false)).killSwitches.turnOff({ reason: 'drill over' }))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    expect((await harness.orm.em.fork().findOneOrFail(KillSwitch, { scope: 'global' })).state).toBe('on');
    const off = await (await production()).killSwitches.turnOff({ reason: 'drill over' });
    expect(off.killSwitch).toMatchObject({ state: 'off', reason: 'drill over' });
    const denials = await query<{ actor_role: string; details: Record<string, unknown> }>(`select actor_role, details from audit_event where action = 'authorization.denied' order by sequence`);
    expect(denials.map((denial) => [denial.actor_role, denial.details.reason])).toEqual([['risk', 'ROLE'], ['production', 'STEP_UP_REQUIRED']]);
    expect((await query<{ action: string }>(`select action from audit_event where subject_type = 'KillSwitch' and action like 'kill_switch.%' order by sequence`)).map((row) => row.action)).toEqual(['kill_switch.turned_on', 'kill_switch.turned_off']);
  });

  it('a strategy’s switch is created on first use and cancels only that strategy’s orders; research may not touch it', async () => {
    const { sma, other, donchian } = await twoStrategiesRunning();
    const mine = await arrangeOrder(harness, other.id, 'accepted');
    const notMine = await arrangeOrder(harness, sma.id, 'accepted');
    const research = await harness.servicesAs('ada@research.test', ['research'], { stepUp: true });
    expect(await rejection(research.killSwitches.turnOn({ strategyId: donchian.id, reason: 'runaway' }))).toMatchObject({ reason: 'ROLE' });
    expect(await rejection((await production()).killSwitches.turnOff({ strategyId: donchian.id, reason: 'never on' }))).toBeInstanceOf(ConflictError);
    const turned = await (await production(false)).killSwitches.turnOn({ strategyId: donchian.id, reason: 'runaway position' });
    expect(turned).toMatchObject({ killSwitch: { scope: 'strategy', state: 'on' }, ordersCancelled: 1 });
    expect(await statesOf([mine.id, notMine.id])).toEqual({ [mine.id]: 'canceled', [notMine.id]: 'accepted' });
    const switches = await (await risk()).killSwitches.list();
    expect(switches.map((killSwitch) => [killSwitch.scope, killSwitch.strategy?.code ?? null, killSwitch.state])).toEqual([['global', null, 'off'], ['strategy', donchian.code, 'on']]);
    expect(await rejection((await risk()).killSwitches.turnOn({ strategyId: 'not-an-id', reason: 'x y z' }))).toBeInstanceOf(ValidationError);
  });
});

describe('global trading state', () => {
  it('flatten: REDUCING everywhere, every deployment holding a position gets a flatten request, open orders cancelled', async () => {
    const holding = (await arrangeShadowDeployment(harness, { activationState: 'active', positionQuantity: 0.2, averageEntryPrice: 40_000 })).deployment;
    const flat = (await arrangeShadowDeployment(harness, { activationState: 'active' })).deployment;
    const order = await arrangeOrder(harness, flat.id, 'accepted');
    const state = await (await production()).deploymentControl.flattenTrading('desk-wide de-risking');
    expect(state.tradingState).toBe('reducing');
    const em = harness.orm.em.fork();
    expect((await em.findOneOrFail(Deployment, { id: holding.id })).flattenRequestedAt).toBeInstanceOf(Date);
    expect((await em.findOneOrFail(Deployment, { id: flat.id })).flattenRequestedAt).toBeNull();
    expect((await statesOf([order.id]))[order.id]).toBe('canceled');
    const [audit] = await query<{ details: Record<string, unknown> }>(`select details from audit_event where action = 'trading.flatten_requested'`);
    expect(audit!.details).toMatchObject({ tradingState: { from: 'active', to: 'reducing' }, deploymentsFlattened: [holding.id], reason: 'desk-wide de-risking' });
    // Production and risk are told (critical), naming who and why.
    const told = await query<{ audience: string; severity: string; message: string }>(`select audience, severity, message from notification where kind = 'trading.state_changed' order by audience`);
    expect(told.map((row) => [row.audience, row.severity])).toEqual([
      ['production', 'critical'],
      ['risk', 'critical'],
    ]);
    expect(told[0]!.message).toMatch(/^All trading set to flatten: every position is being closed, no new one opens — by .*: desk-wide de-risking\.$/);
  });

  it('halt cancels every open simulated order and applies on top of each deployment; resume returns to ACTIVE; both production actions', async () => {
    const { sma, other } = await twoStrategiesRunning();
    const orders = [await arrangeOrder(harness, sma.id, 'accepted'), await arrangeOrder(harness, other.id, 'partially_filled')];
    expect(await rejection((await production(false)).deploymentControl.haltTrading('market-wide outage'))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    expect(await rejection((await risk(true)).deploymentControl.haltTrading('market-wide outage'))).toMatchObject({ reason: 'ROLE' });
    const halted = await (await production()).deploymentControl.haltTrading('market-wide outage');
    expect(halted).toMatchObject({ tradingState: 'halted', reason: 'market-wide outage' });
    expect(Object.values(await statesOf(orders.map((order) => order.id)))).toEqual(['canceled', 'canceled']);
    expect(await rejection((await production()).deploymentControl.haltTrading('again'))).toMatchObject({ message: 'the global trading state is already halted' });
    expect((await (await production()).deploymentControl.resumeTrading('outage over')).tradingState).toBe('active');
    expect((await harness.orm.em.fork().findOneOrFail(GlobalTradingState, { id: globalTradingStateId })).tradingState).toBe('active');
    expect((await query<{ action: string; details: Record<string, unknown> }>(`select action, details from audit_event where subject_type = 'GlobalTradingState' order by sequence`)).map((row) => [row.action, row.details.reason])).toEqual([
      ['trading.halted', 'market-wide outage'],
      ['trading.resumed', 'outage over'],
    ]);
  });
});
