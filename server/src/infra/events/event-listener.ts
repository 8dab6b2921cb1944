import pg from 'pg';
import { eventChannel, type EventEnvelope } from '../../domain/events.ts';
import type { Logger } from '../logger.ts';

/** One LISTEN connection per process that hands every event to `onEvent`, reconnecting after drops. */
export interface EventListener {
  close(): Promise<void>;
  /** Resolves once LISTEN is active (first connection). */
  ready: Promise<void>;
}

/**
 * Listens on the event channel. `pg` does not reconnect by itself: on `error`/`end` the client is replaced
 * and LISTEN re-issued with exponential backoff (0.25 s doubling to 10 s), so a PostgreSQL restart only
 * pauses delivery. Events sent while disconnected are lost; subscribers re-read state on the next event.
 */
export function listenForEvents(databaseUrl: string, logger: Logger, onEvent: (event: EventEnvelope) => void): EventListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retryDelay = 250;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel !== eventChannel || !message.payload) return;
      try {
        onEvent(JSON.parse(message.payload) as EventEnvelope);
      } catch (error) {
        logger.error({ err: error }, 'bad event payload');
      }
    });
    const reconnect = (reason: unknown) => {
      if (closed || client !== next) return;
      client = undefined;
      logger.warn({ err: reason, retryInMs: retryDelay }, 'event listener disconnected; reconnecting');
      next.removeAllListeners('end');
      next.end().catch(() => {});
      retryTimer = setTimeout(() => void connect(), retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10_000);
    };
    next.on('error', reconnect);
    next.on('end', () => reconnect(new Error('connection ended')));
    client = next;
    try {
      await next.connect();
      await next.query(`LISTEN ${eventChannel}`);
      retryDelay = 250;
      logger.debug('listening for events');
      markReady();
    } catch (error) {
      reconnect(error);
    }
  };
  void connect();

  return {
    ready,
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      if (current) await current.end().catch(() => {});
    },
  };
}
