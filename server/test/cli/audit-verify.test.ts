import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';
import { databaseUrlFor, runAdminStatement } from '../support/postgres-server.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

/** Runs `npm run crucible -- audit verify` with `environment` (DATABASE_URL removed unless given). */
async function verify(environment: Record<string, string>): Promise<{ code: number; stdout: string }> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  try {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'crucible', '--', 'audit', 'verify'], { cwd: repositoryRoot, env: { ...rest, LOG_LEVEL: 'warn', ...environment } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('npm run crucible -- audit verify where there is nothing to verify', () => {
  it('an empty chain is not "intact": exit 3', async () => {
    const result = await verify({ DATABASE_URL: harness.database.appUrl });
    expect(result).toMatchObject({ code: 3, stdout: expect.stringContaining('Audit chain NOT VERIFIED: the audit chain is empty') });
  });

  it('a database the platform never migrated: exit 3, and nothing is created in it', async () => {
    const name = `crucible_never_${Math.random().toString(36).slice(2, 8)}`;
    await runAdminStatement(inject('testAdminUrl'), `create database ${name}`);
    try {
      const url = databaseUrlFor(inject('testAdminUrl'), name);
      expect(await verify({ DATABASE_URL: url })).toMatchObject({ code: 3, stdout: expect.stringContaining('this database has no Crucible audit trail') });
    } finally {
      await runAdminStatement(inject('testAdminUrl'), `drop database if exists ${name} with (force)`);
    }
  });

  it('without DATABASE_URL and no cluster in DATA_DIR: exit 3, and no cluster is created', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'crucible-no-cluster-'));
    try {
      const result = await verify({ DATA_DIR: dataDir });
      expect(result).toMatchObject({ code: 3, stdout: expect.stringContaining(`there is no embedded cluster in DATA_DIR (${dataDir}/postgres)`) });
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
