import { createPubSub } from '@graphql-yoga/subscription';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { defineAbilityFor, mutationPermissions, type UseCasePermission } from '../../src/domain/auth/abilities.ts';
import { roles, type Role } from '../../src/domain/auth/roles.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { makeSchema } from '../../src/graphql/schema.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { subscriptionsLive, testEmail, testPassword, useApiHarness, type GraphQLResponse, type RequestIdentity } from '../support/test-server.ts';

const api = useApiHarness();
const schema = await makeSchema(createPubSub());
const mutationFields = Object.values(schema.getMutationType()!.getFields());
const someUuid = '01a1fe3b-0000-7000-8000-000000000000';

/** A value that passes GraphQL validation for `type` (required input fields only). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, sampleValue(field.type)]));
  }
  if (isScalarType(type)) {
    return ({ ID: someUuid, String: 'x', Int: 1, Float: 1, Boolean: false, DateTimeISO: '2030-01-01T00:00:00Z', JSONObject: {} } as Record<string, unknown>)[type.name] ?? 'x';
  }
  return null;
}

/** Real arguments where a sample would fail authentication itself (signIn needs a real password). */
const argumentOverrides: Record<string, Record<string, unknown>> = {
  signIn: { input: { email: testEmail('research'), password: testPassword('research') } },
};

function mutationDocument(name: string, args: readonly GraphQLArgument[], returnType: GraphQLOutputType): string {
  const variables = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isObjectType(getNamedType(returnType)) ? ' { __typename }' : '';
  return `mutation${variables ? `(${variables})` : ''} { ${name}${call ? `(${call})` : ''}${selection} }`;
}

const errorCode = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code as string | undefined;

describe('authorization matrix', () => {
  it('has a rule in the ability table for every mutation of the schema', () => {
    const missing = mutationFields.map((field) => field.name).filter((name) => !(name in mutationPermissions));
    expect(missing, 'add these mutations to mutationPermissions in server/src/domain/auth/abilities.ts').toEqual([]);
  });

  it('allows and denies every mutation, for every role and unauthenticated, exactly as the ability table says (enforced by the services alone)', async () => {
    const identities: ['anonymous' | Role, RequestIdentity][] = [['anonymous', 'anonymous'], ...roles.map((role) => [role, { role }] as [Role, RequestIdentity])];
    const mismatches: string[] = [];
    for (const field of mutationFields) {
      const permission = (mutationPermissions as Readonly<Record<string, UseCasePermission>>)[field.name];
      const document = mutationDocument(field.name, field.args, field.type);
      const variables = argumentOverrides[field.name] ?? Object.fromEntries(field.args.map((arg) => [arg.name, sampleValue(arg.type)]));
      for (const [name, identity] of identities) {
        const expectedDenied =
          permission === undefined ||
          (name === 'anonymous' ? permission !== 'public' : typeof permission === 'object' && !defineAbilityFor([name], 'the-caller').can(permission.action, permission.subject));
        const response = await api.request(document, variables, identity);
        const code = errorCode(response);
        const denied = code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
        if (denied !== expectedDenied) mismatches.push(`${field.name} as ${name}: expected ${expectedDenied ? 'denied' : 'allowed'}, got ${code ?? 'success'} (${response.errors?.[0]?.message ?? ''})`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('field visibility', () => {
  it('hides approver identities and capital guardrails from research in queries (null + FORBIDDEN), shows them to production', async () => {
    await arrangeSmaOnBtcDaily(api);
    const query = `{ strategies(first: 1) { edges { node { code capitalGuardrails { staging production } versions { versionTag approvalMetadata { reviewerId decidedAt notes } } } } } }`;
    const research = await api.request<{ strategies: { edges: { node: { code: string; capitalGuardrails: unknown; versions: { approvalMetadata: unknown }[] } }[] } }>(query, {}, { role: 'research' });
    const node = research.data!.strategies.edges[0]!.node;
    expect(node.code).toMatch(/^builtin-/);
    expect(node.capitalGuardrails).toBeNull();
    expect(node.versions[0]!.approvalMetadata).toBeNull();
    expect(research.errors!.map((error) => error.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(research.errors!.map((error) => error.message).join(' ')).toContain('StrategyVersion.approvalMetadata');

    for (const role of ['production', 'risk', 'compliance', 'admin'] as const) {
      const allowed = await api.request<typeof research.data>(query, {}, { role });
      expect(allowed.errors, role).toBeUndefined();
      expect(allowed.data!.strategies.edges[0]!.node.capitalGuardrails).toEqual({ staging: 0.02, production: 0.05 });
      expect(allowed.data!.strategies.edges[0]!.node.versions[0]!.approvalMetadata).toMatchObject({ notes: 'built-in engine template' });
    }
  });

  it('applies the same field rules to subscription payloads', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const [versionId, dataSetId] = [version.id, marketDataSet.id];
    const receive = async (role: Role) => {
      const client = await api.wsClient({ role });
      const first = new Promise<GraphQLResponse<{ backtestRunUpdated: { status: string; strategyVersion: { approvalMetadata: unknown } } }>>((resolveFirst, reject) => {
        client.subscribe({ query: `subscription { backtestRunUpdated { status strategyVersion { approvalMetadata { notes } } } }` }, { next: (result) => resolveFirst(result as never), error: reject, complete: () => {} });
      });
      return { client, first };
    };
    const before = api.server.activeSubscriptions();
    const research = await receive('research');
    const production = await receive('production');
    await subscriptionsLive(api.server, before, 2);
    const queued = await api.request(`mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }`, { input: { strategyVersionId: versionId, marketDataSetId: dataSetId } });
    expect(queued.errors).toBeUndefined();
    const [researchEvent, productionEvent] = await Promise.all([research.first, production.first]);
    await research.client.dispose();
    await production.client.dispose();
    expect(researchEvent.data!.backtestRunUpdated).toEqual({ status: 'QUEUED', strategyVersion: { approvalMetadata: null } });
    expect(researchEvent.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(productionEvent.errors).toBeUndefined();
    expect(productionEvent.data!.backtestRunUpdated.strategyVersion.approvalMetadata).toMatchObject({ notes: 'built-in engine template' });
  });
});

describe('sign-in, second factor and API tokens', () => {
  const signIn = async (role: Role, extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${api.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($input: SignInInput!) { signIn(input: $input) { viewer { email roles stepUpRequiredFor } } }`, variables: { input: { email: testEmail(role), password: testPassword(role), ...extra } } }),
    });
    const setCookie = response.headers.get('set-cookie') ?? '';
    return { body: (await response.json()) as GraphQLResponse<{ signIn: { viewer: { email: string; roles: string[]; stepUpRequiredFor: string[] } } }>, setCookie, cookie: setCookie.split(';')[0]! };
  };
  const grantRole = (as: RequestIdentity, userId: string, role = 'RISK') =>
    api.request<{ grantRole: { roles: string[] } }>(`mutation($input: ChangeRoleInput!) { grantRole(input: $input) { roles } }`, { input: { userId, role } }, as);
  const userId = async (role: Role) => (await api.orm.em.fork().findOneOrFail(User, { email: testEmail(role) })).id;

  it('sets an httpOnly SameSite session cookie and answers `me` with roles and permitted actions', async () => {
    const { body, setCookie, cookie } = await signIn('admin');
    expect(body.errors).toBeUndefined();
    expect(setCookie).toMatch(/crucible_session=crucible_ses_[\w-]+; HttpOnly; SameSite=Strict; Path=\//);
    expect(body.data!.signIn.viewer).toMatchObject({ email: testEmail('admin'), roles: ['ADMIN'] });
    expect(body.data!.signIn.viewer.stepUpRequiredFor).toEqual(expect.arrayContaining(['grantRole', 'revokeRole']));
    const me = await api.request<{ me: { email: string; permittedMutations: string[] } }>(`{ me { email permittedMutations } }`, {}, { cookie });
    expect(me.data!.me.email).toBe(testEmail('admin'));
    expect(me.data!.me.permittedMutations).toContain('createUser');
    expect(me.data!.me.permittedMutations).not.toContain('grantRole');
    expect((await api.request(`{ me { email } }`, {}, 'anonymous')).data).toEqual({ me: null });
    expect(errorCode(await api.request(`{ strategies { totalCount } }`, {}, 'anonymous'))).toBe('UNAUTHENTICATED');
  });

  it('refuses production actions without a fresh TOTP step-up, and allows them after one', async () => {
    const target = await userId('research');
    const { cookie } = await signIn('admin');
    const before = await grantRole({ cookie }, target);
    expect(before.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    // A token made before stepping up cannot do production actions either.
    const weakToken = await api.request<{ createApiToken: { secret: string; apiToken: { stepUp: boolean } } }>(
      `mutation { createApiToken(input: { name: "notebook" }) { secret apiToken { stepUp } } }`, {}, { cookie });
    expect(weakToken.data!.createApiToken.apiToken.stepUp).toBe(false);
    expect(errorCode(await grantRole({ token: weakToken.data!.createApiToken.secret }, target))).toBe('FORBIDDEN');

    const enrolment = await api.request<{ startTotpEnrolment: { otpauthUri: string; qrCodeSvg: string; secret: string } }>(`mutation { startTotpEnrolment { otpauthUri qrCodeSvg secret } }`, {}, { cookie });
    expect(enrolment.data!.startTotpEnrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Crucible:/);
    expect(enrolment.data!.startTotpEnrolment.qrCodeSvg).toContain('<svg');
    const totp = new TOTP({ secret: Secret.fromBase32(enrolment.data!.startTotpEnrolment.secret) });
    expect(errorCode(await api.request(`mutation($code: String!) { confirmTotpEnrolment(code: $code) { validUntil } }`, { code: '000000' === totp.generate() ? '111111' : '000000' }, { cookie }))).toBe('FORBIDDEN');
    const confirmedCode = totp.generate();
    const confirmed = await api.request(`mutation($code: String!) { confirmTotpEnrolment(code: $code) { validUntil } }`, { code: confirmedCode }, { cookie });
    expect(confirmed.errors).toBeUndefined();
    const after = await grantRole({ cookie }, target);
    expect(after.errors).toBeUndefined();
    expect(after.data!.grantRole.roles).toEqual(['RESEARCH', 'RISK']);

    // A fresh sign-in with password only needs a step-up again; the TOTP secret is sealed at rest.
    const second = await signIn('admin');
    expect(errorCode(await grantRole({ cookie: second.cookie }, target, 'COMPLIANCE'))).toBe('FORBIDDEN');
    // A code is accepted once (RFC 6238 §5.2): the enrolment's code is spent, the next time step's code is accepted.
    expect(errorCode(await api.request(`mutation($code: String!) { stepUp(code: $code) { validUntil } }`, { code: confirmedCode }, { cookie: second.cookie }))).toBe('FORBIDDEN');
    expect((await api.request(`mutation($code: String!) { stepUp(code: $code) { validUntil } }`, { code: totp.generate({ timestamp: Date.now() + 30_000 }) }, { cookie: second.cookie })).errors).toBeUndefined();
    expect((await grantRole({ cookie: second.cookie }, target, 'COMPLIANCE')).errors).toBeUndefined();
    const [stored] = await api.orm.em.fork().execute<{ totp_secret: string }[]>(`select totp_secret from app_user where email = ?`, [testEmail('admin')]);
    expect(stored!.totp_secret).toMatch(/^demo:[\w+/=]+:[\w+/=]+:[\w+/=]+$/);
    expect(stored!.totp_secret).not.toContain(enrolment.data!.startTotpEnrolment.secret);
  });

  it("refuses a research user's token on a production mutation, changes nothing, and audits the denial", async () => {
    const target = await userId('production');
    const denied = await grantRole({ role: 'research' }, target, 'ADMIN');
    expect(denied.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    expect(denied.data).toBeNull();
    expect((await api.orm.em.fork().findOneOrFail(User, { id: target })).roles).toEqual(['production']);
    const audit = await api.request<{ auditEvents: { events: { action: string; actorId: string; actorName: string | null; actorEmail: string | null; actorRole: string; subjectType: string; details: { path: string; text: string | null; boolean: boolean | null }[] }[] } }>(
      `{ auditEvents(action: "authorization.denied", limit: 5) { events { action actorId actorName actorEmail actorRole subjectType details { path text boolean } } } }`, {}, { role: 'compliance' });
    // The actor is named beside the id the record keeps (the audit page shows the name, the id on hover).
    const actor = await api.orm.em.fork().findOneOrFail(User, { email: testEmail('research') });
    expect(audit.data!.auditEvents.events[0]).toMatchObject({ actorRole: 'research', subjectType: 'Role', actorId: actor.id, actorName: actor.displayName, actorEmail: testEmail('research') });
    expect(audit.data!.auditEvents.events[0]!.details).toEqual([
      { path: 'attemptedAction', text: 'grant', boolean: null },
      { path: 'productionAction', text: null, boolean: true },
      { path: 'reason', text: 'ROLE', boolean: null },
    ]);
    expect(errorCode(await api.request(`{ auditEvents { totalCount } }`, {}, { role: 'research' }))).toBe('FORBIDDEN');
  });

  it('audits failed sign-ins and rate-limits them per account', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(errorCode(await signIn('risk', { password: 'wrong-password' }).then((result) => result.body))).toBe('UNAUTHENTICATED');
    }
    expect(errorCode((await signIn('risk')).body)).toBe('RATE_LIMITED');
    const failures = await api.request<{ auditEvents: { totalCount: number } }>(`{ auditEvents(action: "auth.sign_in_failed", subjectId: "${testEmail('risk')}") { totalCount } }`, {}, { role: 'compliance' });
    expect(failures.data!.auditEvents.totalCount).toBe(5);
  });

  it('closes open sockets when their token is revoked, and refuses sockets without credentials', async () => {
    const created = await api.request<{ createApiToken: { secret: string; apiToken: { id: string; roles: string[] } } }>(
      `mutation { createApiToken(input: { name: "live feed", roles: [RESEARCH] }) { secret apiToken { id roles } } }`, {}, { role: 'research' });
    expect(created.data!.createApiToken.apiToken.roles).toEqual(['RESEARCH']);
    const client = await api.wsClient({ token: created.data!.createApiToken.secret });
    const closed = new Promise<number>((resolveClosed) => client.on('closed', (event) => resolveClosed((event as { code: number }).code)));
    const revoked = await api.request(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: created.data!.createApiToken.apiToken.id }, { role: 'research' });
    expect(revoked.errors).toBeUndefined();
    expect(await closed).toBe(4403);
    await client.dispose();
    expect(errorCode(await api.request(`{ me { email } }`, {}, { token: created.data!.createApiToken.secret }))).toBeUndefined();
    expect((await api.request(`{ me { email } }`, {}, { token: created.data!.createApiToken.secret })).data).toEqual({ me: null });
    await expect(api.wsClient('anonymous')).rejects.toThrow(/socket closed: 4403/);
  });

  it('closes the sockets of a deactivated user, whose token stops working', async () => {
    const created = await api.request<{ createUser: { id: string } }>(
      `mutation { createUser(input: { email: "leaver@test.crucible.local", password: "leaver-password", roles: [RISK] }) { id } }`, {}, { role: 'admin' });
    expect(created.errors).toBeUndefined();
    const { secret } = await api.services().auth.createApiTokenForUser('leaver@test.crucible.local', { name: 'feed' });
    const client = await api.wsClient({ token: secret });
    const closed = new Promise<number>((resolveClosed) => client.on('closed', (event) => resolveClosed((event as { code: number }).code)));
    const deactivated = await api.request(`mutation($id: ID!) { deactivateUser(userId: $id) { active } }`, { id: created.data!.createUser.id }, { role: 'admin' });
    expect(deactivated.data).toEqual({ deactivateUser: { active: false } });
    expect(await closed).toBe(4403);
    await client.dispose();
    expect(errorCode(await api.request(`{ strategies { totalCount } }`, {}, { token: secret }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a token narrowed beyond its owner and roles outside the table', async () => {
    const broader = await api.request(`mutation { createApiToken(input: { name: "x", roles: [PRODUCTION] }) { secret } }`, {}, { role: 'research' });
    expect(errorCode(broader)).toBe('FORBIDDEN');
  });
});

describe('request limits', () => {
  it('refuses queries that are too deep or use too many aliases', async () => {
    const deep = `{ backtestRuns { edges { node { strategyVersion { strategy { versions { strategy { versions { strategy { versions { strategy { versions { id } } } } } } } } } } } } }`;
    const tooDeep = await api.request(deep);
    expect(tooDeep.errors![0]!.message).toMatch(/depth \d+ exceeds the limit of 12/);
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { email }`).join(' ')} }`;
    expect((await api.request(aliases)).errors![0]!.message).toMatch(/31 aliases exceed the limit of 30/);
    const expensive = await api.request(`{ marketDataSets(first: 200) { edges { node { bars(limit: 10000) { open high low close volume } } } } }`);
    expect(expensive.errors![0]).toMatchObject({ message: expect.stringMatching(/query complexity \d+ exceeds the limit of 20000/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});
