import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';

const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
const embeddedPostgres = pathToFileURL(join(repositoryRoot, 'server/src/infra/db/embedded-postgres.ts')).href;

/** Runs `script` (ES module text, in a file of its own) with tsx in a process of its own; resolves with its exit code. */
async function exitCodeOf(script: string): Promise<number> {
  const directory = await mkdtemp(join(tmpdir(), 'crucible-exit-code-'));
  const file = join(directory, 'probe.mts');
  await writeFile(file, script);
  try {
    await promisify(execFile)(tsx, ['--tsconfig', 'server/tsconfig.json', file], { cwd: repositoryRoot });
    return 0;
  } catch (error) {
    return (error as { code: number }).code;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

describe('loading embedded-postgres keeps the process’s exit code', () => {
  it('a process that set exitCode 3 and loaded embedded-postgres exits 3 when its event loop drains (its beforeExit hook exited 0: a failed vitest run on the embedded server exited 0)', async () => {
    expect(await exitCodeOf(`const { loadEmbeddedPostgres } = await import(${JSON.stringify(embeddedPostgres)});\nawait loadEmbeddedPostgres();\nprocess.exitCode = 3;\n`)).toBe(3);
  }, 120_000);
});
