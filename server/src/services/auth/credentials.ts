import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { makeAnonymousActor, makeUserActor, type Actor } from '../../domain/auth/actor.ts';
import { isRole, type Role } from '../../domain/auth/roles.ts';
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

/** An authentication's actor and until when the credential is valid by its own expiry (ms since epoch; null: no expiry). */
export interface Authentication {
  actor: Actor;
  expiresAtMs: number | null;
}

/**
 * Resolves presented credentials to an actor. Unknown, revoked or expired credentials, and deactivated users,
 * give the anonymous actor (which may only sign in). An API token's roles are narrowed to the roles its owner
 * still holds.
 */
export async function authenticate(em: EntityManager, clock: Clock, credentials: PresentedCredentials): Promise<Actor> {
  return (await authenticateWithExpiry(em, clock, credentials)).actor;
}

/**
 * {@link authenticate}, also returning the credential's expiry: besides that expiry, the result depends only on the
 * rows it read (api_token or user_session, app_user) — what the authentication cache (authentication-cache.ts) relies on.
 */
export async function authenticateWithExpiry(em: EntityManager, clock: Clock, credentials: PresentedCredentials): Promise<Authentication> {
  // One plain statement per request, no entity hydration: every API request and socket authenticates (issue 9
  // "Under load": the ORM lookup of token and user was a third of a cached response's server CPU).
  const now = clock.now().toISOString();
  const bearer = credentials.bearerToken?.trim();
  if (bearer?.startsWith(apiTokenPrefix)) {
    const [token] = await em.execute<{ id: string; roles: string[]; step_up: boolean; user_id: string; email: string; user_roles: string[]; expires_ms: string | null }[]>(
      `select t.id, t.roles, t.step_up, u.id as user_id, u.email, u.roles as user_roles, floor(extract(epoch from t.expires_at) * 1000)::text as expires_ms
         from api_token t join app_user u on u.id = t.user_id
        where t.secret_hash = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?::timestamptz) and u.active`,
      [hashSecret(bearer), now],
    );
    if (!token) return { actor: makeAnonymousActor(), expiresAtMs: null };
    const held = knownRoles(token.user_roles);
    const roles = knownRoles(token.roles).filter((role) => held.includes(role));
    const actor = makeUserActor({ id: token.user_id, email: token.email }, roles, { kind: 'api_token', tokenId: token.id, stepUp: token.step_up });
    return { actor, expiresAtMs: token.expires_ms === null ? null : Number(token.expires_ms) };
  }
  const sessionSecret = bearer?.startsWith(sessionPrefix) ? bearer : credentials.sessionSecret;
  if (sessionSecret) {
    const [session] = await em.execute<{ id: string; totp_verified_ms: string | null; user_id: string; email: string; user_roles: string[]; expires_ms: string }[]>(
      `select s.id, floor(extract(epoch from s.totp_verified_at) * 1000)::text as totp_verified_ms, u.id as user_id, u.email, u.roles as user_roles,
              floor(extract(epoch from s.expires_at) * 1000)::text as expires_ms
         from user_session s join app_user u on u.id = s.user_id
        where s.secret_hash = ? and s.revoked_at is null and s.expires_at > ?::timestamptz and u.active`,
      [hashSecret(sessionSecret), now],
    );
    if (!session) return { actor: makeAnonymousActor(), expiresAtMs: null };
    const totpVerifiedAt = session.totp_verified_ms === null ? null : new Date(Number(session.totp_verified_ms));
    const actor = makeUserActor({ id: session.user_id, email: session.email }, knownRoles(session.user_roles), { kind: 'session', sessionId: session.id, totpVerifiedAt });
    return { actor, expiresAtMs: Number(session.expires_ms) };
  }
  return { actor: makeAnonymousActor(), expiresAtMs: null };
}
