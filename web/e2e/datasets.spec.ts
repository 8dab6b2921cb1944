import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

test('the datasets page lists the certified datasets with checksums and gap counts', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/runs$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Datasets' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole('heading', { name: 'Datasets' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Certified datasets' });
  for (const symbol of ['BTC-USDT', 'ETH-USDT']) {
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: symbol, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByText('1d', { exact: true })).toBeVisible();
    // Checksum: shortened SHA-256 with the full value on hover.
    await expect(row.locator('[data-checksum]')).toHaveAttribute('data-checksum', /^[0-9a-f]{64}$/);
    // Gaps column (5th) is a count.
    await expect(row.getByRole('cell').nth(4)).toHaveText(/^\d[\d,]*$/);
  }
  await page.screenshot({ path: 'test-results/screenshots/datasets.png', fullPage: true });

  await table.getByRole('link', { name: 'BTC-USDT', exact: true }).click();
  await expect(page.getByRole('heading', { name: /BTC-USDT/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Gaps' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Close price chart' }).locator('canvas').first()).toBeVisible();
  await expect(page.getByText(/latest [\d,]+ bars/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/dataset-detail.png', fullPage: true });
});
