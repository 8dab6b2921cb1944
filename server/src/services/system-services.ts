import type { MikroORM } from '@mikro-orm/postgresql';
import { makeSystemActor } from '../domain/auth/actor.ts';
import { newId } from '../domain/ids.ts';
import { systemClock, type Clock } from '../infra/clock.ts';
import type { Logger } from '../infra/logger.ts';
import { createServices, type Services } from './create-services.ts';
import type { ServiceSettings } from './service-context.ts';

/**
 * Services acting as the platform itself (CLI, start-up, worker tasks), on a fresh EntityManager fork, on `clock`
 * (default the wall clock; tests and simulations inject theirs).
 */
export function createSystemServices(orm: MikroORM, settings: ServiceSettings, logger: Logger, correlationId: string = newId(), clock: Clock = systemClock): Services {
  return createServices({ em: orm.em.fork(), clock, logger: logger.child({ correlationId }), correlationId, actor: makeSystemActor() }, settings);
}
