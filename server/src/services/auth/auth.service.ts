import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { mutationPermissions, isProductionAction, type AbilityRule, type UseCasePermission } from '../../domain/auth/abilities.ts';
import { makeUserActor, type Actor } from '../../domain/auth/actor.ts';
import { ApiToken } from '../../domain/auth/api-token.entity.ts';
import { decideSignInThrottle, defaultSignInThrottle, type SignInThrottlePolicy } from '../../domain/auth/sign-in-throttle.ts';
import type { Role } from '../../domain/auth/roles.ts';
import { UserSession } from '../../domain/auth/user-session.entity.ts';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '../../domain/errors.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { openSecret, sealSecret } from '../../infra/security/secret-box.ts';
import { hasFreshStepUp, type Governance } from './authorize.ts';
import { apiTokenPrefix, hashSecret, knownRoles, newSecret, sessionPrefix } from './credentials.ts';
import type { ServiceContext } from '../service-context.ts';

/** TOTP time step, seconds (RFC 6238 default; what authenticator apps use). */
const totpPeriodSeconds = 30;

/** argon2id parameters (OWASP 2024 minimum: 19 MiB, 2 iterations, 1 lane). */
const argon2Options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A valid argon2id hash of a random password: failed look-ups spend the same time as real ones. */
let decoyHash: Promise<string> | undefined;

/** Hashes a password with argon2id. @throws ValidationError for passwords shorter than 8 characters. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 8) throw new ValidationError('password must be at least 8 characters', 'password');
  return argon2Hash(password, argon2Options);
}

/** The outcome of a sign-in: the session secret goes into the httpOnly cookie and nowhere else. */
export interface SignInResult {
  user: User;
  profile: CallerProfile;
  sessionSecret: string;
  session: UserSession;
}

/** A just-created API token: `secret` is shown once and never stored. */
export interface CreatedApiToken {
  token: ApiToken;
  secret: string;
}

/**
 * A mutation the caller may run, but not for everything it does: `when` names the part that needs another rule of the
 * authorization table, which the caller's roles lack (`ROLE`) or which needs a TOTP step-up first (`STEP_UP`; the
 * mutation is then also in `stepUpRequiredFor`).
 */
export interface PartialPermission {
  mutation: string;
  when: string;
  requires: 'ROLE' | 'STEP_UP';
}

/** What the signed-in caller is and may do (the `me` query). */
export interface CallerProfile {
  user: User;
  roles: Role[];
  credential: 'session' | 'api_token';
  /** Mutations the caller may run now (production actions only with a fresh second factor). */
  permittedMutations: string[];
  /** Mutations the role allows but that need a TOTP step-up first — entirely, or for a part (see `partialPermissions`). */
  stepUpRequiredFor: string[];
  /** Permitted mutations of which a part is not allowed now (see {@link PartialPermission}). */
  partialPermissions: PartialPermission[];
  rules: AbilityRule[];
  stepUpValidUntil: Date | null;
  totpEnabled: boolean;
}

/**
 * Sign-in, sessions, second factor and API tokens. Every outcome that changes state or matters to an auditor
 * (sign-ins, failed sign-ins, step-ups, token creation and revocation) is audited.
 */
export class AuthService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly throttle: SignInThrottlePolicy;
  constructor(ctx: ServiceContext, governance: Governance, throttle: Partial<SignInThrottlePolicy> = {}) {
    this.ctx = ctx;
    this.governance = governance;
    this.throttle = { ...defaultSignInThrottle, ...throttle };
  }

  /**
   * Password sign-in (argon2id). A TOTP code, when given and valid, makes the session count as stepped-up.
   * Failed attempts are audited with their source address and throttled with growing delays per account and
   * source, and per account for attempts without a TOTP code ({@link decideSignInThrottle}).
   * @throws UnauthenticatedError (wrong email, password or code — not saying which), RateLimitedError.
   */
  async signIn(input: { email: string; password: string; totpCode?: string | null; source?: string | null }): Promise<SignInResult> {
    const email = input.email.trim().toLowerCase();
    const source = input.source?.slice(0, 100) || 'unknown';
    const now = this.ctx.clock.now();
    const since = new Date(now.getTime() - this.throttle.windowMs);
    const [history] = await this.ctx.em.execute<{ account_count: string; account_last: Date | null; source_count: string; source_last: Date | null }[]>(
      `select count(*) as account_count, max(occurred_at) as account_last,
              count(*) filter (where details->>'source' = ?) as source_count, max(occurred_at) filter (where details->>'source' = ?) as source_last
         from audit_event where action = 'auth.sign_in_failed' and subject_id = ? and occurred_at > ?`,
      [source, source, email, since],
    );
    const decision = decideSignInThrottle(
      {
        source: { count: Number(history!.source_count), lastAt: history!.source_last ? new Date(history!.source_last) : null },
        account: { count: Number(history!.account_count), lastAt: history!.account_last ? new Date(history!.account_last) : null },
        hasTotpCode: Boolean(input.totpCode?.trim()),
      },
      this.throttle,
      now,
    );
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      const hint = decision.scope === 'account' ? '; the account owner can still sign in with password and TOTP code' : '';
      throw new RateLimitedError(`too many failed sign-ins for ${email}; try again in ${seconds} s${hint}`, seconds);
    }
    const user = await this.ctx.em.findOne(User, { email });
    decoyHash ??= argon2Hash(newSecret(''), argon2Options);
    const passwordOk = await argon2Verify(user?.passwordHash ?? (await decoyHash), input.password);
    let totpOk: boolean | null = null;
    // The code is only spent (RFC 6238 §5.2) once the password is right.
    if (user && input.totpCode && passwordOk) totpOk = user.totpEnabledAt ? await this.consumeTotp(user, input.totpCode) : false;
    if (!user || !user.active || !passwordOk || totpOk === false) {
      const reason = !user ? 'unknown_email' : !user.active ? 'deactivated' : !passwordOk ? 'wrong_password' : 'wrong_totp_code';
      await this.governance.audit.recordAlone(this.ctx.em, { action: 'auth.sign_in_failed', subjectType: 'User', subjectId: email, details: { reason, source } });
      throw new UnauthenticatedError('wrong email, password or TOTP code');
    }
    const result = await this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const sessionSecret = newSecret(sessionPrefix);
      const session = em.create(UserSession, {
        user,
        secretHash: hashSecret(sessionSecret),
        expiresAt: new Date(now.getTime() + this.governance.security.sessionTtlMs),
        totpVerifiedAt: totpOk ? now : null,
      });
      await em.flush();
      const actor = makeUserActor(user, knownRoles(user.roles), { kind: 'session', sessionId: session.id, totpVerifiedAt: session.totpVerifiedAt ?? null });
      await this.governance.audit.record(em, { action: 'auth.signed_in', subjectType: 'User', subjectId: user.id, details: { sessionId: session.id, withTotp: totpOk === true, source } }, actor);
      return { user, sessionSecret, session, actor };
    });
    const profile = (await this.profileOf(result.actor))!;
    return { user: result.user, sessionSecret: result.sessionSecret, session: result.session, profile };
  }

  /** Ends the caller's web session (no-op for API tokens). */
  async signOut(): Promise<void> {
    await this.governance.authorizeUseCase('signOut');
    const credential = this.ctx.actor.credential;
    if (credential.kind !== 'session') return;
    await this.ctx.em.transactional(async (em) => {
      const session = await em.findOneOrFail(UserSession, { id: credential.sessionId });
      session.revokedAt = this.ctx.clock.now();
      await em.flush();
      await this.governance.audit.record(em, { action: 'auth.signed_out', subjectType: 'User', subjectId: this.ctx.actor.userId, details: { sessionId: session.id } });
      await publishEvent(em, 'CREDENTIALS_REVOKED', { sessionId: session.id });
    });
  }

  /**
   * Second factor for the current web session: a valid TOTP code lets it perform production actions for the
   * step-up window. @throws UnauthenticatedError without a session; ConflictError when TOTP is not enrolled;
   * ForbiddenError for a wrong code (audited).
   */
  async stepUp(code: string): Promise<Date> {
    const { user, sessionId } = await this.requireSessionUser();
    if (!user.totpEnabledAt) throw new ConflictError('TOTP is not enrolled for this account: enrol first (startTotpEnrolment)');
    if (!(await this.consumeTotp(user, code))) {
      await this.governance.audit.recordAlone(this.ctx.em, { action: 'auth.step_up_failed', subjectType: 'User', subjectId: user.id, details: { sessionId } });
      throw new ForbiddenError('wrong or already used TOTP code', 'STEP_UP_REQUIRED');
    }
    return this.markSessionStepUp(sessionId, user.id, 'auth.stepped_up');
  }

  /**
   * Starts TOTP enrolment: a new secret (sealed at rest with AES-256-GCM), its otpauth:// URI and a QR code (SVG).
   * @throws UnauthenticatedError without a web session; ConflictError when TOTP is already enrolled.
   */
  async startTotpEnrolment(): Promise<{ otpauthUri: string; qrCodeSvg: string; secret: string }> {
    const { user } = await this.requireSessionUser();
    if (user.totpEnabledAt) throw new ConflictError('TOTP is already enrolled for this account');
    const totp = new TOTP({ issuer: 'Crucible', label: user.email, algorithm: 'SHA1', digits: 6, period: totpPeriodSeconds, secret: new Secret({ size: 20 }) });
    await this.ctx.em.transactional(async (em) => {
      const row = await em.findOneOrFail(User, { id: user.id });
      row.totpSecret = sealSecret(this.governance.security, totp.secret.base32);
      row.totpLastStep = null;
      await em.flush();
      await this.governance.audit.record(em, { action: 'auth.totp_enrolment_started', subjectType: 'User', subjectId: user.id });
    });
    const otpauthUri = totp.toString();
    return { otpauthUri, qrCodeSvg: await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 }), secret: totp.secret.base32 };
  }

  /** Confirms enrolment with a code from the authenticator; the session counts as stepped-up. @throws ForbiddenError for a wrong code. */
  async confirmTotpEnrolment(code: string): Promise<Date> {
    const { user, sessionId } = await this.requireSessionUser();
    if (user.totpEnabledAt) throw new ConflictError('TOTP is already enrolled for this account');
    if (!user.totpSecret) throw new ConflictError('start TOTP enrolment first (startTotpEnrolment)');
    if (!(await this.consumeTotp(user, code))) throw new ForbiddenError('wrong or already used TOTP code', 'STEP_UP_REQUIRED');
    return this.markSessionStepUp(sessionId, user.id, 'auth.totp_enrolled');
  }

  /**
   * Creates an API token for the caller. Roles default to the caller's roles and may only narrow them. The
   * token may perform production actions only when created by a caller with a fresh second factor. A token created
   * with an API token never reaches further than its parent: roles within the parent's, step-up only when the
   * parent has it, an expiry no later than the parent's (the parent's expiry by default); revoking the parent
   * revokes it (see {@link revokeApiToken}).
   * @throws ForbiddenError (needs `create ApiToken`; roles beyond the caller's), ValidationError (name, expiresAt).
   */
  async createApiToken(input: { name: string; roles?: readonly string[] | null; expiresAt?: Date | null }): Promise<CreatedApiToken> {
    await this.governance.authorizeUseCase('createApiToken');
    const actor = this.ctx.actor;
    if (!actor.userId) throw new UnauthenticatedError();
    const user = await this.ctx.em.findOneOrFail(User, { id: actor.userId });
    const stepUp = hasFreshStepUp(actor, this.ctx.clock.now(), this.governance.security.stepUpWindowMs);
    const parentTokenId = actor.credential.kind === 'api_token' ? actor.credential.tokenId : null;
    return this.issueApiToken(user, actor.roles, { ...input, stepUp, parentTokenId });
  }

  /**
   * Operator bootstrap (CLI, platform actor only): a token for any user, optionally with step-up.
   * @throws ForbiddenError unless the platform acts; NotFoundError for an unknown email; ConflictError for a deactivated
   * user or one without roles.
   */
  async createApiTokenForUser(email: string, input: { name: string; roles?: readonly string[] | null; expiresAt?: Date | null; stepUp?: boolean }): Promise<CreatedApiToken> {
    if (this.ctx.actor.credential.kind !== 'system') throw new ForbiddenError('only the operator CLI creates tokens for other users');
    const user = await this.ctx.em.findOne(User, { email: email.trim().toLowerCase() });
    if (!user) throw new NotFoundError('User', email);
    // Refused rather than issued: a deactivated user's token would not authenticate, and one with no roles could do nothing.
    if (!user.active) throw new ConflictError(`${user.email} is deactivated: its tokens would not authenticate`);
    const roles = knownRoles(user.roles);
    if (roles.length === 0) throw new ConflictError(`${user.email} holds no roles, so a token could do nothing: grant one first (\`role grant ${user.email} <role>\`)`);
    return this.issueApiToken(user, roles, { ...input, stepUp: input.stepUp ?? false, parentTokenId: null });
  }

  /**
   * Revokes one of the caller's tokens and every token created with it (transitively); open sockets using any of
   * them are closed. @throws NotFoundError (also for other users' tokens).
   */
  async revokeApiToken(tokenId: string): Promise<ApiToken> {
    await this.governance.authorizeUseCase('revokeApiToken', tokenId);
    return this.ctx.em.transactional(async (em) => {
      const token = await em.findOne(ApiToken, { id: tokenId });
      const system = this.ctx.actor.credential.kind === 'system';
      if (!token || (!system && token.user.id !== this.ctx.actor.userId)) throw new NotFoundError('ApiToken', tokenId);
      const now = this.ctx.clock.now();
      const revoked = await em.execute<{ id: string; name: string }[]>(
        `with recursive tree as (
           select id from api_token where id = ?
           union select child.id from api_token child join tree on child.parent_token_id = tree.id
         )
         update api_token set revoked_at = ? where id in (select id from tree) and revoked_at is null returning id, name`,
        [token.id, now],
      );
      if (revoked.length === 0) return token;
      await em.refresh(token);
      const descendants = revoked.filter((row) => row.id !== token.id).map((row) => row.id);
      await this.governance.audit.record(em, {
        action: 'api_token.revoked',
        subjectType: 'ApiToken',
        subjectId: token.id,
        details: { name: token.name, ownerId: token.user.id, ...(descendants.length > 0 ? { alsoRevoked: descendants } : {}) },
      });
      for (const row of revoked) await publishEvent(em, 'CREDENTIALS_REVOKED', { tokenId: row.id });
      return token;
    });
  }

  /** The caller's tokens, newest first (secrets are never returned). */
  async listApiTokens(): Promise<ApiToken[]> {
    await this.governance.authorize('read', 'ApiToken');
    return this.ctx.em.find(ApiToken, { user: this.ctx.actor.userId! }, { orderBy: { createdAt: 'desc' } });
  }

  /** The caller, roles and what they may do; null when nobody is signed in. */
  async me(): Promise<CallerProfile | null> {
    return this.profileOf(this.ctx.actor);
  }

  private async profileOf(actor: Actor): Promise<CallerProfile | null> {
    if (!actor.userId || (actor.credential.kind !== 'session' && actor.credential.kind !== 'api_token')) return null;
    const user = await this.ctx.em.findOneOrFail(User, { id: actor.userId });
    const stepUp = hasFreshStepUp(actor, this.ctx.clock.now(), this.governance.security.stepUpWindowMs);
    const permittedMutations: string[] = [];
    const stepUpRequiredFor: string[] = [];
    const partialPermissions: PartialPermission[] = [];
    for (const [mutation, permission] of Object.entries(mutationPermissions) as [string, UseCasePermission][]) {
      if (permission === 'public' || permission === 'self') {
        permittedMutations.push(mutation);
      } else if (actor.ability.can(permission.action, permission.subject)) {
        if (isProductionAction(permission.action, permission.subject) && !stepUp) {
          stepUpRequiredFor.push(mutation);
          continue;
        }
        permittedMutations.push(mutation);
        // Part of it needs another rule: reported as it stands for this caller (role missing, or a step-up first).
        const also = permission.alsoNeeds;
        if (!also) continue;
        if (!actor.ability.can(also.action, also.subject)) partialPermissions.push({ mutation, when: also.when, requires: 'ROLE' });
        else if (isProductionAction(also.action, also.subject) && !stepUp) {
          stepUpRequiredFor.push(mutation);
          partialPermissions.push({ mutation, when: also.when, requires: 'STEP_UP' });
        }
      }
    }
    const credential = actor.credential;
    return {
      user,
      roles: [...actor.roles],
      credential: credential.kind,
      permittedMutations,
      stepUpRequiredFor,
      partialPermissions,
      rules: actor.ability.rules.map((rule) => ({ action: rule.action as never, subject: rule.subject as never, fields: rule.fields as never, inverted: rule.inverted ?? false })),
      stepUpValidUntil:
        credential.kind === 'session' && credential.totpVerifiedAt && stepUp
          ? new Date(credential.totpVerifiedAt.getTime() + this.governance.security.stepUpWindowMs)
          : null,
      totpEnabled: user.totpEnabledAt !== null && user.totpEnabledAt !== undefined,
    };
  }

  private async issueApiToken(
    user: User,
    allowedRoles: readonly Role[],
    input: { name: string; roles?: readonly string[] | null; expiresAt?: Date | null; stepUp: boolean; parentTokenId: string | null },
  ): Promise<CreatedApiToken> {
    const name = input.name.trim();
    if (!name || name.length > 100) throw new ValidationError('name must be 1–100 characters', 'name');
    const requested = input.roles ?? allowedRoles;
    const unknown = requested.filter((role) => !knownRoles([role]).length);
    if (unknown.length) throw new ValidationError(`unknown role(s): ${unknown.join(', ')}`, 'roles');
    const beyond = requested.filter((role) => !allowedRoles.includes(role as Role));
    if (beyond.length) throw new ForbiddenError(`a token cannot carry roles its creator does not hold: ${beyond.join(', ')}`);
    if (input.expiresAt && input.expiresAt <= this.ctx.clock.now()) throw new ValidationError('expiresAt must be in the future', 'expiresAt');
    return this.ctx.em.transactional(async (em) => {
      let expiresAt = input.expiresAt ?? null;
      let stepUp = input.stepUp;
      if (input.parentTokenId) {
        // Locked, so a revocation of the parent and this creation serialize: no child outlives a revoked parent.
        const [parent] = await em.execute<{ expires_at: Date | null; revoked_at: Date | null; step_up: boolean }[]>(
          'select expires_at, revoked_at, step_up from api_token where id = ? for update',
          [input.parentTokenId],
        );
        if (!parent || parent.revoked_at) throw new UnauthenticatedError('the API token making this request was revoked');
        const parentExpiry = parent.expires_at ? new Date(parent.expires_at) : null;
        if (parentExpiry && expiresAt && expiresAt > parentExpiry) {
          throw new ValidationError(`expiresAt may not be later than the expiry of the token creating it (${parentExpiry.toISOString()})`, 'expiresAt');
        }
        expiresAt ??= parentExpiry;
        stepUp &&= parent.step_up;
      }
      const secret = newSecret(apiTokenPrefix);
      const token = em.create(ApiToken, {
        user,
        name,
        secretHash: hashSecret(secret),
        roles: [...new Set(requested)],
        stepUp,
        expiresAt,
        parentTokenId: input.parentTokenId,
      });
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'api_token.created',
        subjectType: 'ApiToken',
        subjectId: token.id,
        details: { name, ownerId: user.id, roles: token.roles, stepUp: token.stepUp, expiresAt: token.expiresAt?.toISOString() ?? null, parentTokenId: input.parentTokenId },
      });
      return { token, secret };
    });
  }

  /**
   * Checks a TOTP code (±1 step of 30 s for clock drift) and spends it: the step it belongs to must be later than the
   * last step accepted for this user, across sessions and replicas (RFC 6238 §5.2: a code is accepted once). The
   * conditional update makes two simultaneous uses of one code accept at most one.
   */
  private async consumeTotp(user: User, code: string): Promise<boolean> {
    if (!user.totpSecret) return false;
    const secret = Secret.fromBase32(openSecret(this.governance.security, user.totpSecret));
    const totp = new TOTP({ issuer: 'Crucible', label: user.email, algorithm: 'SHA1', digits: 6, period: totpPeriodSeconds, secret });
    const timestamp = this.ctx.clock.now().getTime();
    const delta = totp.validate({ token: code.replace(/\s/g, ''), timestamp, window: 1 });
    if (delta === null) return false;
    const step = Math.floor(timestamp / 1000 / totpPeriodSeconds) + delta;
    const spent = await this.ctx.em.execute<{ id: string }[]>(
      `update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?) returning id`,
      [step, user.id, step],
    );
    return spent.length === 1;
  }

  private async requireSessionUser(): Promise<{ user: User; sessionId: string }> {
    const credential = this.ctx.actor.credential;
    if (credential.kind === 'anonymous' || !this.ctx.actor.userId) throw new UnauthenticatedError();
    if (credential.kind !== 'session') throw new ConflictError('this needs a web session (sign in with email and password), not an API token');
    return { user: await this.ctx.em.findOneOrFail(User, { id: this.ctx.actor.userId }), sessionId: credential.sessionId };
  }

  private async markSessionStepUp(sessionId: string, userId: string, action: 'auth.stepped_up' | 'auth.totp_enrolled'): Promise<Date> {
    return this.ctx.em.transactional(async (em) => {
      const now = this.ctx.clock.now();
      const session = await em.findOneOrFail(UserSession, { id: sessionId });
      session.totpVerifiedAt = now;
      const user = await em.findOneOrFail(User, { id: userId });
      user.totpEnabledAt ??= now;
      await em.flush();
      await this.governance.audit.record(em, { action, subjectType: 'User', subjectId: userId, details: { sessionId } });
      return new Date(now.getTime() + this.governance.security.stepUpWindowMs);
    });
  }
}
