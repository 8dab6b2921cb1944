import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

const registration = (code: string) => ({
  code,
  name: `Strategy ${code}`,
  objective: 'Trend following on majors',
  eligibleMarkets: ['BTC-USDT'],
  riskCategory: 'moderate' as const,
  capitalGuardrails: { staging: 0.02, production: 0.05 },
});

async function deniedRetirements(subjectId: string) {
  return harness.orm.em.fork().execute<{ details: { attemptedAction: string; reason: string } }[]>(
    `select details from audit_event where action = 'authorization.denied' and subject_type = 'Strategy' and subject_id = ?`,
    [subjectId],
  );
}

describe('retiring a strategy', () => {
  it("is refused to research for others' and built-in strategies, needs a step-up and a reason, and is audited", async () => {
    const ownerEmail = `${newId()}@research.test`;
    const owner = await harness.servicesAs(ownerEmail, ['research']);
    const mine = await owner.strategies.register(registration(`mine-${Date.now().toString(36)}`));
    await harness.services().strategies.registerBuiltInStrategies();
    const builtIn = await harness.orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });

    const someoneElse = await harness.servicesAs(`${newId()}@research.test`, ['research'], { stepUp: true });
    await expect(someoneElse.strategies.transitionLifecycle(mine.id, 'retired', 'not mine')).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    await expect(someoneElse.strategies.transitionLifecycle(builtIn.id, 'retired', 'built-in')).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    expect((await deniedRetirements(builtIn.id)).map((row) => row.details.attemptedAction)).toEqual(['retire']);

    await expect(owner.strategies.transitionLifecycle(mine.id, 'retired', 'superseded')).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    const stepped = await harness.servicesAs(ownerEmail, ['research'], { stepUp: true });
    await expect(stepped.strategies.transitionLifecycle(mine.id, 'retired', '  ')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await stepped.strategies.transitionLifecycle(mine.id, 'retired', 'superseded by trend-two')).lifecycleState).toBe('retired');
    const [event] = await harness.orm.em.fork().execute<{ actor_role: string; details: { to: string; reason: string } }[]>(
      `select actor_role, details from audit_event where action = 'strategy.lifecycle_changed' and subject_id = ?`,
      [mine.id],
    );
    expect(event).toMatchObject({ actor_role: 'research', details: { to: 'retired', reason: 'superseded by trend-two' } });

    // Production retires any strategy, with a step-up.
    const production = await harness.servicesAs(`${newId()}@production.test`, ['production']);
    await expect(production.strategies.transitionLifecycle(builtIn.id, 'retired', 'template withdrawn')).rejects.toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    const steppedProduction = await harness.servicesAs(`${newId()}@production.test`, ['production'], { stepUp: true });
    expect((await steppedProduction.strategies.transitionLifecycle(builtIn.id, 'retired', 'template withdrawn')).lifecycleState).toBe('retired');
  });
});

describe('Strategy.history', () => {
  it('hides approval notes and reviewers from research, as the approvalMetadata field rule does', async () => {
    const submitterEmail = `${newId()}@research.test`;
    const research = await harness.servicesAs(submitterEmail, ['research']);
    const strategy = await research.strategies.register(registration(`noted-${Date.now().toString(36)}`));
    const version = await research.strategies.submitVersion({ strategyId: strategy.id, template: 'sma_crossover', changelog: 'first', deterministicSeed: 7 });
    const production = await harness.servicesAs(`${newId()}@production.test`, ['production'], { stepUp: true });
    await production.strategies.approveVersion(version.id, 'secret desk rationale');

    const approvedFor = async (services: Awaited<ReturnType<typeof harness.servicesAs>>) =>
      (await services.strategies.history(strategy.id)).find((entry) => entry.action === 'strategy_version.approved')!;
    const seenByResearch = await approvedFor(await harness.servicesAs(submitterEmail, ['research']));
    expect(seenByResearch.details).not.toHaveProperty('notes');
    expect(JSON.stringify(seenByResearch.details)).not.toContain('secret desk rationale');
    expect(seenByResearch.details).toMatchObject({ versionTag: version.versionTag });
    expect((await approvedFor(production)).details).toMatchObject({ notes: 'secret desk rationale' });
  });
});
