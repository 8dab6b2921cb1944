import { canOn, isProductionAction, mutationPermissions, type Action, type Subject, type UseCase, type UseCasePermission } from '../../domain/auth/abilities.ts';
import type { Actor } from '../../domain/auth/actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { systemUserEmail, User } from '../../domain/user/user.entity.ts';
import type { SecuritySettings } from '../../infra/security/security-settings.ts';
import { AuditRecorder } from '../audit/audit-recorder.ts';
import type { ServiceContext } from '../service-context.ts';

/** True when the actor's credential carries a recent enough second factor for production actions. */
export function hasFreshStepUp(actor: Actor, now: Date, windowMs: number): boolean {
  const credential = actor.credential;
  if (credential.kind === 'system') return true;
  if (credential.kind === 'api_token') return credential.stepUp;
  if (credential.kind === 'session') return credential.totpVerifiedAt !== null && now.getTime() - credential.totpVerifiedAt.getTime() <= windowMs;
  return false;
}

/**
 * The check every service method opens with: the actor's CASL ability must allow `action` on `subject`, and a
 * production action also needs a fresh second factor. A refusal is audited (`authorization.denied`, in its
 * own transaction, since the use-case's transaction never starts) and thrown; nothing else happens.
 * @throws UnauthenticatedError when nobody is signed in; ForbiddenError (reason ROLE or STEP_UP_REQUIRED).
 */
export async function authorize(
  ctx: ServiceContext,
  audit: AuditRecorder,
  action: Action,
  subject: Subject,
  options: { subjectId?: string | null; stepUpWindowMs: number; object?: Record<string, unknown> },
): Promise<void> {
  const actor = ctx.actor;
  if (actor.credential.kind === 'system') return;
  const deny = async (error: ForbiddenError | UnauthenticatedError) => {
    await audit.recordAlone(ctx.em, {
      action: 'authorization.denied',
      subjectType: subject,
      subjectId: options.subjectId ?? null,
      details: { attemptedAction: action, reason: error instanceof ForbiddenError ? error.reason : 'UNAUTHENTICATED', productionAction: isProductionAction(action, subject) },
    });
    throw error;
  };
  if (actor.credential.kind === 'anonymous') return deny(new UnauthenticatedError());
  if (!actor.ability.can(action, subject)) {
    return deny(new ForbiddenError(`role ${actor.roles.join(', ') || '(none)'} may not ${action} ${subject}`));
  }
  if (options.object && !canOn(actor.ability, action, subject, options.object)) {
    return deny(new ForbiddenError(`role ${actor.roles.join(', ') || '(none)'} may not ${action} this ${subject} (only its owner's, or with a role allowed on every ${subject})`));
  }
  if (isProductionAction(action, subject) && !hasFreshStepUp(actor, ctx.clock.now(), options.stepUpWindowMs)) {
    const how = actor.credential.kind === 'api_token' ? 'this API token was created without a TOTP step-up' : 'confirm a TOTP code (stepUp) first';
    return deny(new ForbiddenError(`${action} ${subject} is a production action and needs a second factor: ${how}`, 'STEP_UP_REQUIRED'));
  }
}

/**
 * Authorization and audit for one service context: every service method calls `authorize` first and records
 * its state change through `audit` (the one recorder) inside its transaction.
 */
export class Governance {
  readonly audit: AuditRecorder;
  readonly security: SecuritySettings;
  private readonly ctx: ServiceContext;
  constructor(ctx: ServiceContext, security: SecuritySettings) {
    this.ctx = ctx;
    this.security = security;
    this.audit = new AuditRecorder({ actor: ctx.actor, correlationId: ctx.correlationId, clock: ctx.clock, security });
  }

  /** See {@link authorize}. @throws UnauthenticatedError, ForbiddenError */
  async authorize(action: Action, subject: Subject, subjectId?: string | null): Promise<void> {
    await authorize(this.ctx, this.audit, action, subject, { subjectId, stepUpWindowMs: this.security.stepUpWindowMs });
  }

  /**
   * Authorizes a use-case by its entry in the one permission table (`mutationPermissions`): `public` passes,
   * `self` needs a signed-in caller, a rule goes through {@link authorize} (role, step-up, audited denial) — on
   * `options.object` when given (rules with conditions, e.g. `own`, are matched against it).
   * @throws UnauthenticatedError, ForbiddenError
   */
  async authorizeUseCase(useCase: UseCase, subjectId?: string | null, options: { object?: Record<string, unknown> } = {}): Promise<void> {
    const permission: UseCasePermission = mutationPermissions[useCase];
    if (permission === 'public') return;
    if (permission === 'self') {
      if (this.ctx.actor.credential.kind === 'anonymous') throw new UnauthenticatedError();
      return;
    }
    await authorize(this.ctx, this.audit, permission.action, permission.subject, { subjectId, object: options.object, stepUpWindowMs: this.security.stepUpWindowMs });
  }

  /**
   * Authorizes the rule a use-case also needs (`alsoNeeds` in `mutationPermissions`) for the part of it that applies now (e.g. `createUser` giving a
   * privileged role needs `grant Role`, with its step-up). No-op for a use-case without one.
   * @throws UnauthenticatedError, ForbiddenError
   */
  async authorizeAlsoNeeded(useCase: UseCase, subjectId?: string | null): Promise<void> {
    const permission: UseCasePermission = mutationPermissions[useCase];
    if (typeof permission === 'object' && permission.alsoNeeds) await this.authorize(permission.alsoNeeds.action, permission.alsoNeeds.subject, subjectId);
  }

  /**
   * {@link authorize} on one object: rules with conditions (e.g. research retires only strategies it owns) are
   * matched against `object` (e.g. `{ ownerId }`). @throws UnauthenticatedError, ForbiddenError
   */
  async authorizeOn(action: Action, subject: Subject, subjectId: string, object: Record<string, unknown>): Promise<void> {
    await authorize(this.ctx, this.audit, action, subject, { subjectId, object, stepUpWindowMs: this.security.stepUpWindowMs });
  }

  /**
   * The platform's service account (`system@crucible.local`), created on first use (audited `user.created`).
   * @throws ForbiddenError when it must be created and the actor may not create users.
   */
  async systemUser(): Promise<User> {
    const existing = await this.ctx.em.findOne(User, { email: systemUserEmail });
    if (existing) return existing;
    await this.authorize('create', 'User');
    await this.ctx.em.transactional(async (em) => {
      const id = newId();
      const inserted = await em.execute<{ id: string }[]>(
        `insert into app_user (id, email, display_name, kind) values (?, ?, 'Crucible system', 'service') on conflict (email) do nothing returning id`,
        [id, systemUserEmail],
      );
      if (inserted.length > 0) await this.audit.record(em, { action: 'user.created', subjectType: 'User', subjectId: id, details: { email: systemUserEmail, kind: 'service' } });
    });
    return this.ctx.em.findOneOrFail(User, { email: systemUserEmail });
  }

  /** Who acts, as a user id (recorded as creator, reviewer, changer…): the actor's user, or {@link systemUser} when the platform acts. */
  async actingUserId(): Promise<string> {
    return this.ctx.actor.userId ?? (await this.systemUser()).id;
  }
}
