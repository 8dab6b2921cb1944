/**
 * Events published through PostgreSQL NOTIFY inside the writing transaction (delivered only on commit) and
 * fanned out to GraphQL subscriptions on every server replica. Each event carries the state of its object as of
 * the event: a snapshot of the object's row read in the publishing transaction (see `EventEnvelope.snapshot`).
 * Subscriptions deliver that snapshot, never a later re-read, so no state is skipped or seen out of order;
 * authorization is applied by the subscriber when it delivers.
 */
export interface EventTopics {
  /** The global trading state changed (its row, id `global`, is the snapshot). */
  GLOBAL_TRADING_STATE_CHANGED: { id: string; tradingState: string };
  /** A LIVE confirmation token was created or revoked (`change`); its row (hash only, never the token) is the snapshot. */
  LIVE_CONFIRMATION_TOKEN_UPDATED: { id: string; deploymentId: string; change: string };

  BACKTEST_RUN_UPDATED: { id: string; status: string };
  /** A governance simulation changed status or progress (fraction 0–1); its row is the snapshot. */
  SIMULATION_RUN_UPDATED: { id: string; status: string; progress: number };
  /** A promotion policy version was proposed or activated (`change`); its row is the snapshot (activating one deactivates the others). */
  PROMOTION_POLICY_UPDATED: { id: string; version: string; change: 'proposed' | 'activated' };
  /** A market data set was imported and certified (its row is the snapshot). */
  MARKET_DATA_SET_CERTIFIED: { id: string };
  /** A strategy was registered or moved in its lifecycle (`change` names what happened). */
  STRATEGY_UPDATED: { id: string; change: string };
  /** A strategy version was submitted, approved or rejected (`change` names what happened). */
  STRATEGY_VERSION_UPDATED: { id: string; strategyId: string; change: string };
  /** A notification was written for the role `audience`. */
  NOTIFICATION_CREATED: { id: string; audience: string };
  /** A notification was marked read (for its whole audience role). */
  NOTIFICATION_READ: { id: string; audience: string };
  /** A notification delivery was queued or attempted (its row — no secret in it — is the snapshot). */
  NOTIFICATION_DELIVERY_UPDATED: { id: string; channelId: string; status: string };
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
    /** Best out-of-sample objective over the segments stored so far (null before the first). */
    bestObjective: number | null;
    etaSeconds: number | null;
  };
  /**
   * A deployment changed: bars processed (`bars_processed`), health, trading state, stage or activation changed
   * (`change` names what happened). Its row is the snapshot.
   */
  DEPLOYMENT_UPDATED: { id: string; change: string };
  /** A deployment order was created or changed state (its row is the snapshot). */
  DEPLOYMENT_ORDER_UPDATED: { id: string; deploymentId: string; state: string };
  /**
   * A deployment marked its P&L at a bar's close (the last bar of a processed batch): money in the deployment's quote
   * currency, drawdown and exposure as fractions (see `PnlSnapshot`). `barAt` is the bar's open time (ISO 8601).
   */
  DEPLOYMENT_PNL_MARKED: {
    deploymentId: string;
    barAt: string;
    equity: number;
    realizedPnl: number;
    unrealizedPnl: number;
    fees: number;
    drawdown: number;
    exposure: number;
  };
  /**
   * An incident was opened (by a person, an escalated job or the monitor) or changed status (`change`: `opened`,
   * `in_review`, `resolved`, `closed`); its row is the snapshot.
   */
  INCIDENT_UPDATED: { id: string; severity: string; change: string };
  /**
   * A promotion request changed (`change`: requested, approved (a step, or the whole request when it executed),
   * execution_held, rejected, expired): its row is the snapshot.
   */
  PROMOTION_REQUEST_UPDATED: { id: string; deploymentId: string; change: string };
  /** A kill switch was turned on or off (its row is the snapshot). */
  KILL_SWITCH_CHANGED: { id: string; scope: string; strategyId: string | null; state: string };
}
export type EventTopic = keyof EventTopics;

/** The single NOTIFY channel; the topic travels inside the JSON payload. */
export const eventChannel = 'crucible_events';

/** A row of the event's object as PostgreSQL's `row_to_json` gives it (column names, JSON values). */
export type EventSnapshot = Record<string, unknown>;

/** The wire format of one event on `eventChannel`. */
export interface EventEnvelope<T extends EventTopic = EventTopic> {
  topic: T;
  payload: EventTopics[T];
  /** The object's row as of the event (null for topics without an object, or when the row was gone). */
  snapshot: EventSnapshot | null;
}

/** A NOTIFY payload: the envelope itself, or the id of an `event_overflow` row holding it when it is too large. */
export type EventNotification = EventEnvelope | { overflowId: string };

/** What a subscription receives for one event: its payload and the object's row as of the event. */
export interface EventDelivery<T extends EventTopic = EventTopic> {
  payload: EventTopics[T];
  snapshot: EventSnapshot | null;
}
