import { describe, expect, it } from 'vitest';
import { arrangeLadderDeployments } from '../support/ladder-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database.
const harness = useServiceHarness({ database: 'test' });
const production = () => harness.servicesAs('pat@production.test', ['production'], { stepUp: true });

describe('a strategy enters the production lifecycle state only with a deployment at LIVE (production = LIVE)', () => {
  it('staging → production is refused while its deployment is at PAPER and allowed once one is at LIVE; a rolled-back LIVE deployment does not count', async () => {
    const [atPaper, atLive, rolledBack] = await arrangeLadderDeployments(harness, [
      { stage: 'paper', template: 'sma_crossover', rank: 1, allocation: 0.02, returnsSeed: null },
      { stage: 'live', template: 'sma_crossover', rank: 1, allocation: 0.02, returnsSeed: null },
      { stage: 'live', template: 'sma_crossover', rank: 1, allocation: 0.02, returnsSeed: null },
    ]);
    await harness.orm.em.fork().execute(`update deployment set activation_state = 'rolled_back' where id = ?`, [rolledBack!.deploymentId]);
    const services = await production();
    for (const refused of [atPaper!, rolledBack!]) {
      await expect(services.strategies.transitionLifecycle(refused.strategyId, 'production', 'promoted')).rejects.toThrow(/production needs an approved promotion: a deployment of the strategy at LIVE/);
    }
    const moved = await services.strategies.transitionLifecycle(atLive!.strategyId, 'production', 'LIVE since the promotion was executed');
    expect(moved.lifecycleState).toBe('production');
  });
});
