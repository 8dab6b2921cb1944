import type { MikroORM } from '@mikro-orm/postgresql';
import { makeSystemActor } from '../domain/auth/actor.ts';
import { newId } from '../domain/ids.ts';
import { systemClock } from '../infra/clock.ts';
import type { Logger } from '../infra/logger.ts';
import { createServices, type Services } from './create-services.ts';
import type { ServiceSettings } from './service-context.ts';

/** Services acting as the platform itself (CLI, start-up, worker tasks), on a fresh EntityManager fork. */
export function createSystemServices(orm: MikroORM, settings: ServiceSettings, logger: Logger, correlationId: string = newId()): Services {
  return createServices({ em: orm.em.fork(), clock: systemClock, logger: logger.child({ correlationId }), correlationId, actor: makeSystemActor() }, settings);
}
