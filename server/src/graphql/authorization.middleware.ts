import type { GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { subjects, type Subject } from '../domain/auth/abilities.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { GraphQLContext } from './context.ts';

/** Root fields open to callers without credentials. */
const publicQueryFields = new Set(['me']);
const guardedSubjects = new Set<string>(subjects.filter((subject) => subject !== 'all'));

/**
 * The one global middleware for field-level reads (stack-notes §8), in queries and subscription payloads alike:
 * - Query and Subscription root fields need a signed-in caller (except `me`).
 * - Mutation root fields are NOT checked here: each mutation's service method authorizes its use-case against the
 *   one permission table (`mutationPermissions` in domain/auth/abilities.ts, via `governance.authorizeUseCase`),
 *   for the API, the worker and the CLI alike — one check, one source of truth.
 * - Every field of a type named like a CASL subject is checked with `ability.can('read', type, field)`; a
 *   field the caller may not see resolves to `null` with a FORBIDDEN error entry.
 */
export const authorizationGuard: MiddlewareFn<GraphQLContext> = async ({ info, context }, next) => {
  const parent = info.parentType.name;
  const actor = context.actor;
  if (parent === 'Query' || parent === 'Subscription') {
    if (actor.credential.kind === 'anonymous' && !publicQueryFields.has(info.fieldName)) throw new UnauthenticatedError();
    return next();
  }
  if (guardedSubjects.has(parent) && !isIntrospection(info)) {
    const cache = (context.fieldDecisions ??= new Map<string, boolean>());
    const key = `${parent}.${info.fieldName}`;
    let allowed = cache.get(key);
    if (allowed === undefined) {
      allowed = actor.ability.can('read', parent as Subject, info.fieldName);
      cache.set(key, allowed);
    }
    if (!allowed) throw new ForbiddenError(`your role (${actor.roles.join(', ') || 'none'}) may not read ${key}`);
  }
  return next();
};

function isIntrospection(info: GraphQLResolveInfo): boolean {
  return info.fieldName.startsWith('__');
}
