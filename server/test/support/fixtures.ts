import type { Services } from '../../src/services/create-services.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { readMarketFile } from './market-files.ts';
import type { ServiceTestHarness } from './test-services.ts';

/** Registers the built-in strategies and imports BTC-USDT 1d; returns the SMA-crossover version and the dataset. */
export async function arrangeSmaOnBtcDaily(harness: ServiceTestHarness) {
  const services: Services = harness.services();
  await services.strategies.registerBuiltInStrategies();
  const strategy = await harness.orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode('sma_crossover') });
  const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
  const { marketDataSet } = await services.marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
  return { strategy, version, marketDataSet };
}

/** Jobs waiting in graphile-worker's queue for a task (the public `jobs` view has no payload column). */
export async function queuedJobs(harness: ServiceTestHarness, task: string) {
  return harness.orm.em.fork().execute<{ key: string | null; payload: unknown; max_attempts: number }[]>(
    `select j.key, j.payload, j.max_attempts from graphile_worker._private_jobs j
       join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = ? order by j.id`,
    [task],
  );
}
