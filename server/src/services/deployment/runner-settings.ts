/**
 * How the deployment runner paces and bounds its work. Decisions stay in the engine; these only say how much one job
 * does and when the next one runs.
 */
export const runnerSettings = {
  /** Bars one job processes at most when several are pending (catch-up, a replay as fast as possible). */
  maxBarsPerJob: 5000,
  /**
   * How far a live bar's close may lie after the platform clock before it is refused as future-dated (exchange and
   * host clocks differ), ms. A replay runs on its own clock: no tolerance.
   */
  liveClockSkewToleranceMs: 5_000,
  /** A live feed is polled this long after a bar is due to close (exchanges publish a closed bar with a delay), ms. */
  livePollDelayMs: 2_000,
  /**
   * OBSERVE and SHADOW deployments that never traded capital: their monitoring evaluation (of the newest mark) runs at
   * most once per this interval, ms; marks written meanwhile wait for it. PAPER and LIVE ones are evaluated at once.
   */
  simulatedMonitoringIntervalMs: 5_000,
  /** Orders published one event each per job at most (a replay batch publishes the deployment's row instead). */
  maxOrderEventsPerJob: 20,
  /**
   * LIVE: a deployment that cannot trade yet (its exchange did not answer, or an order's outcome is still unknown)
   * tries its reconciliation again this long after, ms. Only reads are repeated; no order is re-sent.
   */
  venueRetryDelayMs: 30_000,
  /**
   * LIVE: how long one job holds the deployment's venue lease at most (its venue calls time out after 10 s each), ms.
   * A job killed while holding it delays the next one by at most this much.
   */
  venueLeaseMs: 120_000,
  /** LIVE: a job that finds the venue lease held by another job of the deployment comes back this long after, ms. */
  venueBusyDelayMs: 1_000,
} as const;

/** The job key of a deployment's bar job: one per deployment and bar (open time, ms since the epoch). */
export function deploymentBarJobKey(deploymentId: string, barOpenMs: number): string {
  return `${deploymentBarJobKeyPrefix(deploymentId)}${barOpenMs}`;
}

/** What every bar job key starts with; the deployment's id follows, then `:` and the bar's open time. */
export const deploymentBarJobKeyStart = 'deployment-bar:';

/** What every bar job key of one deployment starts with. */
export function deploymentBarJobKeyPrefix(deploymentId: string): string {
  return `${deploymentBarJobKeyStart}${deploymentId}:`;
}
