import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const directory = await mkdtemp(join(tmpdir(), 'crucible-cli-'));

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

async function storedDataSets(): Promise<number> {
  return (await harness.services().marketData.list({})).totalCount;
}

/** Each `npm run crucible` spawns tsx (several seconds each on a loaded 2-core machine): the CLI tests get 3 minutes. */
const cliTestTimeoutMs = 180_000;

describe('npm run crucible -- data import', () => {
  it('imports a valid file and exits 0', async () => {
    const { name, content } = makeDailyCsv('AVAX-USDT', 25);
    await writeFile(join(directory, name), content);
    const result = await crucible('data', 'import', join(directory, name));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported and certified: AVAX-USDT 1d, 25 bars, 0 gaps, checksum [0-9a-f]{64}/);
    expect(await storedDataSets()).toBe(1);
  }, cliTestTimeoutMs);

  it('refuses a malformed file with a non-zero exit naming file, row and rule, and stores nothing', async () => {
    const before = await storedDataSets();
    const { content } = makeDailyCsv('BNB-USDT', 25);
    const cases: [string, string, RegExp][] = [
      ['negative price', content.replace(/\n(2024-01-10T[^,]+),[^,]+,/, '\n$1,-1,'), /BNB-USDT_1d\.csv, row 11: rule "non-positive-price"/],
      ['missing column', content.replace('volume', 'vol'), /row 1: rule "header" — missing column\(s\) volume/],
      ['rows out of order', content.replace(/2024-01-05T/, '2024-02-05T'), /row 7: rule "timestamp-order"/],
    ];
    for (const [label, broken, message] of cases) {
      await writeFile(join(directory, 'BNB-USDT_1d.csv'), broken);
      const result = await crucible('data', 'import', join(directory, 'BNB-USDT_1d.csv'), '--symbol', 'BNB-USDT', '--timeframe', '1d');
      expect(result.code, label).not.toBe(0);
      expect(result.stderr, label).toMatch(message);
    }
    // Nothing of the refused files is stored (the other test of this file may have imported its own dataset first).
    expect(await storedDataSets()).toBe(before);
  }, cliTestTimeoutMs);
});
