import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { graphql } from './support/graphql.ts';

const statusOf = async (request: APIRequestContext, id: string) =>
  (await graphql<{ optimization: { status: string } }>(request, 'query ($id: ID!) { optimization(id: $id) { status } }', { id })).optimization.status;

/**
 * Queues an optimization long enough to hold a worker slot for the whole test (the most the API allows on the two
 * daily datasets of the e2e stack: 97 anchored segments each, 1000 random trials per segment); the test cancels it.
 */
async function queueLongOptimization(request: APIRequestContext): Promise<string> {
  const options = await graphql<{
    strategies: { edges: { node: { versions: { id: string; template: string }[] } }[] };
    marketDataSets: { edges: { node: { id: string; timeframe: string } }[] };
  }>(request, `{ strategies(first: 50) { edges { node { versions { id template } } } } marketDataSets(first: 50) { edges { node { id timeframe } } } }`);
  const version = options.strategies.edges.flatMap((edge) => edge.node.versions).find((candidate) => candidate.template === 'sma_crossover')!;
  const datasets = options.marketDataSets.edges.filter((edge) => edge.node.timeframe === 'ONE_DAY').map((edge) => edge.node.id).slice(0, 2);
  const queued = await graphql<{ queueOptimization: { optimization: { id: string } } }>(
    request,
    'mutation ($input: QueueOptimizationInput!) { queueOptimization(input: $input) { optimization { id } } }',
    {
      input: {
        strategyVersionId: version.id,
        marketDataSetIds: datasets,
        searchMethod: 'RANDOM',
        trialBudget: 1000,
        windows: { scheme: 'ANCHORED', unit: 'BARS', trainSize: 30, testSize: 26 },
        objective: { metric: 'SHARPE', direction: 'MAXIMIZE', constraints: [] },
      },
    },
  );
  return queued.queueOptimization.optimization.id;
}

async function cancelThrough(page: Page, what: string, reason: string): Promise<void> {
  await page.getByRole('button', { name: `Cancel ${what}…` }).click();
  const form = page.getByRole('form', { name: `Cancel ${what}` });
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: `Cancel ${what}` }).click();
}

test('cancel a running optimization, a queued run and a queued cycle from their pages; roles that may not cancel see no button', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, 'research');
  const request = page.request;
  // Two long optimizations take both worker slots (the e2e worker runs 2 jobs at once): what is queued next waits.
  const optimizations = [await queueLongOptimization(request), await queueLongOptimization(request)];
  try {
    await expect.poll(async () => Promise.all(optimizations.map((id) => statusOf(request, id))), { timeout: 60_000 }).toEqual(['RUNNING', 'RUNNING']);

    // A queued run: cancelled from the run page.
    const options = await graphql<{ strategies: { edges: { node: { versions: { id: string; template: string }[] } }[] }; marketDataSets: { edges: { node: { id: string } }[] } }>(
      request,
      `{ strategies(first: 50) { edges { node { versions { id template } } } } marketDataSets(first: 1) { edges { node { id } } } }`,
    );
    const versionId = options.strategies.edges.flatMap((edge) => edge.node.versions).find((candidate) => candidate.template === 'ema_crossover')!.id;
    const run = await graphql<{ queueBacktest: { backtestRun: { id: string } } }>(request, 'mutation ($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }', {
      input: { strategyVersionId: versionId, marketDataSetId: options.marketDataSets.edges[0]!.node.id },
    });
    await page.goto(`/runs/${encodeURIComponent(run.queueBacktest.backtestRun.id)}`);
    const runStatus = page.getByRole('heading', { level: 1 }).locator('[data-status]');
    await expect(runStatus).toHaveText('QUEUED');
    await cancelThrough(page, 'run', 'queued by mistake');
    await expect(runStatus).toHaveText('CANCELLED');
    await expect(page.getByRole('status').filter({ hasText: 'cancelled: queued by mistake' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel run…' })).toHaveCount(0);

    // A queued evaluation cycle: cancelled from the scorecard.
    await page.goto('/scorecard');
    await page.getByRole('button', { name: 'Run evaluation cycle' }).click();
    const cycle = page.getByLabel('Latest cycle');
    await expect(cycle.getByTestId('cycle-status')).toHaveText('QUEUED');
    await cancelThrough(page, 'cycle', 'wrong moment');
    await expect(cycle.getByTestId('cycle-status')).toHaveText('CANCELLED');
    await expect(cycle).toContainText('cancelled: wrong moment');

    // Compliance reads the running optimization but is not offered to cancel it.
    const compliance = await browser.newPage();
    try {
      await signIn(compliance, 'compliance');
      await compliance.goto(`/optimizations/${encodeURIComponent(optimizations[0]!)}`);
      await expect(compliance.getByLabel('Status')).toHaveText('RUNNING');
      await expect(compliance.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(compliance.getByRole('button', { name: 'Cancel optimization…' })).toHaveCount(0);
    } finally {
      await compliance.close();
    }

    // The running optimization: cancelled from its page; the worker stops it before its next segment.
    await page.goto(`/optimizations/${encodeURIComponent(optimizations[0]!)}`);
    await expect(page.getByLabel('Status')).toHaveText('RUNNING');
    await cancelThrough(page, 'optimization', 'runs too long');
    await expect(page.getByLabel('Status')).toHaveText('CANCELLED');
    await expect(page.getByText('cancelled: runs too long')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel optimization…' })).toHaveCount(0);
  } finally {
    // Leave no long job behind for the other specs.
    for (const id of optimizations) {
      await request.post('/graphql', {
        data: { query: 'mutation ($input: CancelOptimizationInput!) { cancelOptimization(input: $input) { optimization { id } } }', variables: { input: { optimizationId: id, reason: 'e2e clean-up' } } },
      });
    }
  }
});
