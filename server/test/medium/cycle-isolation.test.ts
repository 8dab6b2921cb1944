import { describe, expect, it } from 'vitest';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
/** fastPeriod ∈ [100, 200] and slowPeriod ∈ [3, 50] with fastPeriod < slowPeriod: no point satisfies it. */
const impossibleOverrides = [
  { name: 'fastPeriod', min: 100, max: 200 },
  { name: 'slowPeriod', min: 3, max: 50 },
];

describe('parameter spaces that cannot satisfy their constraints', () => {
  it('refuses the submission, naming the constraint', async () => {
    const { strategy } = await arrangeSmaOnBtcDaily(harness);
    const submit = harness.services().strategies.submitVersion({
      strategyId: strategy.id,
      template: 'sma_crossover',
      parameterOverrides: impossibleOverrides,
      changelog: 'impossible space',
      deterministicSeed: 1,
    });
    await expect(submit).rejects.toBeInstanceOf(ValidationError);
    await expect(submit).rejects.toMatchObject({ message: expect.stringContaining('fastPeriod < slowPeriod'), field: 'parameterOverrides.fastPeriod' });
    expect(await harness.services().strategies.versions(strategy.id)).toHaveLength(1);
  });

  it('an approved version that cannot be evaluated fails alone: the cycle completes for every other strategy', async () => {
    const { strategy, version } = await arrangeSmaOnBtcDaily(harness);
    // A version approved before satisfiability was checked: its stored space is impossible.
    const em = harness.orm.em.fork();
    const space = structuredClone(version.parameterSpace);
    for (const parameter of space.parameters) Object.assign(parameter, impossibleOverrides.find((override) => override.name === parameter.name) ?? {});
    await em.execute(`update strategy_version set parameter_space = ? where id = ?`, [JSON.stringify(space), version.id]);

    const queued = await harness.services().cycles.run({ reason: 'isolation test', configurationCount: 60, seed: 3 });
    const cycle = await harness.services().cycles.execute(queued.id);
    expect(cycle.status).toBe('completed');
    const stored = await harness.orm.em.fork().findOneOrFail(EvaluationCycle, { id: cycle.id });
    expect(stored.strategyFailures).toEqual([{ strategyId: strategy.id, strategyVersionId: version.id, reason: expect.stringContaining('fastPeriod < slowPeriod') }]);
    const entries = await harness.orm.em.fork().find(ScorecardEntry, { evaluationCycle: cycle.id });
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.strategy.id)).not.toContain(strategy.id);
  });
});
