import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

test('queue an SMA-crossover backtest, watch it complete live, then inspect the run', async ({ page }) => {
  await page.goto('/runs');
  await expect(page.getByRole('heading', { name: 'Backtest runs' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Queue backtest' });
  await expect(form.getByLabel('Strategy')).toHaveValue(/.+/);
  await expect(form.getByLabel('Strategy').locator('option:checked')).toHaveText('SMA crossover');
  await form.getByLabel('Dataset').selectOption({ label: 'BTC-USDT · 1d' });
  await expect(form.getByRole('spinbutton', { name: /fastPeriod/ })).toHaveValue('20');
  await expect(form.getByRole('spinbutton', { name: /slowPeriod/ })).toHaveValue('50');
  await expect(form.getByLabel('Fee (bps)')).toHaveValue('10');
  await expect(form.getByLabel('Slippage (bps)')).toHaveValue('5');

  // graphql-ws connects lazily: wait until the page's subscription reached the server.
  await subscriptionLive(page, 'BACKTEST_RUN_UPDATED');
  await form.getByRole('button', { name: 'Queue backtest' }).click();
  await expect(form.getByRole('status')).toContainText('Queued');

  // Other specs may have run SMA crossover on BTC-USDT on the same stack: follow this run by its id (the status
  // links to it).
  const href = await form.getByRole('status').getByRole('link').getAttribute('href');
  const databaseId = await page.request
    .post('/graphql', { data: { query: 'query ($id: ID!) { backtestRun(id: $id) { databaseId } }', variables: { id: decodeURIComponent(href!.replace('/runs/', '')) } } })
    .then(async (response) => ((await response.json()) as { data: { backtestRun: { databaseId: string } } }).data.backtestRun.databaseId);
  const table = page.getByRole('table', { name: 'Backtest runs' });
  const row = table.locator(`tbody tr[data-run-id="${databaseId}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('SMA crossover');
  await expect(row).toContainText('BTC-USDT');
  await expect(row.getByText('COMPLETED')).toBeVisible();
  // Sharpe (col 6) and max drawdown (col 7) are numbers once the run completes.
  const cells = row.getByRole('cell');
  await expect(cells.nth(5)).toHaveText(/^−?\d+\.\d{2}$/);
  await expect(cells.nth(6)).toHaveText(/^−?\d+\.\d{2} %$/);
  await page.screenshot({ path: 'test-results/screenshots/runs.png', fullPage: true });

  await row.getByRole('link', { name: /Open run/ }).click();
  await expect(page).toHaveURL(/\/runs\/.+/);
  await expect(page.getByRole('heading', { name: /SMA crossover/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Equity curve chart' }).locator('canvas').first()).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Drawdown chart' }).locator('canvas').first()).toBeVisible();
  const headline = page.getByRole('region', { name: 'Headline metrics' });
  await expect(headline.getByText('Sharpe')).toBeVisible();
  await expect(headline.getByText('Max drawdown')).toBeVisible();
  const riskAdjusted = page.getByRole('table', { name: 'Risk-adjusted metrics' });
  await expect(riskAdjusted.getByRole('row', { name: /Sharpe/ }).getByRole('cell').nth(1)).toHaveText(/^−?\d+\.\d{2}$/);
  const drawdown = page.getByRole('table', { name: 'Drawdown and tail metrics' });
  await expect(drawdown.getByRole('row', { name: /Max drawdown/ }).getByRole('cell').nth(1)).toHaveText(/^−\d+\.\d{2} %$/);
  await expect(page.getByText('Dataset checksum')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/run-detail.png', fullPage: true });
});

test('a run queued by someone else appears at the top live, and invalid parameters show the field', async ({ page }) => {
  // The API calls below use the browser context's session cookie (signed in as research).
  const request = page.request;
  await page.goto('/runs');
  const form = page.getByRole('form', { name: 'Queue backtest' });
  await expect(form.getByLabel('Dataset')).toHaveValue(/.+/);

  // Invalid parameters: the server's validation error is shown with its field.
  await form.getByRole('spinbutton', { name: /fastPeriod/ }).fill('80');
  await form.getByRole('spinbutton', { name: /slowPeriod/ }).fill('40');
  await form.getByRole('button', { name: 'Queue backtest' }).click();
  await expect(form.getByRole('alert', { name: 'Queue backtest errors' })).toContainText('parameters.');

  // A run queued through the API (not this page) shows up through the subscription, without a reload.
  const options = await request.post('/graphql', {
    data: {
      query: `{ strategies(first: 50) { edges { node { name versions { id template } } } }
                marketDataSets(first: 50) { edges { node { id symbolUniverse } } } }`,
    },
  });
  const body = (await options.json()) as {
    data: {
      strategies: { edges: { node: { name: string; versions: { id: string; template: string }[] } }[] };
      marketDataSets: { edges: { node: { id: string; symbolUniverse: string[] } }[] };
    };
  };
  const version = body.data.strategies.edges.flatMap((edge) => edge.node.versions).find((candidate) => candidate.template === 'ema_crossover');
  const dataset = body.data.marketDataSets.edges.find((edge) => edge.node.symbolUniverse.includes('ETH-USDT'));
  expect(version, 'EMA crossover is registered').toBeDefined();
  expect(dataset, 'ETH-USDT 1d is imported').toBeDefined();
  await subscriptionLive(page, 'BACKTEST_RUN_UPDATED');
  const queued = await request.post('/graphql', {
    data: {
      query: 'mutation ($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }',
      variables: { input: { strategyVersionId: version?.id, marketDataSetId: dataset?.node.id } },
    },
  });
  expect(queued.ok()).toBe(true);

  const firstRow = page.getByRole('table', { name: 'Backtest runs' }).locator('tbody tr').first();
  await expect(firstRow).toContainText('ETH-USDT');
  await expect(firstRow.getByText('COMPLETED')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/runs-live.png', fullPage: true });
});
