import type { Actor } from '../domain/auth/actor.ts';
import { hasFreshStepUp } from '../services/auth/authorize.ts';

/**
 * Everything about the caller that a response may depend on: the credential's kind, the user (ownership rules bind
 * to the user id), the roles in force (field rules: e.g. research never reads an approver's identity) and whether a
 * second factor is fresh now. Two callers share cached responses only when all of these are equal — one user with the
 * same roles, in practice — so no response ever reaches a caller whose view of it differs.
 */
export function visibilityClassOf(actor: Actor, now: Date, stepUpWindowMs: number): string {
  const roles = [...actor.roles].sort().join(',');
  return `${actor.credential.kind}|${actor.userId ?? '-'}|${roles}|${hasFreshStepUp(actor, now, stepUpWindowMs) ? 'stepped-up' : 'no-step-up'}`;
}
