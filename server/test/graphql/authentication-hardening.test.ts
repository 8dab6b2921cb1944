import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { makeSystemActor } from '../../src/domain/auth/actor.ts';
import { newId } from '../../src/domain/ids.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { demoSecuritySettings } from '../../src/infra/security/security-settings.ts';
import { sealSecret } from '../../src/infra/security/secret-box.ts';
import { createServices } from '../../src/services/create-services.ts';
import { useApiHarness, type GraphQLResponse, type RequestIdentity } from '../support/test-server.ts';

const api = useApiHarness();
const errorOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions as { code?: string; reason?: string } | undefined;

/** A user with a password and an enrolled TOTP secret; returns the email and a code generator for a time offset in steps. */
async function enrolledUser(roles: string[]) {
  const email = `${newId()}@auth.test`;
  const password = 'correct-horse-battery';
  const secret = new Secret({ size: 20 });
  const user = await api.services().users.create({ email, password, roles });
  const em = api.orm.em.fork();
  const row = await em.findOneOrFail(User, { id: user.id });
  row.totpSecret = sealSecret(demoSecuritySettings, secret.base32);
  row.totpEnabledAt = new Date();
  await em.flush();
  const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' });
  return { id: user.id, email, password, code: (stepOffset = 0) => totp.generate({ timestamp: Date.now() + stepOffset * 30_000 }) };
}

async function signIn({ email, password, totpCode }: { email: string; password: string; totpCode?: string }) {
  const input = { email, password, ...(totpCode ? { totpCode } : {}) };
  const response = await fetch(`${api.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($input: SignInInput!) { signIn(input: $input) { viewer { email } } }`, variables: { input } }),
  });
  const body = (await response.json()) as GraphQLResponse;
  return { body, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('createUser with privileged roles', () => {
  it('needs the same step-up as grantRole; a research-only user does not', async () => {
    const admin = await enrolledUser(['admin']);
    const { cookie } = await signIn(admin);
    const create = (role: string) =>
      api.request(`mutation($input: CreateUserInput!) { createUser(input: $input) { id roles } }`, { input: { email: `${newId()}@auth.test`, password: 'new-user-password', roles: [role] } }, { cookie });
    expect(errorOf(await create('ADMIN'))).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    expect(errorOf(await create('PRODUCTION'))).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    expect((await create('RESEARCH')).errors).toBeUndefined();
    expect((await api.request(`mutation($code: String!) { stepUp(code: $code) { validUntil } }`, { code: admin.code() }, { cookie })).errors).toBeUndefined();
    expect((await create('ADMIN')).errors).toBeUndefined();
  });
});

describe('me reports step-up requirements as the authorization table states them', () => {
  it('an admin without a step-up: createUser is permitted for research users only, and listed as needing a step-up for privileged roles', async () => {
    const admin = await enrolledUser(['admin']);
    const { cookie } = await signIn(admin);
    const me = async () =>
      (await api.request<{ me: { permittedMutations: string[]; stepUpRequiredFor: string[]; partialPermissions: { mutation: string; when: string; requires: string }[] } }>(
        `{ me { permittedMutations stepUpRequiredFor partialPermissions { mutation when requires } } }`, {}, { cookie },
      )).data!.me;
    const before = await me();
    expect(before.permittedMutations).toContain('createUser');
    expect(before.stepUpRequiredFor).toEqual(expect.arrayContaining(['createUser', 'grantRole']));
    expect(before.partialPermissions).toEqual([{ mutation: 'createUser', when: 'the new user gets a role beyond research', requires: 'STEP_UP' }]);

    expect((await api.request(`mutation($code: String!) { stepUp(code: $code) { validUntil } }`, { code: admin.code() }, { cookie })).errors).toBeUndefined();
    const after = await me();
    expect(after.permittedMutations).toEqual(expect.arrayContaining(['createUser', 'grantRole']));
    expect(after.stepUpRequiredFor).not.toContain('createUser');
    expect(after.partialPermissions).toEqual([]);
  });
});

describe('registerStrategy registers for the caller', () => {
  const register = (as: RequestIdentity, ownerId?: string) =>
    api.request<{ registerStrategy: { strategy: { owner: { id: string } | null } } }>(
      `mutation($input: RegisterStrategyInput!) { registerStrategy(input: $input) { strategy { code } } }`,
      { input: { code: `owned-${newId().slice(-8)}`, name: 'Owned', objective: 'x', eligibleMarkets: ['*'], riskCategory: 'MODERATE', capitalGuardrails: {}, ...(ownerId ? { ownerId } : {}) } },
      as,
    );
  const idOf = async (email: string) => (await api.orm.em.fork().findOneOrFail(User, { email })).id;
  const ownerOfNewest = async () =>
    (await api.orm.em.fork().execute<{ owner_id: string }[]>(`select owner_id from strategy order by created_at desc limit 1`))[0]!.owner_id;

  it('research registers its own strategies, also naming itself, but never in another user’s name', async () => {
    const me = await idOf('research@test.crucible.local');
    const other = await idOf('production@test.crucible.local');
    expect((await register({ role: 'research' })).errors).toBeUndefined();
    expect(await ownerOfNewest()).toBe(me);
    expect((await register({ role: 'research' }, me)).errors).toBeUndefined();
    const count = async () => Number((await api.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from strategy where owner_id = ?`, [other]))[0]!.n);
    const before = await count();
    expect(errorOf(await register({ role: 'research' }, other))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count()).toBe(before);
    // No role of the table registers for others (the platform itself does, for the built-in strategies).
    for (const role of ['production', 'admin'] as const) expect(errorOf(await register({ role }, me))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('API tokens created by API tokens', () => {
  const createToken = (as: RequestIdentity, input: Record<string, unknown>) =>
    api.request<{ createApiToken: { secret: string; apiToken: { id: string; stepUp: boolean; expiresAt: string | null; roles: string[] } } }>(
      `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret apiToken { id stepUp expiresAt roles } } }`,
      { input },
      as,
    );

  it('never reach further or live longer than their parent, and die with it', async () => {
    const parentExpiry = new Date(Date.now() + 3_600_000);
    const parent = (await api.services().auth.createApiTokenForUser('production@test.crucible.local', { name: 'parent', stepUp: true, expiresAt: parentExpiry, roles: ['production'] })).secret;
    expect(errorOf(await createToken({ token: parent }, { name: 'later', expiresAt: '2099-01-01T00:00:00Z' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    const child = await createToken({ token: parent }, { name: 'child' });
    expect(child.errors).toBeUndefined();
    expect(new Date(child.data!.createApiToken.apiToken.expiresAt!).getTime()).toBe(parentExpiry.getTime());
    expect(child.data!.createApiToken.apiToken.roles).toEqual(['PRODUCTION']);
    const grandchild = await createToken({ token: child.data!.createApiToken.secret }, { name: 'grandchild' });
    expect(grandchild.errors).toBeUndefined();

    // A parent without step-up cannot create a child with it.
    const weak = (await api.services().auth.createApiTokenForUser('production@test.crucible.local', { name: 'weak', stepUp: false })).secret;
    expect((await createToken({ token: weak }, { name: 'weak child' })).data!.createApiToken.apiToken.stepUp).toBe(false);

    const listed = await api.request<{ apiTokens: { id: string; name: string }[] }>(`{ apiTokens { id name } }`, {}, { token: parent });
    const parentToken = listed.data!.apiTokens.find((token) => token.name === 'parent')!;
    expect((await api.request(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: parentToken.id }, { role: 'production' })).errors).toBeUndefined();
    for (const secret of [parent, child.data!.createApiToken.secret, grandchild.data!.createApiToken.secret]) {
      expect((await api.request(`{ me { email } }`, {}, { token: secret })).data).toEqual({ me: null });
    }
    expect((await api.request<{ me: { email: string } }>(`{ me { email } }`, {}, { token: weak })).data!.me.email).toBe('production@test.crucible.local');
  });
});

describe('TOTP codes', () => {
  it('accepts a code once per time step, across sessions (RFC 6238 §5.2)', async () => {
    const user = await enrolledUser(['research']);
    const code = user.code();
    expect((await signIn({ ...user, totpCode: code })).body.errors).toBeUndefined();
    expect(errorOf((await signIn({ ...user, totpCode: code })).body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const { cookie } = await signIn(user);
    const stepUp = (totpCode: string) => api.request(`mutation($code: String!) { stepUp(code: $code) { validUntil } }`, { code: totpCode }, { cookie });
    expect(errorOf(await stepUp(code))).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    const next = user.code(1);
    expect((await stepUp(next)).errors).toBeUndefined();
    expect(errorOf(await stepUp(next))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('sign-in throttling', () => {
  const logger = createLogger('test', 'silent');
  const authWith = (perSourceFailures: number, perAccountFailures: number) =>
    createServices(
      { em: api.orm.em.fork(), clock: systemClock, logger, correlationId: newId(), actor: makeSystemActor() },
      { importDir: '/nonexistent', signInThrottle: { perSourceFailures, perAccountFailures } },
    ).auth;

  it('slows down the guessing source only: the owner signs in from elsewhere', async () => {
    const user = await enrolledUser(['research']);
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(authWith(5, 100).signIn({ email: user.email, password: 'guess', source: '203.0.113.7' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await expect(authWith(5, 100).signIn({ email: user.email, password: user.password, source: '203.0.113.7' })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.toSatisfy((seconds: number) => seconds > 20 && seconds <= 30) });
    await expect(authWith(5, 100).signIn({ email: user.email, password: user.password, source: '198.51.100.2' })).resolves.toMatchObject({ user: { email: user.email } });
  });

  it('grows the delay with every further failure', async () => {
    const user = await enrolledUser(['research']);
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(authWith(2, 100).signIn({ email: user.email, password: 'guess', source: '203.0.113.8' })).rejects.toMatchObject({ code: expect.stringMatching(/UNAUTHENTICATED|RATE_LIMITED/) });
    }
    // Two failures reach the threshold (30 s); the third attempt was refused before any check, so it is not a failure.
    await expect(authWith(2, 100).signIn({ email: user.email, password: 'guess', source: '203.0.113.8' })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.toSatisfy((seconds: number) => seconds > 20 && seconds <= 30) });
    await expect(authWith(1, 100).signIn({ email: user.email, password: 'guess', source: '203.0.113.8' })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.toSatisfy((seconds: number) => seconds > 50 && seconds <= 60) });
  });

  it('holds back password-only attempts on an account attacked from many sources, but not its owner with TOTP', async () => {
    const user = await enrolledUser(['research']);
    for (let source = 0; source < 3; source++) {
      await expect(authWith(5, 3).signIn({ email: user.email, password: 'guess', source: `192.0.2.${source}` })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    await expect(authWith(5, 3).signIn({ email: user.email, password: user.password, source: '192.0.2.200' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(authWith(5, 3).signIn({ email: user.email, password: 'guess', totpCode: user.code(), source: '192.0.2.201' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authWith(5, 3).signIn({ email: user.email, password: user.password, totpCode: user.code(), source: '192.0.2.200' })).resolves.toMatchObject({ user: { email: user.email } });
  });
});
