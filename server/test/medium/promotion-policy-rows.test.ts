import { describe, expect, it } from 'vitest';
import { CapitalPolicyVersion } from '../../src/domain/promotion/capital-policy.entity.ts';
import { parseCapitalPolicy } from '../../src/domain/promotion/capital-policy.schema.ts';
import { defaultCapitalPolicy } from '../../src/domain/promotion/capital-policy.ts';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { resolvePromotionPolicy } from '../../src/domain/promotion/promotion-policy.schema.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('promotion and capital policy rows', () => {
  it('the migration seeds version 2026.12.1 of both, read back through the app role equal to the defaults', async () => {
    const em = harness.orm.em.fork();
    const promotion = await em.findOneOrFail(PromotionPolicyVersion, { version: '2026.12.1' });
    expect(promotion).toMatchObject({ active: true, createdBy: null });
    const resolution = resolvePromotionPolicy(promotion.definition);
    expect(resolution.valid && resolution.policy).toEqual(defaultPromotionPolicy);
    const capital = await em.findOneOrFail(CapitalPolicyVersion, { version: '2026.12.1' });
    expect(parseCapitalPolicy(capital.definition)).toEqual(defaultCapitalPolicy);
  });

  it('a new version is a new row; the row’s version must be its definition’s', async () => {
    const em = harness.orm.em.fork();
    const permissive = { ...structuredClone(defaultPromotionPolicy), version: '2026.12.1-permissive-demo' };
    permissive.gates.observeToShadow.stabilityWindow.minSessions = 0;
    em.create(PromotionPolicyVersion, { version: permissive.version, definition: permissive, active: false });
    await em.flush();
    const stored = await harness.orm.em.fork().findOneOrFail(PromotionPolicyVersion, { version: permissive.version });
    expect(stored.definition.gates.observeToShadow.stabilityWindow.minSessions).toBe(0);
    await as(harness.database.appUrl, async (client) => {
      await expect(client.query(`insert into promotion_policy (id, version, definition) values (gen_random_uuid(), 'mismatch', $1::jsonb)`, [JSON.stringify(defaultPromotionPolicy)])).rejects.toThrow(/promotion_policy_definition_version_check/);
      await expect(client.query(`insert into capital_policy (id, version, definition) values (gen_random_uuid(), '2026.12.1', $1::jsonb)`, [JSON.stringify(defaultCapitalPolicy)])).rejects.toThrow(/capital_policy_version_unique/);
    });
  });

  it('a row holding an unknown field resolves fail-closed to OBSERVE, naming the field', async () => {
    await as(harness.database.appUrl, async (client) => {
      const broken = { ...structuredClone(defaultPromotionPolicy), version: '2026.12.1-broken', experimental: true };
      await client.query(`insert into promotion_policy (id, version, definition, active) values (gen_random_uuid(), $1, $2::jsonb, false)`, [broken.version, JSON.stringify(broken)]);
    });
    const row = await harness.orm.em.fork().findOneOrFail(PromotionPolicyVersion, { version: '2026.12.1-broken' });
    expect(resolvePromotionPolicy(row.definition)).toMatchObject({ valid: false, field: 'experimental', stageCeiling: 'observe' });
  });
});
