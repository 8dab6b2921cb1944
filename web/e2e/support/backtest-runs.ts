import { expect, type Page } from '@playwright/test';
import { graphql } from './graphql.ts';

/**
 * Queues the built-in SMA crossover on BTC-USDT 1d once per fast period (with `slowPeriod`), through GraphQL as the
 * signed-in page's user, and waits (polling, up to 60 s each) until every run is COMPLETED. @returns the runs' ids.
 */
export async function completedSmaRuns(page: Page, fastPeriods: number[], slowPeriod: number): Promise<string[]> {
  const options = await graphql<{
    strategies: { edges: { node: { name: string; versions: { id: string; template: string }[] } }[] };
    marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] };
  }>(page.request, `{ strategies(first: 100) { edges { node { name versions { id template } } } } marketDataSets(first: 50) { edges { node { id symbolUniverse timeframe } } } }`);
  const version = options.strategies.edges.filter((edge) => edge.node.name === 'SMA crossover').flatMap((edge) => edge.node.versions).find((candidate) => candidate.template === 'sma_crossover')!;
  const dataSet = options.marketDataSets.edges.map((edge) => edge.node).find((node) => node.symbolUniverse.join() === 'BTC-USDT' && node.timeframe === 'ONE_DAY')!;
  const ids: string[] = [];
  for (const fastPeriod of fastPeriods) {
    const queued = await graphql<{ queueBacktest: { backtestRun: { id: string } } }>(
      page.request,
      `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }`,
      { input: { strategyVersionId: version.id, marketDataSetId: dataSet.id, parameters: [{ name: 'fastPeriod', value: fastPeriod }, { name: 'slowPeriod', value: slowPeriod }] } },
    );
    ids.push(queued.queueBacktest.backtestRun.id);
  }
  for (const id of ids) {
    await expect
      .poll(async () => (await graphql<{ backtestRun: { status: string } }>(page.request, `query($id: ID!) { backtestRun(id: $id) { status } }`, { id })).backtestRun.status, { timeout: 60_000 })
      .toBe('COMPLETED');
  }
  return ids;
}
