import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { parseConfig } from '../../src/infra/config.ts';
import { withVerifiedTls } from '../../src/infra/db/database-tls.ts';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();
const dir = mkdtempSync(join(tmpdir(), 'crucible-tls-'));
const certFile = join(dir, 'cert.pem');
const keyFile = join(dir, 'key.pem');
let server: RunningServer;

beforeAll(async () => {
  // A self-signed certificate for 127.0.0.1, made at test time.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const config = parseConfig({ PORT: '0', DATABASE_URL: api.database.url, TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile });
  server = await startServer({ config, orm: api.orm, databaseUrl: api.database.url, logger: createLogger('test-tls', 'silent') });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(url: string, ca?: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolveResponse, reject) => {
    const outgoing = request(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolveResponse({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('TLS', () => {
  it('serves HTTPS with the configured certificate (and HSTS); plain HTTP gets no answer', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await get(`${server.url}/healthz`, readFileSync(certFile));
    expect(health).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    await expect(get(`${server.url}/healthz`)).rejects.toThrow(/self[- ]signed/i);
    await expect(fetch(`${server.url.replace('https', 'http')}/healthz`)).rejects.toThrow();
  });

  it('refuses half a TLS configuration', () => {
    expect(() => parseConfig({ TLS_CERT_FILE: certFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
  });

  it('with DATABASE_SSL_ROOT_CERT, PostgreSQL connections require TLS with a verified certificate (verify-full)', async () => {
    const url = withVerifiedTls(api.database.url, certFile);
    expect(new URL(url).searchParams.get('sslmode')).toBe('verify-full');
    // The test server speaks no TLS: every client refuses to fall back to plaintext — node-postgres and the ORM alike.
    const client = new pg.Client({ connectionString: url });
    await expect(client.connect()).rejects.toThrow(/does not support SSL/);
    const orm = await openOrm(url, 1);
    try {
      await expect(orm.em.getConnection().execute('select 1')).rejects.toThrow(/does not support SSL/);
    } finally {
      await orm.close();
    }
  });
});
