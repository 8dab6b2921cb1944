import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';

describe('web/src/lib/gql', () => {
  it('is what GraphQL Code Generator makes from schema.graphql and the web operations (run `npm run codegen` when this fails)', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(repositoryRoot, 'codegen.yml') });
    const outputs = (await generate({ ...config, cwd: repositoryRoot, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = await readFile(join(repositoryRoot, output.filename), 'utf8').catch(() => '(missing)');
      expect(committed, output.filename).toBe(output.content);
    }
  }, 60_000);
});
