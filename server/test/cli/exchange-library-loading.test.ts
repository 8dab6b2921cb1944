import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';

/**
 * ccxt takes seconds to load: only the exchange connectors load it, on first use (`loadExchangeVenue`). These tests
 * run real processes with a module hook that counts ccxt's modules (test/support/report-ccxt-loads.mjs) — no timing.
 */
const probe = join(repositoryRoot, 'server/test/support/report-ccxt-loads.mjs');
const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
const cliDirectory = join(repositoryRoot, 'server/src/cli');

/** Runs `tsx <args>` with the probe preloaded; resolves with the exit code, output and the ccxt module count. */
async function runProbed(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ccxtModules: number }> {
  let result: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['--tsconfig', 'server/tsconfig.json', '--import', pathToFileURL(probe).href, ...args], {
      cwd: repositoryRoot,
      // No database: the commands below answer before they would open one.
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'warn' },
    });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    result = { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
  const count = /ccxt modules loaded: (\d+)/.exec(result.stderr)?.[1];
  expect(count, `the probe did not report (exit ${result.code}): ${result.stderr}`).toBeDefined();
  return { ...result, ccxtModules: Number(count) };
}

/** Each run spawns tsx (seconds on a loaded 2-core machine). */
const timeoutMs = 120_000;

describe('the CLI does not load ccxt', () => {
  it('answers --help and a command refused for its arguments without loading ccxt', async () => {
    const help = await runProbed(['server/src/cli/main.ts', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run crucible -- <command>');
    expect(help.ccxtModules).toBe(0);

    // `user create` without an email loads the admin commands (and the services under them), then prints its usage.
    const userCreate = await runProbed(['server/src/cli/main.ts', 'user', 'create']);
    expect(userCreate.code).toBe(1);
    expect(userCreate.stderr).toContain('Usage: npm run crucible -- user create <email>');
    expect(userCreate.ccxtModules).toBe(0);
  }, timeoutMs);

  it('loads none of ccxt with every command module, and the probe sees ccxt when the exchange connector loads', async () => {
    const commandModules = (await readdir(cliDirectory)).filter((name) => name.endsWith('.command.ts')).map((name) => pathToFileURL(join(cliDirectory, name)).href);
    expect(commandModules.length).toBeGreaterThanOrEqual(5);
    const importAll = `for (const url of ${JSON.stringify(commandModules)}) await import(url);`;
    const commands = await runProbed(['--input-type=module', '--eval', importAll]);
    expect(commands.code, commands.stderr).toBe(0);
    expect(commands.ccxtModules).toBe(0);

    // The same probe on the connector itself: it counts ccxt's modules when they do load.
    const connector = pathToFileURL(join(repositoryRoot, 'server/src/infra/exchange/exchange-venue.ts')).href;
    const exchange = await runProbed(['--input-type=module', '--eval', `await import(${JSON.stringify(connector)});`]);
    expect(exchange.code, exchange.stderr).toBe(0);
    expect(exchange.ccxtModules).toBeGreaterThan(0);
  }, timeoutMs);
});
