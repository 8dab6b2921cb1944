import { defineAbilityFor, defineAnonymousAbility, defineSystemAbility, type AppAbility } from './abilities.ts';
import type { ActorRole, Role } from './roles.ts';

/** How the actor proved who they are. */
export type Credential =
  | { kind: 'session'; sessionId: string; totpVerifiedAt: Date | null }
  | { kind: 'api_token'; tokenId: string; stepUp: boolean }
  | { kind: 'system' }
  | { kind: 'anonymous' };

/** Who performs a use-case: the user (or the platform), the roles in force, and the resulting ability. */
export interface Actor {
  /** `null` for anonymous callers; the system account's id for the platform. */
  userId: string | null;
  email: string | null;
  /** Roles in force: the user's roles, narrowed to an API token's roles. */
  roles: readonly Role[];
  ability: AppAbility;
  credential: Credential;
}

/** The platform itself (worker tasks, start-up seeding, operator CLI): may do everything. */
export function makeSystemActor(systemUserId: string | null = null): Actor {
  return { userId: systemUserId, email: null, roles: [], ability: defineSystemAbility(), credential: { kind: 'system' } };
}

/** A caller without credentials. */
export function makeAnonymousActor(): Actor {
  return { userId: null, email: null, roles: [], ability: defineAnonymousAbility(), credential: { kind: 'anonymous' } };
}

/** A signed-in user (session or API token) with the roles in force. */
export function makeUserActor(user: { id: string; email: string }, heldRoles: readonly Role[], credential: Credential): Actor {
  return { userId: user.id, email: user.email, roles: heldRoles, ability: defineAbilityFor(heldRoles, user.id), credential };
}

/** The role(s) recorded in the audit trail: the roles in force joined by `,`, or `system` / `anonymous`. */
export function auditRoleOf(actor: Actor): string {
  const fixed: ActorRole | null = actor.credential.kind === 'system' ? 'system' : actor.credential.kind === 'anonymous' ? 'anonymous' : null;
  return fixed ?? (actor.roles.length > 0 ? actor.roles.join(',') : 'none');
}
