import type { Actor } from '../domain/auth/actor.ts';
import type { Logger } from '../infra/logger.ts';
import type { Services } from '../services/create-services.ts';
import type { Loaders } from './loaders.ts';

/**
 * Per-operation GraphQL context. HTTP operations get services on a forked EntityManager per request. A subscription
 * executes each event with `forEvent()` (see per-event-subscribe.ts), so every resolver of an event — the root and
 * the related rows alike — reads through services on a fresh EntityManager, never a socket-long identity map.
 */
export interface GraphQLContext {
  services: Services;
  /** Batch loaders on `services`, for fields resolved once per row of a list (see `createLoaders`). */
  loaders: Loaders;
  /** This context for one subscription event: services on a freshly forked EntityManager and new loaders. */
  forEvent(): GraphQLContext;
  correlationId: string;
  logger: Logger;
  /** Who is calling (from the session cookie, a bearer token, or the socket's connection_init). */
  actor: Actor;
  /** The caller's network address (the TCP peer of the request or socket): sign-in throttling counts per source. */
  clientAddress?: string | null;
  /** Sets (secret) or clears (null) the session cookie on the HTTP response; absent on WebSocket operations. */
  setSessionCookie?: (secret: string | null) => void;
}
