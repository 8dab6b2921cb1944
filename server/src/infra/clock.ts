/** Source of time, injected so simulations and tests can run on market time instead of wall time. */
export interface Clock {
  now(): Date;
}

/** Wall-clock time. */
export const systemClock: Clock = { now: () => new Date() };
