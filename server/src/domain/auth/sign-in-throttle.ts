/**
 * Sign-in throttling (pure): growing delays per account *and* source instead of a lockout for everyone.
 *
 * - Per account and source (the TCP peer address): after `perSourceFailures` failures within `windowMs`, each
 *   further attempt from that source must wait `baseDelayMs × 2^(failures − perSourceFailures)` (capped at
 *   `maxDelayMs`) after the last failure. Someone guessing from one address slows down; nobody else does.
 * - Per account (all sources): after `perAccountFailures` failures, the same growing delay applies to attempts
 *   *without* a TOTP code. An attempt that carries a TOTP code is still checked, so the owner signs in with the
 *   right password plus TOTP while an attacker spreading guesses over many addresses is slowed down (a guess must
 *   then also hit the current TOTP code, and is told nothing about which part was wrong).
 */
export interface SignInThrottlePolicy {
  perSourceFailures: number;
  perAccountFailures: number;
  /** First delay once a threshold is reached, milliseconds; doubles with every further failure. */
  baseDelayMs: number;
  /** Longest delay, milliseconds. */
  maxDelayMs: number;
  /** Failures older than this are forgotten, milliseconds. */
  windowMs: number;
}

/** Defaults: 5 failures per source, 20 per account; delays 30 s, 60 s, 120 s … up to 15 minutes; 15-minute window. */
export const defaultSignInThrottle: SignInThrottlePolicy = {
  perSourceFailures: 5,
  perAccountFailures: 20,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  windowMs: 15 * 60_000,
};

/** Failed sign-ins within the window: how many, and when the last one happened. */
export interface FailureHistory {
  count: number;
  lastAt: Date | null;
}

/** Whether an attempt may be checked now, or how long to wait (and which limit holds it back). */
export type ThrottleDecision = { allowed: true } | { allowed: false; scope: 'source' | 'account'; retryAfterMs: number };

/** Milliseconds still to wait after `history` under `threshold`, 0 when an attempt may go ahead. */
export function remainingDelayMs(history: FailureHistory, threshold: number, policy: SignInThrottlePolicy, now: Date): number {
  if (history.count < threshold || !history.lastAt) return 0;
  const exponent = Math.min(history.count - threshold, 30);
  const delay = Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
  return Math.max(0, history.lastAt.getTime() + delay - now.getTime());
}

/** The throttle's decision for one attempt. */
export function decideSignInThrottle(
  input: { source: FailureHistory; account: FailureHistory; hasTotpCode: boolean },
  policy: SignInThrottlePolicy,
  now: Date,
): ThrottleDecision {
  const sourceWait = remainingDelayMs(input.source, policy.perSourceFailures, policy, now);
  if (sourceWait > 0) return { allowed: false, scope: 'source', retryAfterMs: sourceWait };
  const accountWait = input.hasTotpCode ? 0 : remainingDelayMs(input.account, policy.perAccountFailures, policy, now);
  if (accountWait > 0) return { allowed: false, scope: 'account', retryAfterMs: accountWait };
  return { allowed: true };
}
