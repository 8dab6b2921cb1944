import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';

test('a many-segment optimization watched live ends with every segment, its results and its plots, without a reload or an aborted request', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'research');
  await page.goto('/optimizations');
  const form = page.getByRole('form', { name: 'Queue optimization' });
  await expect(form.getByLabel('Strategy version').locator('option:checked')).toHaveText(/SMA crossover/);
  const datasets = form.getByRole('group', { name: 'Datasets' });
  await expect(datasets.getByLabel(/ETH-USDT · 1d/)).toBeVisible();
  for (const box of await datasets.getByRole('checkbox').all()) await box.uncheck();
  await datasets.getByLabel(/BTC-USDT · 1d/).check();
  await expect(datasets.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await form.getByLabel('Search').selectOption('RANDOM');
  await form.getByLabel('Trials / segment').fill('8');
  await form.getByLabel('Train (bars)').fill('300');
  await form.getByLabel('Test (bars)').fill('60');
  await form.getByRole('button', { name: 'Queue optimization' }).click();
  await expect(page).toHaveURL(/\/optimizations\/.+/);
  // From here on the page follows the optimization live: no request of it may be aborted (each used to cancel the last).
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().endsWith('/graphql')) aborted.push(`${(request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '?'}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });

  // BTC-USDT 1d has 2562 bars: ⌊(2562 − 300) / 60⌋ = 37 rolling segments, 8 trials each.
  await expect(page.getByLabel('Status')).toHaveText('COMPLETED', { timeout: 120_000 });
  await expect(page.getByRole('table', { name: 'Segments' }).locator('tbody tr')).toHaveCount(37);
  await expect(page.getByText('37 segments stored')).toBeVisible();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText('PBO', { exact: true })).toBeVisible();
  await expect(results.getByText('DSR', { exact: true })).toBeVisible();

  const analysis = page.getByRole('region', { name: 'Trial analysis' });
  await expect(analysis.getByRole('img', { name: /Optimization history/ }).locator('path.dots')).toHaveAttribute('data-trials', '296');
  await expect(analysis.getByRole('table', { name: 'Parameter importance' }).locator('tbody tr')).toHaveCount(3);
  await expect(analysis.getByRole('img', { name: /Parallel coordinates of 3 parameters/ }).locator('path.trial')).toHaveCount(296);
  await expect(analysis.getByRole('img', { name: /^Slice:/ })).toHaveCount(3);
  await expect(analysis.getByRole('img', { name: /Sensitivity heatmap/ }).locator('rect.cell').first()).toBeVisible();

  const trials = analysis.getByRole('table', { name: 'Trial table' });
  await expect(trials.locator('tbody tr')).toHaveCount(25);
  await expect(analysis.getByText('Page 1 of 12')).toBeVisible();
  await trials.getByRole('button', { name: 'OOS Sharpe' }).click();
  await expect(trials.getByRole('columnheader', { name: /OOS Sharpe/ })).toHaveAttribute('aria-sort', 'descending');
  await analysis.getByRole('button', { name: 'Next' }).click();
  await expect(analysis.getByText('Page 2 of 12')).toBeVisible();
  await analysis.getByLabel('Analysis scope').selectOption({ label: 'Segment 5' });
  await expect(analysis.getByTestId('trial-count')).toHaveText('8 of 8 trials');
  await expect(trials.locator('tbody tr td:first-child')).toHaveText(Array(8).fill('5'));

  expect(navigations).toEqual([]);
  expect(aborted).toEqual([]);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/optimization-analysis.png', fullPage: true });
});
