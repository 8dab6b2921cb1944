import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

test('queue a small walk-forward optimization on BTC-USDT 1d and watch it complete live with its segments', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Optimizations' }).click();
  await expect(page.getByRole('heading', { name: 'Walk-forward optimizations' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Queue optimization' });
  await expect(form.getByLabel('Strategy version').locator('option:checked')).toHaveText(/SMA crossover/);
  const datasets = form.getByRole('group', { name: 'Datasets' });
  for (const box of await datasets.getByRole('checkbox').all()) await box.uncheck();
  await datasets.getByLabel(/BTC-USDT · 1d/).check();
  await form.getByLabel('Search').selectOption('LATIN_HYPERCUBE');
  await form.getByLabel('Trials / segment').fill('16');
  await form.getByLabel('Train (bars)').fill('500');
  await form.getByLabel('Test (bars)').fill('250');
  await form.getByLabel('fastPeriod min').fill('5');
  await form.getByLabel('fastPeriod max').fill('30');
  await form.getByRole('button', { name: 'Queue optimization' }).click();

  await expect(page).toHaveURL(/\/optimizations\/.+/);
  await expect(page.getByLabel('Status')).toHaveText('COMPLETED', { timeout: 45_000 });
  await expect(page.getByRole('progressbar', { name: 'Trials done' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('trials-progress')).toHaveText(/^(\d+) \/ \1 trials$/);

  const segments = page.getByRole('table', { name: 'Segments' });
  // BTC-USDT 1d has 2562 bars: ⌊(2562 − 500) / 250⌋ = 8 rolling segments.
  await expect(segments.locator('tbody tr')).toHaveCount(8);
  await expect(page.getByRole('img', { name: /in-sample vs out-of-sample per segment/ }).locator('rect.out-of-sample')).toHaveCount(8);
  await expect(page.getByRole('table', { name: 'Neighbourhood sensitivity' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Regime breakdown' }).getByRole('row')).toHaveCount(4);
  await expect(page.getByRole('table', { name: 'Trial table' }).locator('tbody tr')).toHaveCount(25);
  await expect(page.getByRole('region', { name: 'Results' }).getByText('PBO')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/optimization.png', fullPage: true });

  // On a phone the neighbourhood heatmap fits its panel (before: its 5 offset columns at 52 px each reached 24 px past
  // the panel's edge at 390 px and scrolled sideways).
  await page.setViewportSize({ width: 390, height: 844 });
  const heatmap = page.getByRole('table', { name: 'Neighbourhood sensitivity' });
  await heatmap.scrollIntoViewIfNeeded();
  const fit = await heatmap.evaluate((table) => ({ table: table.getBoundingClientRect().right, panel: table.closest('section')!.getBoundingClientRect().right, page: document.documentElement.scrollWidth }));
  expect(fit.table, 'heatmap right edge vs its panel (px)').toBeLessThanOrEqual(fit.panel);
  expect(fit.page).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1600, height: 1000 });

  await page.goto('/optimizations');
  await expect(page.getByRole('table', { name: 'Optimizations' }).getByRole('row').filter({ hasText: 'sma_crossover' }).first()).toContainText('COMPLETED');
});

test('select two completed runs and compare them side by side', async ({ page }) => {
  await page.goto('/runs');
  const form = page.getByRole('form', { name: 'Queue backtest' });
  await form.getByLabel('Dataset').selectOption({ label: 'BTC-USDT · 1d' });
  await subscriptionLive(page, 'BACKTEST_RUN_UPDATED');
  const table = page.getByRole('table', { name: 'Backtest runs' });
  const runRows = table.locator('tbody tr[data-run-id]');
  const before = await runRows.count();
  for (const [index, [fast, slow]] of ([['10', '30'], ['20', '100']] as const).entries()) {
    await form.getByRole('spinbutton', { name: /fastPeriod/ }).fill(fast);
    await form.getByRole('spinbutton', { name: /slowPeriod/ }).fill(slow);
    await form.getByRole('button', { name: 'Queue backtest' }).click();
    await expect(runRows).toHaveCount(before + index + 1);
  }
  // Both runs finish (rows update live) before ticking, so the row order no longer changes.
  await expect(table.getByRole('row').filter({ hasText: /QUEUED|RUNNING/ })).toHaveCount(0);
  const completed = table.getByRole('row').filter({ hasText: 'COMPLETED' });
  await expect(completed.nth(1)).toBeVisible();
  await completed.nth(0).getByRole('checkbox', { name: /for comparison/ }).check();
  await completed.nth(1).getByRole('checkbox', { name: /for comparison/ }).check();
  await page.getByRole('link', { name: 'Compare selected (2)' }).click();

  await expect(page).toHaveURL(/\/compare\?ids=/);
  const metrics = page.getByRole('table', { name: 'Metrics comparison' });
  await expect(metrics.locator('tr[data-metric="sharpe"]').getByRole('cell')).toHaveCount(3);
  await expect(page.getByRole('img', { name: 'Equity curves' }).locator('path[data-series]')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screenshots/compare.png', fullPage: true });
});
