/**
 * The clock of a paced replay: market time runs `barMs / intervalMs` times faster than the platform clock, from the
 * replay's first bar open (`originMs`, market time) at `startedAtMs` (platform clock). A bar is "closed" on the replay
 * clock when its close time (open + bar length) is at or before the replay clock's now. All times in ms since the
 * epoch (UTC). Pure.
 */
export interface ReplayClock {
  /** Open time of the replay's first bar, market time. */
  originMs: number;
  /** Platform-clock time at which the replay clock read `originMs`. */
  startedAtMs: number;
  /** Bar length, ms of market time. */
  barMs: number;
  /** Platform-clock ms per bar (the replay speed). */
  intervalMs: number;
}

/** Market time on the replay clock at platform time `nowMs`. */
export function replayClockNow(clock: ReplayClock, nowMs: number): number {
  return clock.originMs + ((nowMs - clock.startedAtMs) * clock.barMs) / clock.intervalMs;
}

/** Platform time at which the replay clock reaches market time `marketMs` (e.g. a bar's close). */
export function replayClockReaches(clock: ReplayClock, marketMs: number): number {
  return clock.startedAtMs + ((marketMs - clock.originMs) * clock.intervalMs) / clock.barMs;
}
