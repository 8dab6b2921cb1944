/** How deliveries are retried. */
export interface DeliveryRetryPolicy {
  /** Attempts in all (the first and the retries), ≥ 1. */
  maxAttempts: number;
  /** Wait before the first retry, milliseconds; each further retry waits twice as long … */
  baseDelayMs: number;
  /** … up to this, milliseconds. */
  maxDelayMs: number;
}

/** Default: 8 attempts over about 2 hours (30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 32 min … capped at 1 h). */
export const defaultDeliveryRetryPolicy: DeliveryRetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/**
 * Exponential backoff with a cap: the wait after failed attempt `attempt` (1-based) is
 * `min(baseDelayMs · 2^(attempt − 1), maxDelayMs)` milliseconds, or null when `attempt` was the last one allowed
 * (the delivery is given up).
 */
export function nextRetryDelayMs(policy: DeliveryRetryPolicy, attempt: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
