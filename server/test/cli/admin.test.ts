import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/infra/clock.ts';
import { repositoryRoot } from '../../src/infra/config.ts';
import { authenticate } from '../../src/services/auth/credentials.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: one test tampers with the audit chain.
const harness = useServiceHarness({ database: 'test' });

/** Runs `npm run crucible -- <args>` the way an operator does; resolves with exit code and output. */
async function crucible(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'crucible', '--', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: harness.database.appUrl, LOG_LEVEL: 'warn' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Each `npm run crucible` spawns tsx (several seconds each on a loaded 2-core machine): the CLI tests get 3 minutes. */
const cliTestTimeoutMs = 180_000;

describe('npm run crucible -- user / role / token / audit', () => {
  it('bootstraps a user, grants a role, prints a token that authenticates, and verifies the audit chain', async () => {
    const created = await crucible('user', 'create', 'ops@example.com', '--roles', 'research,admin', '--password', 'ops-password-1');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created ops@example.com \(id [0-9a-f-]{36}\) with roles research, admin\./);

    const granted = await crucible('role', 'grant', 'ops@example.com', 'compliance');
    expect(granted.stdout).toContain('ops@example.com now holds: research, admin, compliance');
    expect((await crucible('role', 'grant', 'ops@example.com', 'wizard')).stderr).toContain('unknown role(s): wizard');

    const token = await crucible('token', 'create', '--user', 'ops@example.com', '--roles', 'research');
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^crucible_pat_[\w-]{43}$/);
    const actor = await authenticate(harness.orm.em.fork(), systemClock, { bearerToken: token.stdout.trim() });
    expect(actor).toMatchObject({ email: 'ops@example.com', roles: ['research'], credential: { kind: 'api_token', stepUp: false } });

    const verified = await crucible('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Audit chain intact: \d+ events checked/);
    const { events } = await harness.services().audit.list({ action: 'permission.' });
    expect(events.map((event) => event.details.role)).toEqual(['compliance', 'admin', 'research']);
  }, cliTestTimeoutMs);

  it('revokes a token by the id token create printed, says so when it already was, and refuses the secret in place of the id', async () => {
    expect((await crucible('user', 'create', 'ops@example.com', '--roles', 'research', '--password', 'ops-password-1')).code).toBe(0);
    const token = await crucible('token', 'create', '--user', 'ops@example.com');
    const tokenId = /Token ([0-9a-f-]{36}) for ops@example.com/.exec(token.stderr)?.[1];
    expect(tokenId, token.stderr).toBeDefined();
    expect((await crucible('token', 'revoke', tokenId!)).stdout).toContain(`Revoked token ${tokenId} (cli, ops@example.com)`);
    expect(await authenticate(harness.orm.em.fork(), systemClock, { bearerToken: token.stdout.trim() })).toMatchObject({ credential: { kind: 'anonymous' } });
    expect((await crucible('token', 'revoke', tokenId!)).stdout).toMatch(new RegExp(`Token ${tokenId} \\(cli, ops@example.com\\) was already revoked at `));
    expect(await crucible('token', 'revoke', token.stdout.trim())).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a token id') });
  }, cliTestTimeoutMs);

  it('exits 2 naming the first broken event after tampering', async () => {
    expect((await crucible('user', 'create', 'ops@example.com', '--roles', 'research,admin', '--password', 'ops-password-1')).code).toBe(0); // events to tamper with
    const client = new pg.Client({ connectionString: harness.database.url });
    await client.connect();
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(`update audit_event set actor_role = 'admin' where sequence = 2`);
    await client.query('commit');
    await client.end();
    const verified = await crucible('audit', 'verify');
    expect(verified.code).toBe(2);
    expect(verified.stdout).toContain('Audit chain BROKEN at sequence 2: hash does not match the event contents');
  }, cliTestTimeoutMs);

  it('answers --help with exit 0, and an unknown option or no command with exit 1 and the usage', async () => {
    const help = await crucible('--help');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: npm run crucible -- <command>') });
    const unknownOption = await crucible('user', 'create', 'ops@example.com', '--role', 'admin');
    expect(unknownOption.code).toBe(1);
    expect(unknownOption.stderr).toContain("Unknown option '--role'");
    expect(unknownOption.stderr).toContain('Usage: npm run crucible -- <command>');
    expect(await crucible()).toMatchObject({ code: 1, stderr: expect.stringContaining('Usage: npm run crucible -- <command>') });
  }, cliTestTimeoutMs);

  it('refuses a token for a user without roles or a deactivated one; deactivates several users, naming those already deactivated', async () => {
    const roleless = await crucible('user', 'create', 'new@example.com', '--password', 'new-password-1');
    expect(roleless.stdout).toContain('Created new@example.com');
    expect(roleless.stdout).toContain('with no roles (it can sign in but do nothing until `role grant new@example.com <role>`)');
    expect(await crucible('token', 'create', '--user', 'new@example.com')).toMatchObject({ code: 1, stderr: expect.stringContaining('new@example.com holds no roles') });

    expect((await crucible('user', 'create', 'ops@example.com', '--roles', 'research', '--password', 'ops-password-1')).code).toBe(0);
    const deactivated = await crucible('user', 'deactivate', 'new@example.com', 'ops@example.com');
    expect(deactivated.code).toBe(0);
    expect(deactivated.stdout).toContain('Deactivated new@example.com');
    expect(deactivated.stdout).toContain('Deactivated ops@example.com');

    const again = await crucible('user', 'deactivate', 'ops@example.com', 'nobody@example.com');
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('ops@example.com was already deactivated.');
    expect(again.stderr).toContain('nobody@example.com: User nobody@example.com not found');
    expect(await crucible('token', 'create', '--user', 'ops@example.com')).toMatchObject({ code: 1, stderr: expect.stringContaining('ops@example.com is deactivated') });
    const { events } = await harness.services().audit.list({ action: 'user.deactivated' });
    expect(events.map((event) => event.details.email).sort()).toEqual(['new@example.com', 'ops@example.com']);
  }, cliTestTimeoutMs);

  it('refuses production mode with the demo keys', async () => {
    const result = await promisify(execFile)('npm', ['run', '--silent', 'crucible', '--', 'audit', 'verify'], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: harness.database.appUrl, CRUCIBLE_MODE: 'production' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('production mode (CRUCIBLE_MODE=production) refuses the demo keys') });
  }, cliTestTimeoutMs);

  it('refuses, in production mode, a DATABASE_URL whose role could rewrite the audit trail (like the server and worker); warns on standard error in demo mode', async () => {
    const productionKeys = { CRUCIBLE_MODE: 'production', AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'), AUDIT_SIGNING_KEY_ID: 'cli-test', SECRETS_KEYS: `cli-test:${randomBytes(32).toString('base64')}` };
    const result = await promisify(execFile)('npm', ['run', '--silent', 'crucible', '--', 'audit', 'verify'], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: harness.database.url, ...productionKeys },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('production mode (CRUCIBLE_MODE=production) refuses this database role') });

    // Demo mode only warns, on standard error: standard output is the secret alone, for TOKEN=$(… token create …).
    await harness.services().users.create({ email: 'ops@example.com', password: 'ops-password-1', roles: ['research'] });
    const { LOG_LEVEL: _unset, ...environment } = process.env;
    const demo = await promisify(execFile)('npm', ['run', '--silent', 'crucible', '--', 'token', 'create', '--user', 'ops@example.com'], {
      cwd: repositoryRoot,
      env: { ...environment, DATABASE_URL: harness.database.url },
    });
    expect(demo.stdout).toMatch(/^crucible_pat_[\w-]{43}\n$/);
    expect(demo.stderr).toContain('demo mode: DATABASE_URL connects as');
  }, cliTestTimeoutMs);
});
