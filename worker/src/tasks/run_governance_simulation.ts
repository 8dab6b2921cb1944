import { defineTask, type TaskDependencies } from '../run-task.ts';

/** `run_governance_simulation`: runs a queued governance simulation (issue 15); marks it failed when the last attempt errors. */
export const makeRunGovernanceSimulationTask = (dependencies: TaskDependencies) =>
  defineTask('run_governance_simulation', dependencies, async ({ payload, services, lastAttempt }) => {
    try {
      await services.governanceSimulations.execute(payload.simulationId);
    } catch (error) {
      if (lastAttempt) await services.governanceSimulations.fail(payload.simulationId, `gave up after repeated errors: ${(error as Error).message}`);
      throw error;
    }
  });
