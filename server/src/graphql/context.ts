import type { Logger } from '../infra/logger.ts';
import type { Services } from '../services/create-services.ts';

/**
 * Per-operation GraphQL context. HTTP operations get services on a forked EntityManager per request.
 * A subscription's context lives as long as the subscription, so its resolvers call `freshServices()` per
 * event — otherwise the identity map would serve stale rows.
 */
export interface GraphQLContext {
  services: Services;
  freshServices(): Services;
  correlationId: string;
  logger: Logger;
}
