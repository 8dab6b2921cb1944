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
  /** Orders published one event each per job at most (a replay batch publishes the deployment's row instead). */
  maxOrderEventsPerJob: 20,
} as const;

/** The job key of a deployment's bar job: one per deployment and bar (open time, ms since the epoch). */
export function deploymentBarJobKey(deploymentId: string, barOpenMs: number): string {
  return `${deploymentBarJobKeyPrefix(deploymentId)}${barOpenMs}`;
}

/** What every bar job key of one deployment starts with. */
export function deploymentBarJobKeyPrefix(deploymentId: string): string {
  return `deployment-bar:${deploymentId}:`;
}
