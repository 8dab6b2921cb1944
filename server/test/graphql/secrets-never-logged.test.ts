import { Writable } from 'node:stream';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { parseConfig } from '../../src/infra/config.ts';
import { redactedText } from '../../src/infra/log-redaction.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useApiHarness, type GraphQLResponse } from '../support/test-server.ts';

const api = useApiHarness();
/** Every log line the server wrote during this file, at the most verbose level. */
const logLines: string[] = [];
let server: RunningServer;

beforeAll(async () => {
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const config = { ...parseConfig({ PORT: '0', DATABASE_URL: api.database.url }), importDir: api.importDir };
  server = await startServer({ config, orm: api.orm, databaseUrl: api.database.url, logger: createLogger('secrets-test', 'trace', capture) });
});
afterAll(async () => {
  await server?.close();
});

async function call<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { body: (await response.json()) as GraphQLResponse<T>, response };
}

describe('secrets in logs, API responses and audit events', () => {
  it('a full sign-in, enrolment, step-up and token run leaves no secret in any log line or audit event', async () => {
    const admin = { authorization: `Bearer ${api.tokens.admin}` };
    const email = `secret-keeper-${Date.now()}@test.crucible.local`;
    const password = 'pw-6f1d0c9e-never-logged';
    const wrongPassword = 'pw-wrong-3b7a-never-logged';
    expect((await call(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password, roles: ['RESEARCH'] } }, admin)).body.errors).toBeUndefined();
    expect((await call(`mutation($input: SignInInput!) { signIn(input: $input) { viewer { email } } }`, { input: { email, password: wrongPassword } })).body.errors).toBeDefined();
    // A malformed request that carries the password (an unknown input field): refused, and its error is logged at most redacted.
    await call(`mutation($input: SignInInput!) { signIn(input: $input) { viewer { email } } }`, { input: { email, password, extra: password } });
    const signedIn = await call(`mutation($input: SignInInput!) { signIn(input: $input) { viewer { email } } }`, { input: { email, password } });
    const cookie = (signedIn.response.headers.get('set-cookie') ?? '').split(';')[0]!;
    const sessionSecret = decodeURIComponent(cookie.split('=')[1]!);
    expect(sessionSecret).toMatch(/^crucible_ses_/);
    const session = { cookie };
    const enrolment = await call<{ startTotpEnrolment: { secret: string } }>(`mutation { startTotpEnrolment { secret } }`, {}, session);
    const totpSecret = enrolment.body.data!.startTotpEnrolment.secret;
    const totp = new TOTP({ secret: Secret.fromBase32(totpSecret) });
    const code = totp.generate();
    expect((await call(`mutation($code: String!) { confirmTotpEnrolment(code: $code) { validUntil } }`, { code }, session)).body.errors).toBeUndefined();
    const token = await call<{ createApiToken: { secret: string } }>(`mutation { createApiToken(input: { name: "notebook" }) { secret } }`, {}, session);
    const tokenSecret = token.body.data!.createApiToken.secret;
    // Use the token, present a revoked-looking one, and sign out.
    expect((await call(`{ me { email } }`, {}, { authorization: `Bearer ${tokenSecret}` })).body.data).toEqual({ me: { email } });
    await call(`{ strategies { totalCount } }`, {}, { authorization: `Bearer ${tokenSecret}x` });
    await call(`mutation { signOut }`, {}, session);

    const secrets = { password, wrongPassword, sessionSecret, totpSecret, tokenSecret };
    expect(logLines.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(secrets)) {
      expect(logLines.filter((line) => line.includes(value)), `${name} in a log line`).toEqual([]);
    }
    const audit = await api.orm.em.fork().execute<{ details: unknown }[]>(`select details, subject_id from audit_event`);
    const auditText = JSON.stringify(audit);
    for (const [name, value] of Object.entries(secrets)) expect(auditText.includes(value), `${name} in the audit trail`).toBe(false);
    // The TOTP secret is only ever shown at enrolment: no query returns it again.
    const me = await call(`{ me { email totpEnabled } }`, {}, { authorization: `Bearer ${tokenSecret}` });
    expect(JSON.stringify(me.body)).not.toContain(totpSecret);
  });

  it('masks credentials and sensitive performance figures wherever a log line carries them', () => {
    const lines: string[] = [];
    const logger = createLogger('mask-test', 'info', { write: (line: string) => void lines.push(line) });
    logger.info({ deployment: { capitalAllocation: 125_000, pnl: -3_250.5, exchangeCredentials: { apiKey: 'k-123', apiSecret: 's-456' } }, webhookSecret: 'w-789', smtpPassword: 'p-012' }, 'deployment updated');
    logger.error({ err: new Error('token crucible_pat_abcdefghijkl rejected') }, 'request failed');
    const text = lines.join('\n');
    for (const value of ['125000', '-3250.5', 'k-123', 's-456', 'w-789', 'p-012', 'crucible_pat_abcdefghijkl']) expect(text).not.toContain(value);
    expect(text.split(redactedText).length - 1).toBeGreaterThanOrEqual(5);
  });
});
