import { describe, expect, it } from 'vitest';
import { MonitoringPolicyVersion } from '../../src/domain/monitoring/policy/monitoring-policy.entity.ts';
import { resolveMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.schema.ts';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('monitoring policy rows', () => {
  it('the migrations seed version 2026.12.2 (active, equal to the default, read back through the app role) over 2026.12.1 (kept, inactive)', async () => {
    await as(harness.database.appUrl, async (client) => {
      const { rows } = await client.query<{ version: string; definition: unknown; active: boolean; created_by_id: string | null }>(`select version, definition, active, created_by_id from monitoring_policy where version like '2026.12._' order by version`);
      expect(rows.map((row) => [row.version, row.active, row.created_by_id])).toEqual([['2026.12.1', false, null], ['2026.12.2', true, null]]);
      const resolution = resolveMonitoringPolicy(rows[1].definition);
      expect(resolution.valid && resolution.policy).toEqual(defaultMonitoringPolicy);
      // 2026.12.1 had the monitor's own stale-mark limit, a field the schema no longer knows: it would resolve fail-closed, naming it.
      expect(resolveMonitoringPolicy(rows[0].definition)).toMatchObject({ valid: false });
    });
    const row = await harness.orm.em.fork().findOneOrFail(MonitoringPolicyVersion, { version: '2026.12.2' });
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
      await expect(client.query(`insert into monitoring_policy (id, version, definition) values (gen_random_uuid(), '2026.12.2', $1::jsonb)`, [JSON.stringify(defaultMonitoringPolicy)])).rejects.toThrow(/monitoring_policy_version_unique/);
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
