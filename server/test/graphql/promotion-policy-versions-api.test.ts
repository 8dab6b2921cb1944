import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../support/test-server.ts';

// Its own database (the policy in force changes here).
const api = useApiHarness();

describe('promotion policy versions over the API (as a notebook changes a threshold)', () => {
  it('reads the policy in force as JSON text, proposes it edited under a new version, has another person activate it; the second activation and the proposer are refused with the rule', async () => {
    const read = await api.request<{ promotionPolicy: { version: string; definitionJson: string } }>(`{ promotionPolicy { version definitionJson } }`, {}, { role: 'research' });
    expect(read.errors).toBeUndefined();
    const definition = JSON.parse(read.data!.promotionPolicy.definitionJson) as { version: string; demotion: { minDrawdown: number } };
    expect(definition.version).toBe(read.data!.promotionPolicy.version);
    definition.version = '2026.12.6-api-test';
    definition.demotion.minDrawdown = -0.04;

    const propose = `mutation($input: ProposePromotionPolicyInput!) { proposePromotionPolicy(input: $input) { version active proposedById } }`;
    const proposed = await api.request<{ proposePromotionPolicy: { version: string; active: boolean; proposedById: string } }>(propose, { input: { definitionJson: JSON.stringify(definition), reason: 'breaker at 4 %' } }, { role: 'risk' });
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data!.proposePromotionPolicy).toMatchObject({ version: '2026.12.6-api-test', active: false });
    const outOfRange = await api.request(propose, { input: { definitionJson: JSON.stringify({ ...definition, version: 'x', demotion: { ...definition.demotion, minDrawdown: 2 } }), reason: 'typo' } }, { role: 'risk' });
    expect(outOfRange.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(outOfRange.errors![0]!.extensions!.field)).toMatch(/^definition\.demotion\.minDrawdown/);

    const activate = `mutation($input: ActivatePromotionPolicyInput!) { activatePromotionPolicy(input: $input) { version active } }`;
    const byProposer = await api.request(activate, { input: { version: '2026.12.6-api-test', reason: 'mine' } }, { role: 'risk' });
    expect(byProposer.errors![0]!.message).toMatch(/^policy\.fourEyes: /);
    const activated = await api.request<{ activatePromotionPolicy: { version: string; active: boolean } }>(activate, { input: { version: '2026.12.6-api-test', reason: 'read and agreed' } }, { role: 'compliance' });
    expect(activated.errors).toBeUndefined();
    expect(activated.data!.activatePromotionPolicy).toEqual({ version: '2026.12.6-api-test', active: true });
    const again = await api.request(activate, { input: { version: '2026.12.6-api-test', reason: 'again' } }, { role: 'compliance' });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });

    const versions = await api.request<{ promotionPolicyVersions: { version: string; active: boolean }[] }>(`{ promotionPolicyVersions { version active } }`, {}, { role: 'research' });
    expect(versions.data!.promotionPolicyVersions.map((row) => [row.version, row.active])).toEqual([
      ['2026.12.6-api-test', true],
      [read.data!.promotionPolicy.version, false],
    ]);
    const inForce = await api.request<{ promotionPolicy: { version: string; definition: { demotion: { minDrawdown: number } } } }>(`{ promotionPolicy { version definition { demotion { minDrawdown } } } }`, {}, { role: 'research' });
    expect(inForce.data!.promotionPolicy).toEqual({ version: '2026.12.6-api-test', definition: { demotion: { minDrawdown: -0.04 } } });
  });
});
