/**
 * How long a LIVE confirmation token enables real orders (promotion-framework.md §1C: "time-bounded enablement"):
 * the creator picks a lifetime between {@link liveConfirmationTokenTtl}.minMs and .maxMs (default .defaultMs). After
 * it the deployment runs as OBSERVE until a new token is created — a person confirms LIVE trading at least daily.
 */
export const liveConfirmationTokenTtl = {
  /** One minute, ms. */
  minMs: 60_000,
  /** One hour, ms: what a token lives when its creator does not say. */
  defaultMs: 3_600_000,
  /** One day, ms: the longest a single confirmation enables LIVE trading. */
  maxMs: 86_400_000,
} as const;

/**
 * What a presented or stored token means for a deployment at an instant:
 * - `valid`: it enables LIVE for this deployment now;
 * - `unknown`: no such token (wrong secret, or none was ever created);
 * - `wrong_deployment`: it was created for another deployment;
 * - `revoked`: someone revoked it;
 * - `expired`: its lifetime is over (now ≥ expiresAt).
 * Anything but `valid` makes a LIVE deployment run as OBSERVE (fail closed).
 */
export const liveTokenVerdicts = ['valid', 'unknown', 'wrong_deployment', 'revoked', 'expired'] as const;
export type LiveTokenVerdict = (typeof liveTokenVerdicts)[number];

/** The facts of a token the verdict reads (a `LiveConfirmationToken` row, with its deployment's id). */
export interface LiveTokenFacts {
  deploymentId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** The verdict and a sentence saying why, for the deployment's `stage_fallback` event or an API refusal. */
export interface LiveTokenJudgement {
  verdict: LiveTokenVerdict;
  reason: string;
}

/**
 * Judges a confirmation token for `deploymentId` at `now` (pure; the runner and the promotion ladder both call it).
 * Checked in this order, the first failing check decides: unknown, wrong deployment, revoked, expired.
 * @param token the token row found by the hash of the presented secret (or the deployment's newest token), or null.
 */
export function judgeLiveConfirmationToken(token: LiveTokenFacts | null, expected: { deploymentId: string; now: Date }): LiveTokenJudgement {
  if (token === null) return { verdict: 'unknown', reason: 'no LIVE confirmation token matches: the deployment runs as OBSERVE' };
  if (token.deploymentId !== expected.deploymentId) {
    return { verdict: 'wrong_deployment', reason: `the LIVE confirmation token was created for deployment ${token.deploymentId}, not ${expected.deploymentId}` };
  }
  if (token.revokedAt !== null) return { verdict: 'revoked', reason: `the LIVE confirmation token was revoked at ${token.revokedAt.toISOString()}` };
  if (expected.now.getTime() >= token.expiresAt.getTime()) {
    return { verdict: 'expired', reason: `the LIVE confirmation token expired at ${token.expiresAt.toISOString()}` };
  }
  return { verdict: 'valid', reason: `the LIVE confirmation token is valid until ${token.expiresAt.toISOString()}` };
}
