/** Roles a person (or an API token) can hold (DESIGN.md §2). A user holds one or more. */
export const roles = ['research', 'production', 'risk', 'compliance', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * Roles whose grant is a production action (a second factor): every role beyond research reaches production
 * decisions, sensitive fields, the audit trail or user administration. Creating a user with one of them is a
 * role grant and needs the same step-up as `grantRole`.
 */
export const privilegedRoles: readonly Role[] = ['production', 'risk', 'compliance', 'admin'];

/** The role recorded for the platform acting on its own (worker tasks, start-up, CLI without a user). */
export const systemRole = 'system' as const;

/** Role an audited actor acted in: a user role, `system`, or `anonymous` (failed sign-ins, denied calls). */
export type ActorRole = Role | typeof systemRole | 'anonymous';

/** True when `value` names a role. */
export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
