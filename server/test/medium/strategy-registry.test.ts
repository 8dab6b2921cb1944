import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/auth/roles.ts';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { TriggerEvent } from '../../src/domain/trigger/trigger-event.entity.ts';
import { TriggerLink } from '../../src/domain/trigger/trigger-link.entity.ts';
import { queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: tests count cycles, triggers and jobs.
const harness = useServiceHarness({ database: 'test' });

/** Services acting as a user holding `roles`, with a step-up token (production actions allowed by the second factor). */
const servicesAs = (email: string, roles: Role[]) => harness.servicesAs(email, roles, { stepUp: true });

const registration = (code: string) => ({
  code,
  name: `Strategy ${code}`,
  objective: 'Trend following on majors',
  eligibleMarkets: ['BTC-USDT', 'ETH-USDT'],
  riskCategory: 'moderate' as const,
  capitalGuardrails: { staging: 0.02, production: 0.05 },
  dependencyNotes: 'needs hourly bars',
});

/** Registers `trend-one` and submits its first version as research (ada): pending. */
async function arrangePendingVersion() {
  const strategy = await (await servicesAs('ada@research.test', ['research'])).strategies.register(registration('trend-one'));
  const version = await (await servicesAs('ada@research.test', ['research'])).strategies.submitVersion({
    strategyId: strategy.id,
    template: 'sma_crossover',
    parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 30 }],
    changelog: 'first cut',
    deterministicSeed: 42,
  });
  return { strategy, version };
}

/** As {@link arrangePendingVersion}, then production (pat) approves the version. */
async function arrangeApprovedVersion() {
  const { strategy, version } = await arrangePendingVersion();
  await (await servicesAs('pat@production.test', ['production'])).strategies.approveVersion(version.id, 'looks sound');
  return { strategy, version };
}

describe('StrategyService registry', () => {
  it('registers, submits an immutable pending version, and runs nothing for it while it is pending', async () => {
    const research = await servicesAs('ada@research.test', ['research']);
    const strategy = await research.strategies.register(registration('trend-one'));
    expect(strategy.lifecycleState).toBe('research');
    await expect(research.strategies.register(registration('trend-one'))).rejects.toBeInstanceOf(ConflictError);
    await expect(research.strategies.register({ ...registration('x'), code: 'Bad Code' })).rejects.toBeInstanceOf(ValidationError);

    const version = await (await servicesAs('ada@research.test', ['research'])).strategies.submitVersion({
      strategyId: strategy.id,
      template: 'sma_crossover',
      parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 30 }],
      changelog: 'first cut',
      deterministicSeed: 42,
    });
    expect(version.approvalStatus).toBe('pending');
    expect(version.versionTag).toMatch(/^v\d{4}\.\d{2}\.0$/);

    // Submission records a parameter_space_registered trigger; a manual request too: both skip, nothing is queued.
    const manual = await (await servicesAs('ada@research.test', ['research'])).triggers.requestManualRun({ strategyId: strategy.id, reason: 'check the new space' });
    const em = harness.orm.em.fork();
    const triggers = await em.find(TriggerEvent, { details: { impactedStrategies: { $contains: ['trend-one'] } } } as never);
    expect(triggers.map((trigger) => trigger.type).sort()).toEqual(['manual', 'parameter_space_registered']);
    expect(triggers.every((trigger) => trigger.outcome === 'skipped' && trigger.outcomeReason.includes('is pending (not run)'))).toBe(true);
    expect(manual.outcome).toBe('skipped');
    expect(await em.count(TriggerLink, { triggerEvent: { $in: triggers.map((trigger) => trigger.id) } })).toBe(0);
    expect(await em.count(EvaluationCycle, {})).toBe(0);
    expect(await queuedJobs(harness, 'run_evaluation_cycle')).toEqual([]);
  });

  it('lets production approve (not research, not one’s own submission) and queues the version’s validation cycle', async () => {
    const { strategy, version } = await arrangePendingVersion();
    await expect((await servicesAs('ada@research.test', ['research'])).strategies.approveVersion(version.id)).rejects.toBeInstanceOf(ForbiddenError);
    // A user holding both roles may not approve what they submitted (four eyes).
    await expect((await servicesAs('ada@research.test', ['research', 'production'])).strategies.approveVersion(version.id)).rejects.toThrow(/four-eyes/);
    const approved = await (await servicesAs('pat@production.test', ['production'])).strategies.approveVersion(version.id, 'looks sound');
    expect(approved.approvalStatus).toBe('approved');
    expect(approved.approvalMetadata).toMatchObject({ notes: 'looks sound' });
    await expect((await servicesAs('pat@production.test', ['production'])).strategies.rejectVersion(version.id, 'too late')).rejects.toBeInstanceOf(ConflictError);

    const trigger = await harness.orm.em.fork().findOneOrFail(TriggerEvent, { type: 'version_approved' });
    expect(trigger.outcome).toBe('enqueued');
    const cycles = await harness.orm.em.fork().find(EvaluationCycle, {});
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.strategyIds).toEqual([version.strategy.id]);
    expect(cycles[0]!.configurationCount).toBe(12);
    // research's refused approval attempt is part of the strategy's record
    expect((await harness.services().strategies.history(strategy.id)).map((entry) => entry.action)).toEqual([
      'strategy_version.approved',
      'authorization.denied',
      'strategy_version.submitted',
      'strategy.registered',
    ]);
  });

  it('two simultaneous triggers for the same strategy give one set of runs with both triggers linked', async () => {
    const { strategy } = await arrangeApprovedVersion();
    const id = strategy.id;
    const [first, second] = await Promise.all([
      (await servicesAs('ada@research.test', ['research'])).triggers.requestManualRun({ strategyId: id, reason: 'first', approvalLink: 'OPS-1' }),
      (await servicesAs('ada@research.test', ['research'])).triggers.requestManualRun({ strategyId: id, reason: 'second' }),
    ]);
    const em = harness.orm.em.fork();
    const cycles = await em.find(EvaluationCycle, {});
    expect(cycles).toHaveLength(1);
    const linked = await em.find(TriggerLink, { targetType: 'evaluation_cycle', targetId: cycles[0]!.id });
    expect(new Set(linked.map((link) => link.triggerEvent.id))).toEqual(new Set([(await em.findOneOrFail(TriggerEvent, { type: 'version_approved' })).id, first.id, second.id]));
    expect(await queuedJobs(harness, 'run_evaluation_cycle')).toHaveLength(1);
  });

  it('gates lifecycle transitions: validation needs an approved version and cannot be skipped; history and diff', async () => {
    const { strategy } = await arrangeApprovedVersion();
    const research = await servicesAs('ada@research.test', ['research']);
    await expect(research.strategies.transitionLifecycle(strategy.id, 'staging', 'skip ahead')).rejects.toThrow(/validation may not be skipped/);
    const moved = await (await servicesAs('ada@research.test', ['research'])).strategies.transitionLifecycle(strategy.id, 'validation', 'approved version ready');
    expect(moved.lifecycleState).toBe('validation');
    await expect((await servicesAs('ada@research.test', ['research'])).strategies.transitionLifecycle(strategy.id, 'staging', 'go')).rejects.toThrow(/complete scorecard/);

    const second = await (await servicesAs('ada@research.test', ['research'])).strategies.submitVersion({
      strategyId: strategy.id,
      template: 'sma_crossover',
      parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 40 }],
      changelog: 'wider fast period',
      deterministicSeed: 43,
    });
    const versions = await harness.services().strategies.versions(strategy.id);
    const diff = await harness.services().strategies.versionDiff(versions.at(-1)!.id, second.id);
    expect(diff).toEqual([{ path: 'parameters.fastPeriod.max', kind: 'changed', before: 30, after: 40 }]);
    const history = await harness.services().strategies.history(strategy.id);
    expect(history.map((entry) => entry.action)).toEqual([
      'strategy_version.submitted',
      'strategy.lifecycle_changed',
      'strategy_version.approved',
      'strategy_version.submitted',
      'strategy.registered',
    ]);
    // The registration record carries capital guardrails: research may not read them (sensitive field), risk may.
    const registeredFor = async (roles: Role[]) =>
      (await (await servicesAs(`${roles[0]}@history.test`, roles)).strategies.history(strategy.id)).find((entry) => entry.action === 'strategy.registered')!.details;
    expect(await registeredFor(['research'])).not.toHaveProperty('capitalGuardrails');
    expect(await registeredFor(['research'])).toHaveProperty('riskCategory', 'moderate');
    expect(await registeredFor(['risk'])).toHaveProperty('capitalGuardrails', { staging: 0.02, production: 0.05 });
  });
});
