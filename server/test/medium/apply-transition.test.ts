import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../src/domain/errors.ts';
import { newId } from '../../src/domain/ids.ts';
import { applyTransition } from '../../src/domain/lifecycle/apply-transition.ts';
import { defineStateMachine } from '../../src/domain/lifecycle/state-machine.ts';
import { Strategy, type LifecycleState } from '../../src/domain/strategy/strategy.entity.ts';
import { strategyLifecycle } from '../../src/domain/strategy/strategy.lifecycle.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

/** A strategy row of its own in `state`, straight through the ORM. */
async function strategyIn(state: LifecycleState): Promise<string> {
  const em = harness.orm.em.fork();
  const owner = em.create(User, { email: `owner-${newId()}@lifecycle.test`, displayName: 'owner', roles: ['research'], kind: 'human' });
  const strategy = em.create(Strategy, {
    code: `lifecycle-${newId()}`,
    name: 'lifecycle test',
    objective: 'test the lifecycle mechanism',
    owner,
    eligibleMarkets: ['BTC-USD'],
    riskCategory: 'low',
    capitalGuardrails: {},
    lifecycleState: state,
  });
  await em.flush();
  return strategy.id;
}

const stateOf = async (id: string) => (await harness.orm.em.fork().findOneOrFail(Strategy, { id })).lifecycleState;
const gates = { hasApprovedVersion: true, meetsProductionStandard: true, hasApprovedPromotion: true };

/** Resolves once some backend waits for a row lock (the second transaction is queued behind the first). */
async function untilSomeoneWaitsForALock(): Promise<void> {
  const database = harness.database.url.split('/').pop()!.split('?')[0];
  for (;;) {
    const [row] = await harness.orm.em.fork().execute<{ waiting: number }[]>(
      `select count(*)::int as waiting from pg_stat_activity where datname = ? and wait_event_type = 'Lock'`,
      [database],
    );
    if (row!.waiting > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('applyTransition', () => {
  it('moves the row, applies the change and flushes, reporting where it came from', async () => {
    const id = await strategyIn('research');
    const result = await harness.orm.em.fork().transactional((em) =>
      applyTransition(em, strategyLifecycle, { entity: Strategy, id, field: 'lifecycleState', to: 'validation', evidence: () => gates, change: (row) => {
        row.dependencyNotes = 'moved';
      } }),
    );
    expect(result).toMatchObject({ from: 'research', changed: true, row: { lifecycleState: 'validation', dependencyNotes: 'moved' } });
    expect(await stateOf(id)).toBe('validation');
  });

  it('refuses with the machine reason and changes nothing', async () => {
    const id = await strategyIn('research');
    const move = harness.orm.em.fork().transactional((em) =>
      applyTransition(em, strategyLifecycle, { entity: Strategy, id, field: 'lifecycleState', to: 'validation', evidence: () => ({ ...gates, hasApprovedVersion: false }) }),
    );
    await expect(move).rejects.toThrow(new ConflictError('validation needs an approved version'));
    expect(await stateOf(id)).toBe('research');
  });

  it('judges the state a concurrent move left: the second waits for the row lock, then is refused', async () => {
    const id = await strategyIn('staging');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = harness.orm.em.fork().transactional((em) =>
      applyTransition(em, strategyLifecycle, {
        entity: Strategy,
        id,
        field: 'lifecycleState',
        to: 'retired',
        change: async () => {
          locked();
          await held;
        },
      }),
    );
    await isLocked;
    const second = harness.orm.em.fork().transactional((em) => applyTransition(em, strategyLifecycle, { entity: Strategy, id, field: 'lifecycleState', to: 'research' }));
    const secondOutcome = second.then(() => null, (error: unknown) => error);
    await untilSomeoneWaitsForALock();
    release();
    await expect(first).resolves.toMatchObject({ from: 'staging', changed: true });
    expect(await secondOutcome).toEqual(new ConflictError('a retired strategy never changes state'));
    expect(await stateOf(id)).toBe('retired');
  });

  it('returns a terminal row unchanged when the machine keeps repeats', async () => {
    const keeping = defineStateMachine<LifecycleState>({ transitions: { research: ['retired'], validation: [], staging: [], production: [], retired: [] }, onTerminal: 'keep' });
    const id = await strategyIn('retired');
    const result = await harness.orm.em.fork().transactional((em) =>
      applyTransition(em, keeping, { entity: Strategy, id, field: 'lifecycleState', to: 'retired', change: () => expect.fail('no change on a kept repeat') }),
    );
    expect(result).toMatchObject({ from: 'retired', changed: false });
  });

  it('names an unknown or malformed id as not found, and needs the use-case transaction', async () => {
    for (const id of [newId(), 'not-a-uuid']) {
      const move = harness.orm.em.fork().transactional((em) => applyTransition(em, strategyLifecycle, { entity: Strategy, id, field: 'lifecycleState', to: 'retired' }));
      await expect(move).rejects.toThrow(new NotFoundError('Strategy', id));
    }
    const id = await strategyIn('research');
    await expect(applyTransition(harness.orm.em.fork(), strategyLifecycle, { entity: Strategy, id, field: 'lifecycleState', to: 'retired' })).rejects.toThrow(/transaction/);
    expect(await stateOf(id)).toBe('research');
  });
});
