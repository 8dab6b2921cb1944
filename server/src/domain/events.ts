/**
 * Events published through PostgreSQL NOTIFY inside the writing transaction (delivered only on commit) and
 * fanned out to GraphQL subscriptions on every server replica. Payloads carry ids only (NOTIFY is limited to
 * 8000 bytes); subscribers re-read the row, which also re-applies authorization.
 */
export interface EventTopics {
  BACKTEST_RUN_UPDATED: { id: string; status: string };
  MARKET_DATA_SET_CERTIFIED: { id: string };
  /** An evaluation cycle changed status; on `completed` its scorecard entries of `evaluationDate` were written. */
  SCORECARD_UPDATED: { cycleId: string; status: string; evaluationDate: string | null };
  /** A trigger was recorded (and its jobs enqueued, when it caused any). */
  TRIGGER_RECORDED: { id: string };
  /** Credentials stopped working (token revoked, signed out, user deactivated or lost a role): close their sockets. */
  CREDENTIALS_REVOKED: { userId?: string; tokenId?: string; sessionId?: string };
  /**
   * An optimization changed status or stored a segment: counters (trials / segments done and total), the OOS
   * objective value of the segment just stored, and the estimated seconds left (null when unknown).
   */
  OPTIMIZATION_PROGRESS: {
    id: string;
    status: string;
    trialsCompleted: number;
    trialsTotal: number;
    segmentsCompleted: number;
    segmentsTotal: number;
    lastSegmentObjective: number | null;
    etaSeconds: number | null;
  };
}
export type EventTopic = keyof EventTopics;

/** The single NOTIFY channel; the topic travels inside the JSON payload. */
export const eventChannel = 'crucible_events';

/** The wire format of one event on `eventChannel`. */
export interface EventEnvelope<T extends EventTopic = EventTopic> {
  topic: T;
  payload: EventTopics[T];
}
