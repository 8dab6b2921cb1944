/**
 * Events published through PostgreSQL NOTIFY inside the writing transaction (delivered only on commit) and
 * fanned out to GraphQL subscriptions on every server replica. Payloads carry ids only (NOTIFY is limited to
 * 8000 bytes); subscribers re-read the row, which also re-applies authorization.
 */
export interface EventTopics {
  BACKTEST_RUN_UPDATED: { id: string; status: string };
  MARKET_DATA_SET_CERTIFIED: { id: string };
}
export type EventTopic = keyof EventTopics;

/** The single NOTIFY channel; the topic travels inside the JSON payload. */
export const eventChannel = 'crucible_events';

/** The wire format of one event on `eventChannel`. */
export interface EventEnvelope<T extends EventTopic = EventTopic> {
  topic: T;
  payload: EventTopics[T];
}
