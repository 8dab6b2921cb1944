import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runnerFor } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

// Kill switches and the global trading state are platform-wide: each test gets its own database.
const harness = useServiceHarness({ database: 'test' });

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const risk = () => harness.servicesAs('rita@risk.test', ['risk']);
const production = () => harness.servicesAs('pat@production.test', ['production'], { stepUp: true });

/** How many other sessions of this test's database wait for a lock (a use-case under test, blocked). */
async function sessionsWaitingForALock(): Promise<number> {
  const [row] = await query<{ waiting: number }>(`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`);
  return row!.waiting;
}

const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value, error: null }), (error: unknown) => ({ value: null, error: error as Error & { code?: string } }));

/** Two running SHADOW deployments of one strategy (the SMA crossover, 2/4: it trades on most bars), by id; `overrides` on both. */
async function twoDeploymentsOfOneStrategy(overrides: Parameters<typeof arrangeShadowDeployment>[1] = {}) {
  const a = await arrangeShadowDeployment(harness, { activationState: 'active', ...overrides }, { parameters: { fastPeriod: 2, slowPeriod: 4 } });
  const b = await arrangeShadowDeployment(harness, { activationState: 'active', ...overrides }, { parameters: { fastPeriod: 2, slowPeriod: 4 } });
  const [first, second] = [a.deployment, b.deployment].sort((x, y) => x.id.localeCompare(y.id));
  return { strategyId: a.strategy.id, first: first!, second: second! };
}

/**
 * A use-case that locks every deployment in its scope (in id order), then changes a gate row (a kill switch, the
 * global trading state) — turning a switch on, halting all trading — runs while a bar job of the first deployment
 * starts. The second deployment's row is held by another transaction (a bar job of it in flight): the use-case holds
 * the first deployment's row and waits there, before touching the gate row. The bar job of the first deployment then
 * starts and waits for the use-case. Once the other transaction commits the use-case changes the gate row and
 * commits; the bar job runs after it and reads the gate as it committed. Under the old lock order the bar job read its
 * gate rows FOR SHARE before locking its deployment row (sub-selects of the locking statement are evaluated below its
 * row lock): the use-case's gate update waited for the bar job, which waited for the use-case — 40P01.
 */
async function gateChangeWhileABarJobWaits({ first, second }: { first: Deployment; second: Deployment }, change: () => Promise<unknown>): Promise<void> {
  const clock = makeManualClock('2026-12-01T00:00:00Z');
  let outcomes: Promise<[{ error: (Error & { code?: string }) | null }, { error: (Error & { code?: string }) | null }]> | null = null;
  await harness.orm.em.fork().transactional(async (em) => {
    await em.execute('select 1 from deployment where id = ? for no key update', [second.id]);
    const changing = settled(change());
    await waitUntil('the gate change to wait for the second deployment', async () => (await sessionsWaitingForALock()) === 1);
    const job = settled(runnerFor(harness, clock, { deploymentBatchBars: 300 }).processBars(first.id));
    await waitUntil('the bar job to wait for the gate change', async () => (await sessionsWaitingForALock()) === 2);
    outcomes = Promise.all([changing, job]);
  });
  const [changed, job] = await outcomes!;
  expect(changed.error?.message ?? null).toBeNull();
  expect(job.error?.message ?? null).toBeNull();
}

/** The bar job's orders (none may be placed), its refusals by rule, and the bars it processed. */
async function jobRecordOf(deploymentId: string) {
  const [row] = await query<{ orders: number; kill_switch: number; trading_state: number }>(
    `select (select count(*)::int from deployment_order where deployment_id = ? and state <> 'denied') as orders,
            (select count(*)::int from deployment_event where deployment_id = ? and kind = 'order_refused' and rule = 'kill_switch') as kill_switch,
            (select count(*)::int from deployment_event where deployment_id = ? and kind = 'order_refused' and rule = 'trading_state') as trading_state`,
    [deploymentId, deploymentId, deploymentId],
  );
  const deployment = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deploymentId });
  return { ...row!, processed: deployment.lastProcessedBarAt !== null };
}

describe('a bar job and a gate change at once: one lock order (the deployment row, then the gate rows)', () => {
  it('the global kill switch turned on: no deadlock, the job reads the switch on and places no order', async () => {
    const deployments = await twoDeploymentsOfOneStrategy();
    await gateChangeWhileABarJobWaits(deployments, async () => (await risk()).killSwitches.turnOn({ reason: 'drill: lock order' }));
    const { first } = deployments;
    const record = await jobRecordOf(first.id);
    expect(record).toMatchObject({ orders: 0, trading_state: 0, processed: true });
    expect(record.kill_switch).toBeGreaterThan(5);
  });

  it('a strategy’s kill switch turned on: no deadlock, the job reads the switch on and places no order', async () => {
    const deployments = await twoDeploymentsOfOneStrategy();
    const { strategyId, first } = deployments;
    // The strategy's switch exists (off), as after it was once turned on and off.
    await query(`insert into kill_switch (id, scope, strategy_id, state) values (gen_random_uuid(), 'strategy', ?, 'off')`, [strategyId]);
    await gateChangeWhileABarJobWaits(deployments, async () => (await risk()).killSwitches.turnOn({ strategyId, reason: 'drill: lock order' }));
    const record = await jobRecordOf(first.id);
    expect(record).toMatchObject({ orders: 0, processed: true });
    expect(record.kill_switch).toBeGreaterThan(5);
  });

  it('a strategy’s kill switch created on first use while the job waits: the job reads it on (its gates are read after its row lock)', async () => {
    const deployments = await twoDeploymentsOfOneStrategy();
    const { strategyId, first } = deployments;
    expect(await query(`select 1 from kill_switch where strategy_id = ?`, [strategyId])).toEqual([]);
    await gateChangeWhileABarJobWaits(deployments, async () => (await risk()).killSwitches.turnOn({ strategyId, reason: 'drill: first use' }));
    const record = await jobRecordOf(first.id);
    expect(record).toMatchObject({ orders: 0, processed: true });
    expect(record.kill_switch).toBeGreaterThan(5);
  });

  it('all trading halted: no deadlock, the job reads HALTED and places no order', async () => {
    const deployments = await twoDeploymentsOfOneStrategy();
    await gateChangeWhileABarJobWaits(deployments, async () => (await production()).deploymentControl.haltTrading('drill: lock order'));
    const { first } = deployments;
    const record = await jobRecordOf(first.id);
    expect(record).toMatchObject({ orders: 0, kill_switch: 0, processed: true });
    expect(record.trading_state).toBeGreaterThan(5);
  });

  it('all trading flattened: no deadlock, the job reads REDUCING and its flatten request — closes its position, opens none', async () => {
    // Both hold a long position (0.1 BTC bought at 10 000): flattenTrading requests a flatten of each.
    const deployments = await twoDeploymentsOfOneStrategy({ positionQuantity: 0.1, averageEntryPrice: 10_000, cash: 9_000 });
    await gateChangeWhileABarJobWaits(deployments, async () => (await production()).deploymentControl.flattenTrading('drill: lock order'));
    const { first } = deployments;
    const record = await jobRecordOf(first.id);
    expect(record).toMatchObject({ kill_switch: 0, processed: true });
    // Once flat, every buy the crossover asks for is refused by the global REDUCING state.
    expect(record.trading_state).toBeGreaterThan(5);
    const orders = await query<{ intent: string; side: string; state: string; quantity: number }>(`select intent, side, state, quantity::float8 as quantity from deployment_order where deployment_id = ? and state <> 'denied'`, [first.id]);
    expect(orders).toEqual([{ intent: 'flatten', side: 'sell', state: 'filled', quantity: 0.1 }]);
    const after = await harness.orm.em.fork().findOneOrFail(Deployment, { id: first.id });
    expect({ positionQuantity: after.positionQuantity, flattenRequestedAt: after.flattenRequestedAt }).toEqual({ positionQuantity: 0, flattenRequestedAt: null });
    const [global] = await query<{ trading_state: string }>(`select trading_state from global_trading_state where id = 'global'`);
    expect(global!.trading_state).toBe('reducing');
  });
});
