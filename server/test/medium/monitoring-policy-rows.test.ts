import { describe, expect, it } from 'vitest';
import { MonitoringPolicyVersion } from '../../src/domain/monitoring/policy/monitoring-policy.entity.ts';
import { resolveMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.schema.ts';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('monitoring policy rows', () => {
  it('the migration seeds version 2026.12.1, read back through the app role equal to the default', async () => {
    await as(harness.database.appUrl, async (client) => {
      const { rows } = await client.query<{ definition: unknown; active: boolean; created_by_id: string | null }>(`select definition, active, created_by_id from monitoring_policy where version = '2026.12.1'`);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ active: true, created_by_id: null });
      const resolution = resolveMonitoringPolicy(rows[0].definition);
      expect(resolution.valid && resolution.policy).toEqual(defaultMonitoringPolicy);
    });
    const row = await harness.orm.em.fork().findOneOrFail(MonitoringPolicyVersion, { version: '2026.12.1' });
    expect(row.definition).toEqual(defaultMonitoringPolicy);
  });

  it('a new version is a new row; the row’s version must be its definition’s and unique', async () => {
    const em = harness.orm.em.fork();
    const stricter = { ...structuredClone(defaultMonitoringPolicy), version: '2026.12.1-stricter-demo' };
    stricter.rules.benchmarkLag.minActiveReturn = -0.01;
    em.create(MonitoringPolicyVersion, { version: stricter.version, definition: stricter, active: false });
    await em.flush();
    const stored = await harness.orm.em.fork().findOneOrFail(MonitoringPolicyVersion, { version: stricter.version });
    expect(stored.definition.rules.benchmarkLag.minActiveReturn).toBe(-0.01);
    await as(harness.database.appUrl, async (client) => {
      await expect(client.query(`insert into monitoring_policy (id, version, definition) values (gen_random_uuid(), 'mismatch', $1::jsonb)`, [JSON.stringify(defaultMonitoringPolicy)])).rejects.toThrow(/monitoring_policy_definition_version_check/);
      await expect(client.query(`insert into monitoring_policy (id, version, definition) values (gen_random_uuid(), '2026.12.1', $1::jsonb)`, [JSON.stringify(defaultMonitoringPolicy)])).rejects.toThrow(/monitoring_policy_version_unique/);
    });
  });

  it('a row holding an inverted threshold resolves fail-closed, naming the field', async () => {
    const broken = { ...structuredClone(defaultMonitoringPolicy), version: '2026.12.1-broken' };
    broken.rules.drawdown.minDrawdown = 0.2;
    await as(harness.database.appUrl, async (client) => {
      await client.query(`insert into monitoring_policy (id, version, definition, active) values (gen_random_uuid(), $1, $2::jsonb, false)`, [broken.version, JSON.stringify(broken)]);
    });
    const row = await harness.orm.em.fork().findOneOrFail(MonitoringPolicyVersion, { version: '2026.12.1-broken' });
    expect(resolveMonitoringPolicy(row.definition)).toMatchObject({ valid: false, field: 'rules.drawdown.minDrawdown' });
  });
});
