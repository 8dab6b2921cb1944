import { describe, expect, it } from 'vitest';
import { makeSystemActor } from '../../src/domain/auth/actor.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { auditPartitionYearsAhead, auditRetentionYears } from '../../src/services/audit/audit.service.ts';
import { createServices } from '../../src/services/create-services.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

async function partitions(): Promise<{ name: string; truncateTriggers: number }[]> {
  return harness.orm.em.fork().execute(
    `select c.relname as name, (select count(*)::int from pg_trigger t where t.tgrelid = c.oid and t.tgtype & 34 = 34) as "truncateTriggers"
       from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_event'::regclass order by c.relname`,
  );
}

describe('audit retention: partitions ahead of time, none dropped', () => {
  it('creates the coming years’ partitions (as the app role), protected like the others, and drops none inside retention', async () => {
    const at = (iso: string) =>
      createServices({ em: harness.orm.em.fork(), clock: { now: () => new Date(iso) }, logger: createLogger('test', 'silent'), correlationId: 'retention-test', actor: makeSystemActor() }, { importDir: '/nonexistent' });
    const before = await partitions();
    expect(before.map((partition) => partition.name)).toContain('audit_event_y2045');
    expect(before.map((partition) => partition.name)).not.toContain('audit_event_y2047');

    // Today the partitions exist already; nothing is created.
    const today = await at(new Date().toISOString()).audit.maintainPartitions();
    expect(today.created).toBe(0);

    // In mid-2045 (the last year the first migration created), the next years are created ahead of time.
    const later = await at('2045-06-01T00:00:00Z').audit.maintainPartitions();
    expect(later).toMatchObject({ created: auditPartitionYearsAhead, throughYear: 2045 + auditPartitionYearsAhead });
    const after = await partitions();
    for (const year of [2046, 2047]) expect(after).toContainEqual({ name: `audit_event_y${year}`, truncateTriggers: 1 });
    // Nothing was dropped: every partition from before is still attached, the oldest ones only listed as past retention.
    expect(after.map((partition) => partition.name)).toEqual(expect.arrayContaining(before.map((partition) => partition.name)));
    expect(later.pastRetention).toEqual(Array.from({ length: 2045 - auditRetentionYears - 2020 }, (_, i) => `audit_event_y${2020 + i}`));
    // Idempotent.
    expect((await at('2045-06-01T00:00:00Z').audit.maintainPartitions()).created).toBe(0);
  });
});
