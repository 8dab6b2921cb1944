import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { arrangeMarkedLadderDeployments } from '../support/ladder-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the policy in force is shared state).
const harness = useServiceHarness({ database: 'test' });
const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const as = (email: string, role: 'risk' | 'compliance' | 'research') => harness.servicesAs(email, [role], { stepUp: true });

/** The default policy with a tighter drawdown breaker (−3 %), as a new version. */
const tighter = () => JSON.stringify({ ...structuredClone(defaultPromotionPolicy), version: '2026.12.6-tighter-drawdown', demotion: { ...defaultPromotionPolicy.demotion, minDrawdown: -0.03 } });

describe('promotion policy versions: proposed by one person, activated by another (four eyes), in force at once', () => {
  it('a risk analyst proposes a tighter drawdown breaker; the proposer cannot activate it, compliance does; the demotion triggers then use it', async () => {
    // A LIVE deployment down 1 − 0.985³ ≈ 4.4 % in the last 30 days: inside the default −5 % breaker, outside −3 %.
    const [live] = await arrangeMarkedLadderDeployments(harness, [{ stage: 'live', dailyReturns: [...Array<number>(30).fill(0.002), -0.015, -0.015, -0.015, 0, 0, 0, 0] }]);
    const rita = await as('rita@risk.test', 'risk');
    const proposed = await rita.promotionPolicies.propose({ definitionJson: tighter(), reason: 'the desk wants the breaker at 3 %' });
    expect(proposed).toMatchObject({ version: '2026.12.6-tighter-drawdown', active: false });
    expect((await rita.promotionPolicies.active()).row!.version).toBe('2026.12.1');
    expect((await harness.services().stageControl.applyDemotionTriggers()).acted).toEqual([]);

    await expect(rita.promotionPolicies.activate({ version: '2026.12.6-tighter-drawdown', reason: 'my own proposal' })).rejects.toThrow(/^policy\.fourEyes: /);
    await expect((await as('ada@research.test', 'research')).promotionPolicies.activate({ version: '2026.12.6-tighter-drawdown', reason: 'looks fine' })).rejects.toBeInstanceOf(ForbiddenError);
    const activated = await (await as('cora@compliance.test', 'compliance')).promotionPolicies.activate({ version: '2026.12.6-tighter-drawdown', reason: 'read and agreed' });
    expect(activated.active).toBe(true);
    expect((await rita.promotionPolicies.active()).row!.version).toBe('2026.12.6-tighter-drawdown');
    expect(await query(`select version, active from promotion_policy order by created_at`)).toEqual([
      { version: '2026.12.1', active: false },
      { version: '2026.12.6-tighter-drawdown', active: true },
    ]);
    await expect((await as('cora@compliance.test', 'compliance')).promotionPolicies.activate({ version: '2026.12.6-tighter-drawdown', reason: 'again' })).rejects.toThrow(/^policy\.alreadyActive: /);
    const audit = await query<{ action: string; details: { version: string; replaces?: string; reason: string } }>(`select action, details from audit_event where action like 'promotion.policy_%' order by sequence`);
    expect(audit.map((row) => [row.action, row.details.version, row.details.replaces ?? null, row.details.reason])).toEqual([
      ['promotion.policy_proposed', '2026.12.6-tighter-drawdown', null, 'the desk wants the breaker at 3 %'],
      ['promotion.policy_activated', '2026.12.6-tighter-drawdown', '2026.12.1', 'read and agreed'],
    ]);

    const run = await harness.services().stageControl.applyDemotionTriggers();
    expect(run.policyVersion).toBe('2026.12.6-tighter-drawdown');
    expect(run.acted).toEqual([expect.objectContaining({ deploymentId: live!.deploymentId, from: 'live', to: 'shadow', reasonCode: 'drawdown_breaker' })]);
  });

  it('refuses what could not decide: not JSON, a field out of its range (named), an existing version, research proposing', async () => {
    const rita = await as('rita@risk.test', 'risk');
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
    const notJson = await refusal(rita.promotionPolicies.propose({ definitionJson: '{"version": ', reason: 'draft' }));
    expect(notJson).toBeInstanceOf(ValidationError);
    expect((notJson as ValidationError).field).toBe('definitionJson');
    const outOfRange = await refusal(rita.promotionPolicies.propose({ definitionJson: JSON.stringify({ ...defaultPromotionPolicy, version: 'bad', demotion: { ...defaultPromotionPolicy.demotion, minDrawdown: 0.5 } }), reason: 'draft' }));
    expect(outOfRange).toBeInstanceOf(ValidationError);
    expect((outOfRange as ValidationError).field).toMatch(/^definition\.demotion\.minDrawdown/);
    await expect(rita.promotionPolicies.propose({ definitionJson: JSON.stringify(defaultPromotionPolicy), reason: 'the same again' })).rejects.toThrow(ConflictError);
    await expect((await as('ada@research.test', 'research')).promotionPolicies.propose({ definitionJson: tighter(), reason: 'research wants it' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await query(`select version from promotion_policy`)).toEqual([{ version: '2026.12.1' }]);
  });
});
