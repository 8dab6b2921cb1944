import { describe, expect, it } from 'vitest';
import { ParameterConfig } from '../../src/domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { findOrCreateParameterConfig } from '../../src/services/strategy/parameter-config.repository.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

const harness = useServiceHarness();

describe('findOrCreateParameterConfig under concurrency', () => {
  it('gives two transactions creating the same config at once the one row, and fails neither (two identical optimizations)', async () => {
    const { version } = await arrangeSmaOnBtcDaily(harness);
    const parameters = { fastPeriod: 7, slowPeriod: 31 };
    let firstHasWritten!: () => void;
    const written = new Promise<void>((resolveWritten) => (firstHasWritten = resolveWritten));
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolveRelease) => (releaseFirst = resolveRelease));
    // The first transaction creates the config and writes it, then holds its transaction open.
    const first = harness.orm.em.fork().transactional(async (em) => {
      const config = await findOrCreateParameterConfig(em, em.getReference(StrategyVersion, version.id), parameters, 'optimization');
      await em.flush();
      firstHasWritten();
      await firstMayCommit;
      return config.id;
    });
    await written;
    // The second, in its own transaction on another connection, asks for the same config while the first is open.
    const second = harness.orm.em.fork().transactional(async (em) => (await findOrCreateParameterConfig(em, em.getReference(StrategyVersion, version.id), parameters, 'optimization')).id);
    await waitUntil("the second transaction to wait on the first one's row", async () => {
      const [row] = await harness.orm.em.fork().execute<{ waiting: string }[]>(`select count(*) as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      return Number(row!.waiting) > 0;
    });
    releaseFirst();
    const outcomes = await Promise.allSettled([first, second]);
    expect(outcomes.map((outcome) => (outcome.status === 'rejected' ? String(outcome.reason) : outcome.status))).toEqual(['fulfilled', 'fulfilled']);
    const [firstId, secondId] = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<string>).value);
    expect(secondId).toBe(firstId);
    const rows = await harness.orm.em.fork().find(ParameterConfig, { strategyVersion: version.id, parameters: { $eq: parameters } as never });
    expect(rows.map((row) => row.id)).toEqual([firstId]);
    expect(rows[0]).toMatchObject({ label: 'fastPeriod=7, slowPeriod=31', source: 'optimization', parameters });
  });
});
