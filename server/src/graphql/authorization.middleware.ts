import { defaultFieldResolver, isObjectType, type GraphQLArgument, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { subjects, type AppAbility, type Subject } from '../domain/auth/abilities.ts';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.ts';
import type { GraphQLContext } from './context.ts';
import { checkArgumentLimits } from './input-limits.ts';

/** Root fields open to callers without credentials. */
const publicQueryFields = new Set(['me']);
const guardedSubjects = new Set<string>(subjects.filter((subject) => subject !== 'all'));

type Resolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * The one field-level read guard (stack-notes §8), in queries and subscription payloads alike, installed on the built
 * schema by wrapping each field's `resolve` — synchronously, so a guarded field costs a map lookup, not a promise:
 * - Query and Subscription root fields need a signed-in caller (except `me`).
 * - Mutation root fields are NOT checked here: each mutation's service method authorizes its use-case against the
 *   one permission table (`mutationPermissions` in domain/auth/abilities.ts, via `governance.authorizeUseCase`),
 *   for the API, the worker and the CLI alike — one check, one source of truth.
 * - Every field of a type named like a CASL subject is checked with `ability.can('read', type, field)`, decided once
 *   per (field, ability) — an ability is immutable and depends only on the caller's roles; a field the caller may not
 *   see resolves to `null` with a FORBIDDEN error entry (the resolver is not called).
 * - Then every field with arguments has them checked against their bounds (input-limits.ts) before its resolver runs.
 * Fields of other types without arguments are left untouched. Mutates and returns `schema`.
 */
export function guardSchemaFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const parent = type.name;
    const isRoot = parent === 'Query' || parent === 'Subscription';
    const isGuarded = guardedSubjects.has(parent);
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('__')) continue;
      let resolve: Resolver = (field.resolve as Resolver | undefined) ?? (defaultFieldResolver as Resolver);
      if (field.args.length > 0) resolve = withArgumentLimits(resolve, `${parent}.${field.name}`, field.args);
      if (isRoot) resolve = withSignedInCaller(resolve, field.name);
      else if (isGuarded) resolve = withFieldReadCheck(resolve, parent, field.name);
      else if (field.args.length === 0) continue;
      field.resolve = resolve as typeof field.resolve;
    }
  }
  return schema;
}

function withSignedInCaller(resolve: Resolver, fieldName: string): Resolver {
  if (publicQueryFields.has(fieldName)) return resolve;
  return (source, args, context, info) => {
    if (context.actor.credential.kind === 'anonymous') throw new UnauthenticatedError();
    return resolve(source, args, context, info);
  };
}

function withFieldReadCheck(resolve: Resolver, parent: string, fieldName: string): Resolver {
  const key = `${parent}.${fieldName}`;
  const decisions = new WeakMap<AppAbility, boolean>();
  return (source, args, context, info) => {
    const { ability } = context.actor;
    let allowed = decisions.get(ability);
    if (allowed === undefined) {
      allowed = ability.can('read', parent as Subject, fieldName);
      decisions.set(ability, allowed);
    }
    if (!allowed) throw new ForbiddenError(`your role (${context.actor.roles.join(', ') || 'none'}) may not read ${key}`);
    return resolve(source, args, context, info);
  };
}

function withArgumentLimits(resolve: Resolver, owner: string, fieldArgs: readonly GraphQLArgument[]): Resolver {
  return (source, args, context, info) => {
    checkArgumentLimits(owner, fieldArgs, args as Record<string, unknown>);
    return resolve(source, args, context, info);
  };
}
