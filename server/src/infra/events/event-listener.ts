import pg from 'pg';
import { eventChannel, type EventEnvelope, type EventNotification } from '../../domain/events.ts';
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
 * pauses delivery. Events sent while disconnected are lost. Events are handed over in the order they were
 * notified; one too large for NOTIFY arrives as an `event_overflow` id and is read on the listening connection
 * first (later events wait for it, keeping the order).
 */
export function listenForEvents(databaseUrl: string, logger: Logger, onEvent: (event: EventEnvelope) => void): EventListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retryDelay = 250;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  // The tail of the in-order delivery chain while an overflowed event is being read, else undefined.
  let pending: Promise<void> | undefined;
  const hand = (event: EventEnvelope) => {
    try {
      onEvent(event);
    } catch (error) {
      logger.error({ err: error, topic: event.topic }, 'event handler failed');
    }
  };
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (message) => {
      if (message.channel !== eventChannel || !message.payload) return;
      let notification: EventNotification;
      try {
        notification = JSON.parse(message.payload) as EventNotification;
      } catch (error) {
        logger.error({ err: error }, 'bad event payload');
        return;
      }
      if (!('overflowId' in notification) && pending === undefined) {
        hand(notification);
        return;
      }
      const previous = pending ?? Promise.resolve();
      const current: Promise<void> = previous.then(async () => {
        if (!('overflowId' in notification)) return hand(notification);
        try {
          const result = await next.query<{ envelope: EventEnvelope }>('select envelope from event_overflow where id = $1', [notification.overflowId]);
          if (result.rows[0]) hand(result.rows[0].envelope);
          else logger.warn({ overflowId: notification.overflowId }, 'overflowed event no longer stored');
        } catch (error) {
          logger.error({ err: error, overflowId: notification.overflowId }, 'could not read an overflowed event');
        }
      });
      pending = current;
      void current.then(() => {
        if (pending === current) pending = undefined;
      });
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
