import { makeSystemActor } from '../../src/domain/auth/actor.ts';
import { newId } from '../../src/domain/ids.ts';
import type { Clock } from '../../src/infra/clock.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createServices } from '../../src/services/create-services.ts';
import type { ServiceSettings } from '../../src/services/service-context.ts';
import type { ServiceTestHarness } from './test-services.ts';

/** A clock a test moves by hand (the runner's injected clock). */
export interface ManualClock extends Clock {
  set(at: Date | number | string): void;
  advance(ms: number): void;
}

export function makeManualClock(start: Date | number | string): ManualClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (at) => void (now = new Date(at).getTime()),
    advance: (ms) => void (now += ms),
  };
}

/** The services acting as the platform, on a fresh EntityManager, with `clock` and optional settings (e.g. `venues`). */
export function platformServicesFor(harness: ServiceTestHarness, clock: Clock, settings: Partial<ServiceSettings> = {}) {
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  return createServices({ em: harness.orm.em.fork(), clock, logger, correlationId: newId(), actor: makeSystemActor() }, { importDir: harness.importDir, ...settings });
}

/** The deployment runner acting as the platform, on a fresh EntityManager, with `clock` and optional settings. */
export function runnerFor(harness: ServiceTestHarness, clock: Clock, settings: Partial<ServiceSettings> = {}) {
  return platformServicesFor(harness, clock, settings).deploymentRunner;
}

/** Runs the runner on a deployment until it queues no further bar (a replay as fast as possible runs to its end). */
export async function runToEnd(harness: ServiceTestHarness, deploymentId: string, clock: Clock, settings: Partial<ServiceSettings> = {}, maxJobs = 1000): Promise<number> {
  for (let job = 1; job <= maxJobs; job++) {
    const outcome = await runnerFor(harness, clock, settings).processBars(deploymentId);
    if (outcome.nextBarMs === null) return job;
  }
  throw new Error(`deployment ${deploymentId} still had bars after ${maxJobs} jobs`);
}
