import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { graphql } from './support/graphql.ts';

const run = promisify(execFile);
const notebook = fileURLToPath(new URL('../../examples/notebooks/crucible-research.ipynb', import.meta.url));
const outputDir = fileURLToPath(new URL('../test-results/notebook', import.meta.url));

interface NotebookOutput {
  output_type: string;
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/**
 * The example notebook (issue 14: notebooks are first-class clients) executed headless against this stack with
 * Debian's jupyter-nbconvert and python3-pandas/-matplotlib/-requests/-websocket, as a notebook user would run it:
 * an API token of a research user, the server's URL, every cell in order. `.ci/run` installs those packages.
 */
test('the example notebook runs against the stack: DataFrames, two plots and the live feed', async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  await signIn(page, 'research');
  const token = await graphql<{ createApiToken: { secret: string } }>(
    page.request,
    'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }',
    { input: { name: `notebook ${Date.now()}`, roles: ['RESEARCH'] } },
  );
  await mkdir(outputDir, { recursive: true });
  // Debian's Python first: the kernelspec is /usr/bin/python3, and jupyter must not pick up another interpreter.
  const env = { ...process.env, PATH: `/usr/bin:${process.env.PATH ?? ''}`, CRUCIBLE_URL: baseURL ?? '', CRUCIBLE_TOKEN: token.createApiToken.secret };
  await run(
    'jupyter',
    ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=540', '--output-dir', outputDir, '--output', 'executed', notebook],
    { env, timeout: 580_000, maxBuffer: 32 * 1024 * 1024 },
  );

  const executed = JSON.parse(await readFile(`${outputDir}/executed.ipynb`, 'utf8')) as { cells: { cell_type: string; outputs?: NotebookOutput[] }[] };
  const outputs = executed.cells.flatMap((cell) => cell.outputs ?? []);
  expect(outputs.filter((output) => output.output_type === 'error')).toEqual([]);
  // The equity comparison and the trial scatter.
  expect(outputs.filter((output) => output.data?.['image/png'] !== undefined).length).toBe(2);
  // DataFrames rendered as HTML tables, and the feed printed how many live events arrived.
  expect(outputs.filter((output) => String(output.data?.['text/html'] ?? '').includes('<table')).length).toBeGreaterThanOrEqual(4);
  const printed = JSON.stringify(outputs);
  expect(printed).toMatch(/[1-9]\d* live events received/);
  expect(printed).toContain('signed in as research@demo.crucible.local');
});
