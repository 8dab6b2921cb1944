import { applyTransition } from '../src/domain/lifecycle/apply-transition.ts';
import type { GovernanceSimulationInput } from '../src/domain/simulation/simulation-input.ts';
import type { SimulationPolicyVersions } from '../src/domain/simulation/simulation-policies.ts';
import { SimulationRun } from '../src/domain/simulation/simulation-run.entity.ts';
import { simulationRunLifecycle } from '../src/domain/simulation/simulation-run.lifecycle.ts';
import { createLogger } from '../src/infra/logger.ts';
import { openBenchDatabase } from './bench-database.ts';

/** The database write of a simulation's stored result, timed (wall seconds, the JSON's size). */
export interface ResultWriteTiming {
  /** The `running → completed` transaction carrying the result (row locked, state checked, jsonb written), s. */
  seconds: number;
  /** The stored JSON, bytes. */
  bytes: number;
}

/**
 * Times the write the worker does when a simulation completes (`GovernanceSimulationService.execute`): one
 * transaction that moves the run `running → completed` through the run's lifecycle (`applyTransition`, row locked)
 * and writes `stored` — the `simulationJson` of the comparison — into its `result` jsonb column. Its audit row and
 * event (a few hundred bytes) are left out. On a throwaway migrated database, dropped afterwards.
 */
export async function timeSimulationResultWrite(input: GovernanceSimulationInput, variantPolicies: SimulationPolicyVersions, stored: Record<string, unknown>): Promise<ResultWriteTiming> {
  const database = await openBenchDatabase(2, createLogger('bench', 'warn'));
  try {
    const setup = database.orm.em.fork();
    const run = setup.create(SimulationRun, { input, variantPolicies, status: 'running', startedAt: new Date(), correlationId: 'bench-simulation-result-write' });
    await setup.flush();
    const started = performance.now();
    await database.orm.em.fork().transactional(async (em) => {
      await applyTransition(em, simulationRunLifecycle, {
        entity: SimulationRun,
        id: run.id,
        field: 'status',
        to: 'completed',
        subject: () => `governance simulation ${run.id}`,
        change: (row) => {
          row.completedAt = new Date();
          row.progress = 1;
          row.result = stored;
        },
      });
    });
    const seconds = (performance.now() - started) / 1000;
    return { seconds: Math.round(seconds * 100) / 100, bytes: JSON.stringify(stored).length };
  } finally {
    await database.drop();
  }
}
