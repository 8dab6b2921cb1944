import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Secret, TOTP } from 'otpauth';
import { roles as allRoles, isRole, privilegedRoles, type Role } from '../../domain/auth/roles.ts';
import { ApiToken } from '../../domain/auth/api-token.entity.ts';
import { UserSession } from '../../domain/auth/user-session.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { sealSecret } from '../../infra/security/secret-box.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { ServiceContext } from '../service-context.ts';
import { hashPassword } from './auth.service.ts';
import type { Governance } from './authorize.ts';

/** Password of every demo user: `<role>-demo-password` (published; production mode refuses demo users). */
export const demoPassword = (role: Role) => `${role}-demo-password`;
/** Email of the demo user of a role. */
export const demoEmail = (role: Role) => `${role}@demo.crucible.local`;
/**
 * Demo people beyond one per role, for the rules that need two different people in one role: `ops` is a second
 * production user (`ops@demo.crucible.local` / `ops-demo-password`), so a promotion to LIVE can have an ops approver and
 * a final authorizer who are different people (issue 12 two-person rule). Same published TOTP secret.
 */
export const extraDemoPeople: readonly { key: string; role: Role }[] = [{ key: 'ops', role: 'production' }];

/** TOTP secret (base32) of every demo user, published so a demo user can step up from any authenticator. */
export const demoTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A TOTP code for the demo secret at `time` (for the demo instructions and tests). */
export function demoTotpCode(time: Date = new Date()): string {
  return new TOTP({ secret: Secret.fromBase32(demoTotpSecret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: time.getTime() });
}

/** User administration: create, grant and revoke roles (production actions), deactivate. All audited. */
export class UserService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Creates a user with a password and roles. Giving the new user a privileged role (anything beyond research) is a
   * role grant: it also needs `grant Role`, a production action (TOTP step-up), exactly like {@link grantRole}.
   * @throws ForbiddenError (needs `create User`; `grant Role` with a step-up for privileged roles), ValidationError
   * (email, password, roles), ConflictError (email taken).
   */
  async create(input: { email: string; displayName?: string | null; password: string; roles: readonly string[]; demo?: boolean }): Promise<User> {
    await this.governance.authorizeUseCase('createUser');
    const roles = parseRoles(input.roles);
    if (roles.some((role) => privilegedRoles.includes(role))) await this.governance.authorizeAlsoNeeded('createUser');
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new ValidationError('email must look like name@domain', 'email');
    if (input.demo && this.ctx.actor.credential.kind !== 'system') throw new ValidationError('only the platform creates demo users', 'demo');
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ctx.em.transactional(async (em) => {
        const user = em.create(User, { email, displayName: input.displayName?.trim() || email, kind: 'human', roles, passwordHash, demo: input.demo ?? false });
        await em.flush();
        await this.governance.audit.record(em, { action: 'user.created', subjectType: 'User', subjectId: user.id, details: { email, roles, demo: user.demo } });
        for (const role of roles) {
          await this.governance.audit.record(em, { action: 'permission.granted', subjectType: 'User', subjectId: user.id, details: { role, email } });
        }
        return user;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`a user with email ${email} already exists`);
      throw error;
    }
  }

  /** Grants a role (a production action: admin with a fresh second factor). Idempotent. @throws ForbiddenError, NotFoundError */
  async grantRole(userId: string, role: string): Promise<User> {
    await this.governance.authorizeUseCase('grantRole', userId);
    const [parsed] = parseRoles([role]);
    return this.changeRoles(userId, 'permission.granted', (roles) => (roles.includes(parsed!) ? null : [...roles, parsed!]), parsed!);
  }

  /** Revokes a role; the user's open sockets are closed. @throws ForbiddenError, NotFoundError */
  async revokeRole(userId: string, role: string): Promise<User> {
    await this.governance.authorizeUseCase('revokeRole', userId);
    const [parsed] = parseRoles([role]);
    return this.changeRoles(userId, 'permission.revoked', (roles) => (roles.includes(parsed!) ? roles.filter((held) => held !== parsed) : null), parsed!);
  }

  /** Deactivates a user: sessions and tokens stop working and open sockets are closed. @throws ForbiddenError, NotFoundError */
  async deactivate(userId: string): Promise<User> {
    await this.governance.authorizeUseCase('deactivateUser', userId);
    return this.ctx.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw new NotFoundError('User', userId);
      if (user.id === this.ctx.actor.userId) throw new ConflictError('you cannot deactivate yourself');
      if (user.active) {
        user.active = false;
        const now = this.ctx.clock.now();
        await em.nativeUpdate(UserSession, { user, revokedAt: null }, { revokedAt: now });
        await em.nativeUpdate(ApiToken, { user, revokedAt: null }, { revokedAt: now });
        await em.flush();
        await this.governance.audit.record(em, { action: 'user.deactivated', subjectType: 'User', subjectId: user.id, details: { email: user.email } });
        await publishEvent(em, 'CREDENTIALS_REVOKED', { userId: user.id });
      }
      return user;
    });
  }

  /** Users, newest first. @throws ForbiddenError (needs `read User`) */
  async list(page: PageRequest): Promise<Page<User>> {
    await this.governance.authorize('read', 'User');
    return paginate(this.ctx.em, User, { kind: 'human' }, page);
  }

  /** @throws ForbiddenError, NotFoundError */
  async findByEmail(email: string): Promise<User> {
    await this.governance.authorize('read', 'User');
    const user = await this.ctx.em.findOne(User, { email: email.trim().toLowerCase() });
    if (!user) throw new NotFoundError('User', email);
    return user;
  }

  /**
   * Demo mode: one user per role (`<role>@demo.crucible.local` / `<role>-demo-password`) with the published demo
   * TOTP secret enrolled, and the {@link extraDemoPeople} (`<key>@demo.crucible.local` / `<key>-demo-password`).
   * Idempotent. @returns the demo users.
   */
  async ensureDemoUsers(): Promise<User[]> {
    const users: User[] = [];
    const people = [...allRoles.map((role) => ({ key: role as string, role, displayName: `Demo ${role}` })), ...extraDemoPeople.map((person) => ({ ...person, displayName: `Demo ${person.key} (${person.role})` }))];
    for (const person of people) {
      const email = `${person.key}@demo.crucible.local`;
      const existing = await this.ctx.em.findOne(User, { email });
      if (existing) {
        users.push(existing);
        continue;
      }
      const user = await this.create({ email, displayName: person.displayName, password: `${person.key}-demo-password`, roles: [person.role], demo: true });
      await this.ctx.em.transactional(async (em) => {
        const row = await em.findOneOrFail(User, { id: user.id });
        row.totpSecret = sealSecret(this.governance.security, demoTotpSecret);
        row.totpEnabledAt = this.ctx.clock.now();
        await em.flush();
        await this.governance.audit.record(em, { action: 'auth.totp_enrolled', subjectType: 'User', subjectId: user.id, details: { demo: true } });
      });
      users.push(user);
    }
    return users;
  }

  /** Emails of the active demo users, sorted (production mode refuses to start while any exists). */
  async activeDemoUserEmails(): Promise<string[]> {
    const users = await this.ctx.em.find(User, { demo: true, active: true }, { fields: ['email'], orderBy: { email: 'asc' } });
    return users.map((user) => user.email);
  }

  private async changeRoles(userId: string, action: 'permission.granted' | 'permission.revoked', change: (roles: Role[]) => Role[] | null, role: Role): Promise<User> {
    return this.ctx.em.transactional(async (em) => {
      const user = await em.findOne(User, { id: userId });
      if (!user) throw new NotFoundError('User', userId);
      const next = change(user.roles.filter(isRole));
      if (!next) return user;
      user.roles = next;
      await em.flush();
      await this.governance.audit.record(em, { action, subjectType: 'User', subjectId: user.id, details: { role, email: user.email, roles: next } });
      if (action === 'permission.revoked') await publishEvent(em, 'CREDENTIALS_REVOKED', { userId: user.id });
      return user;
    });
  }
}

function parseRoles(values: readonly string[]): Role[] {
  const unknown = values.filter((value) => !isRole(value));
  if (unknown.length) throw new ValidationError(`unknown role(s): ${unknown.join(', ')} (roles: ${allRoles.join(', ')})`, 'roles');
  return [...new Set(values as Role[])];
}
