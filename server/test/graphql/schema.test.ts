import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPubSub } from '@graphql-yoga/subscription';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../src/infra/config.ts';
import { BacktestRunType } from '../../src/graphql/backtest/backtest-run.type.ts';
import { makeSchema, printSortedSchema } from '../../src/graphql/schema.ts';

describe('schema.graphql', () => {
  it('is the schema the server builds (run `npm run schema` when this fails)', async () => {
    const committed = await readFile(join(repositoryRoot, 'schema.graphql'), 'utf8');
    expect(printSortedSchema(await makeSchema(createPubSub()))).toBe(committed);
  });

  it('is built without decorator metadata, so every type is explicit and tsx, vitest and tsc agree', () => {
    expect(Reflect.getMetadata('design:type', BacktestRunType.prototype, 'status')).toBeUndefined();
  });
});
