import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, repositoryRoot } from '../../src/infra/config.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { prepareDatabase } from '../../src/cli/setup.command.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
let bundledDataDir: string;

beforeAll(async () => {
  // One bundled file keeps the import short; the demo seed adds its synthetic dataset, as in a real setup.
  bundledDataDir = await mkdtemp(join(tmpdir(), 'crucible-setup-test-'));
  await copyFile(join(repositoryRoot, 'data/market/BTC-USDT_1d.csv'), join(bundledDataDir, 'BTC-USDT_1d.csv'));
});
afterAll(async () => {
  await rm(bundledDataDir, { recursive: true, force: true });
});

describe('setup (prepareDatabase)', () => {
  it('reports the first evaluation cycle it queued, also when its own imports queued it, and none on a second run', async () => {
    const config = parseConfig({ DATABASE_URL: harness.database.appUrl, BUNDLED_DATA_DIR: bundledDataDir });
    const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

    const first = await prepareDatabase(harness.orm, config, logger);
    const cycles = await harness.services().cycles.list({ first: 10 });
    expect(cycles.totalCount).toBe(1);
    expect(first.queuedCycleId).toBe(cycles.nodes[0]!.id);

    const second = await prepareDatabase(harness.orm, config, logger);
    expect(second.queuedCycleId).toBeNull();
    expect((await harness.services().cycles.list({ first: 10 })).totalCount).toBe(1);
  }, 120_000);
});
