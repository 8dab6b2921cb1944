import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { parseConfig } from '../../src/infra/config.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();
let production: RunningServer;

beforeAll(async () => {
  const config = parseConfig({
    PORT: '0',
    DATABASE_URL: api.database.url,
    CRUCIBLE_MODE: 'production',
    AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
    SECRETS_KEYS: `p1:${randomBytes(32).toString('base64')}`,
  });
  production = await startServer({ config, orm: api.orm, databaseUrl: api.database.url, logger: createLogger('test-production', 'silent') });
});
afterAll(async () => {
  await production?.close();
});

const introspection = `{ __schema { queryType { name } } }`;
const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

describe('production mode', () => {
  it('refuses schema introspection to anonymous callers, allows it to signed-in ones', async () => {
    const anonymous = await post(production.url, introspection);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { errors: unknown[] }).errors[0]).toMatchObject({ message: expect.stringContaining('signed-in'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const typeProbe = await post(production.url, `{ __type(name: "Strategy") { name } }`);
    expect(typeProbe.status).toBe(401);
    const signedIn = await post(production.url, introspection, { authorization: `Bearer ${api.tokens.research}` });
    expect(await signedIn.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    // `me` stays public.
    expect(await (await post(production.url, `{ me { email } }`)).json()).toEqual({ data: { me: null } });
  });

  it('serves no GraphiQL', async () => {
    expect((await fetch(`${production.url}/graphiql`)).status).toBe(404);
    expect((await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } })).headers.get('content-type')).not.toContain('text/html');
  });
});

describe('security headers', () => {
  it('sends X-Frame-Options, nosniff and a referrer policy on every response', async () => {
    for (const path of ['/healthz', '/graphql', '/', '/no-such-page']) {
      const response = await fetch(`${production.url}${path}`, { method: path === '/graphql' ? 'POST' : 'GET', headers: { 'content-type': 'application/json' }, body: path === '/graphql' ? '{"query":"{ me { email } }"}' : undefined });
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('gives the GraphiQL page (demo mode) a CSP that allows only its own inline scripts, by hash', async () => {
    const response = await fetch(`${api.server.url}/graphiql`);
    expect(response.status).toBe(200);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/);
    expect(policy).not.toContain('unsafe-eval');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
