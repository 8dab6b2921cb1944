import type { Actor } from '../domain/auth/actor.ts';
import type { Logger } from '../infra/logger.ts';
import type { Services } from '../services/create-services.ts';
import type { Loaders } from './loaders.ts';

/**
 * Per-operation GraphQL context. HTTP operations get services on a forked EntityManager per request.
 * A subscription's context lives as long as the subscription, so its resolvers call `freshServices()` per
 * event — otherwise the identity map would serve stale rows.
 */
export interface GraphQLContext {
  services: Services;
  /** Batch loaders on `services`, for fields resolved once per row of a list (see `createLoaders`). */
  loaders: Loaders;
  freshServices(): Services;
  correlationId: string;
  logger: Logger;
  /** Who is calling (from the session cookie, a bearer token, or the socket's connection_init). */
  actor: Actor;
  /** The caller's network address (the TCP peer of the request or socket): sign-in throttling counts per source. */
  clientAddress?: string | null;
  /** Sets (secret) or clears (null) the session cookie on the HTTP response; absent on WebSocket operations. */
  setSessionCookie?: (secret: string | null) => void;
}
