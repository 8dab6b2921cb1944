import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { makeAnonymousActor, makeUserActor, type Actor } from '../../domain/auth/actor.ts';
import { ApiToken } from '../../domain/auth/api-token.entity.ts';
import { isRole, type Role } from '../../domain/auth/roles.ts';
import { UserSession } from '../../domain/auth/user-session.entity.ts';
import type { Clock } from '../../infra/clock.ts';

/** Prefixes make leaked credentials recognizable (secret scanners) and say which kind they are. */
export const apiTokenPrefix = 'crucible_pat_';
export const sessionPrefix = 'crucible_ses_';

/** A new random secret with `prefix` (256 bits, base64url). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 (hex) of a secret: what the database stores instead of it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The roles of `values` that name a role (unknown strings in the database are ignored — fail closed). */
export function knownRoles(values: readonly string[]): Role[] {
  return values.filter(isRole);
}

/** What a request or socket presented. */
export interface PresentedCredentials {
  /** The session cookie's value. */
  sessionSecret?: string | null;
  /** The `Authorization: Bearer …` token (an API token, or a session secret for cookie-less clients). */
  bearerToken?: string | null;
}

/**
 * Resolves presented credentials to an actor. Unknown, revoked or expired credentials, and deactivated users,
 * give the anonymous actor (which may only sign in). An API token's roles are narrowed to the roles its owner
 * still holds.
 */
export async function authenticate(em: EntityManager, clock: Clock, credentials: PresentedCredentials): Promise<Actor> {
  const now = clock.now();
  const bearer = credentials.bearerToken?.trim();
  if (bearer?.startsWith(apiTokenPrefix)) {
    const token = await em.findOne(ApiToken, { secretHash: hashSecret(bearer) }, { populate: ['user'] });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || !token.user.active) return makeAnonymousActor();
    const held = knownRoles(token.user.roles);
    const roles = knownRoles(token.roles).filter((role) => held.includes(role));
    return makeUserActor(token.user, roles, { kind: 'api_token', tokenId: token.id, stepUp: token.stepUp });
  }
  const sessionSecret = bearer?.startsWith(sessionPrefix) ? bearer : credentials.sessionSecret;
  if (sessionSecret) {
    const session = await em.findOne(UserSession, { secretHash: hashSecret(sessionSecret) }, { populate: ['user'] });
    if (!session || session.revokedAt || session.expiresAt <= now || !session.user.active) return makeAnonymousActor();
    return makeUserActor(session.user, knownRoles(session.user.roles), { kind: 'session', sessionId: session.id, totpVerifiedAt: session.totpVerifiedAt ?? null });
  }
  return makeAnonymousActor();
}
