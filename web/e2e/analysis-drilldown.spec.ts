import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

test('three runs on two datasets compare with named columns, units, the best of each row, a parameter diff and a dataset warning', async ({ page }) => {
  await page.goto('/runs');
  const form = page.getByRole('form', { name: 'Queue backtest' });
  await subscriptionLive(page, 'BACKTEST_RUN_UPDATED');
  const table = page.getByRole('table', { name: 'Backtest runs' });
  const runRows = table.locator('tbody tr[data-run-id]');
  const before = await runRows.count();
  for (const [index, [dataset, fast, slow]] of ([['BTC-USDT · 1d', '10', '30'], ['BTC-USDT · 1d', '20', '100'], ['ETH-USDT · 1d', '15', '60']] as const).entries()) {
    await form.getByLabel('Dataset').selectOption({ label: dataset });
    await form.getByRole('spinbutton', { name: /fastPeriod/ }).fill(fast);
    await form.getByRole('spinbutton', { name: /slowPeriod/ }).fill(slow);
    await form.getByRole('button', { name: 'Queue backtest' }).click();
    await expect(runRows).toHaveCount(before + index + 1);
  }
  await expect(table.getByRole('row').filter({ hasText: /QUEUED|RUNNING/ })).toHaveCount(0);
  for (const row of (await runRows.all()).slice(0, 3)) await row.getByRole('checkbox', { name: /for comparison/ }).check();
  await page.getByRole('link', { name: 'Compare selected (3)' }).click();
  await expect(page).toHaveURL(/\/compare\?ids=/);

  await expect(page.getByRole('alert', { name: 'Different datasets' })).toContainText('2 different datasets');
  const metrics = page.getByRole('table', { name: 'Metrics comparison' });
  const headers = metrics.locator('thead th.run');
  await expect(headers).toHaveCount(3);
  await expect(headers.first().getByRole('link')).toHaveAttribute('href', /^\/runs\//);
  await expect(headers.filter({ hasText: 'ETH-USDT' })).toHaveCount(1);
  const sharpe = metrics.locator('tr[data-metric="sharpe"]');
  await expect(sharpe.locator('td').first()).toContainText('Sharpe ratio');
  await expect(sharpe.locator('td').first()).toContainText('annualized');
  await expect(sharpe.locator('td[data-best]')).not.toHaveCount(0);
  await expect(metrics.locator('tr[data-metric="maxDrawdown"] td').nth(1)).toContainText('%');
  await expect(metrics.locator('code')).toHaveCount(0);
  const parameters = page.getByRole('table', { name: 'Parameter diff' });
  await expect(parameters.locator('tr[data-differs="true"]').filter({ hasText: 'fastPeriod' })).toHaveCount(1);

  const chart = page.getByRole('img', { name: 'Equity curves' });
  await expect(chart.locator('path[data-series]')).toHaveCount(3);
  await chart.hover({ position: { x: 400, y: 100 } });
  await expect(page.getByRole('region', { name: 'Equity curves' }).locator('.legend strong')).toHaveCount(3);
  await page.getByLabel('Log scale').check();
  await expect(chart.locator('path[data-series]')).toHaveCount(3);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/compare-three.png', fullPage: true });
});

test('a scorecard row explains its recommendation by factor and drills down to its strategy runs', async ({ page }) => {
  test.setTimeout(120_000);
  // A run of SMA crossover to find again from its scorecard row.
  await page.goto('/runs');
  await subscriptionLive(page, 'BACKTEST_RUN_UPDATED');
  await page.getByRole('form', { name: 'Queue backtest' }).getByRole('button', { name: 'Queue backtest' }).click();
  await expect(page.getByRole('table', { name: 'Backtest runs' }).locator('tbody tr[data-run-id]').first()).toContainText('SMA crossover');
  await page.goto('/scorecard');
  await page.getByRole('button', { name: 'Run evaluation cycle' }).click();
  await expect(page.getByTestId('cycle-status')).toHaveText('COMPLETED', { timeout: 60_000 });
  const ranking = page.getByRole('table', { name: 'Ranking' });
  const first = ranking.locator('tbody tr').filter({ hasText: 'SMA crossover' });
  await expect(first.locator('td.why')).toContainText(/held back by|carried by/);
  await expect(first.locator('td.why')).toContainText(/Risk-adjusted return|Drawdown and tail risk|Win-rate stability|Regime robustness|Overfitting|Live drift/);
  await expect(ranking.locator('td.why').filter({ hasText: /Score [\d.]+ [<>]/ })).toHaveCount(0);
  await expect(first.locator('.badge.rec')).toHaveClass(/positive|info|warning|negative/);
  await expect(first.getByTestId('rank-change')).toHaveText(/new|▲ \d+|▼ \d+|=/);

  await first.getByRole('button').first().click();
  const detail = page.getByRole('region', { name: 'Scorecard detail' });
  await expect(detail.getByRole('img', { name: 'Rank history chart' })).toBeVisible();
  await expect(detail.getByRole('table', { name: 'Factor breakdown' })).toContainText('Risk-adjusted return');

  const strategyName = 'SMA crossover';
  await first.getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByRole('status', { name: 'Runs filter' })).toContainText('one strategy');
  await expect(page).toHaveURL(/\/runs\?strategy=/);
  const runs = page.getByRole('table', { name: 'Backtest runs' }).locator('tbody tr[data-run-id]');
  await expect(runs.first()).toBeVisible();
  const names = await runs.locator('td').filter({ hasText: strategyName }).count();
  expect(names).toBe(await runs.count());
});
