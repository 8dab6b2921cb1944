import { expect, test } from '@playwright/test';
import { signIn, stepUpWithTotp } from './support/auth.ts';

/**
 * Production manages the exchange credentials LIVE deployments trade with on /deployments/credentials: after a TOTP
 * step-up it stores Binance US keys, rotates them and revokes them. The page shows only whether a venue is configured,
 * the key's last four characters and when it was set — the secret is never shown back, not even after a reload.
 */
test('production sets, rotates and revokes Binance US credentials after a step-up; the secret is never shown back', async ({ page }) => {
  const run = Date.now().toString(36).toUpperCase();
  const firstKey = `e2e-binanceus-key-${run}-A1B2`;
  const firstSecret = `e2e-secret-${run}-never-shown-1`;
  const rotatedKey = `e2e-binanceus-key-${run}-C3D4`;
  const rotatedSecret = `e2e-secret-${run}-never-shown-2`;

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, 'production');
  await page.goto('/deployments');
  await page.getByRole('link', { name: 'Exchange credentials' }).click();
  await expect(page.getByRole('heading', { name: 'Exchange credentials' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Exchange credentials' });
  const binance = table.locator('tbody tr[data-venue="BINANCEUS"]');
  await expect(binance).toBeVisible();
  // No change without the second factor: the form is offered only after the step-up.
  await expect(binance.getByRole('button', { name: /^(Set|Rotate)$/ })).toHaveCount(0);
  await stepUpWithTotp(page.getByRole('form', { name: 'Step up with TOTP' }));

  // A run of the suite may find keys from an earlier spec: start from "not configured".
  const revokeFirst = binance.getByRole('button', { name: 'Revoke' });
  if (await revokeFirst.isVisible()) {
    await revokeFirst.click();
    await binance.getByRole('button', { name: 'Confirm revoke' }).click();
  }
  await expect(binance).toContainText('not configured');

  await binance.getByRole('button', { name: 'Set' }).click();
  await page.getByLabel('API key').fill(firstKey);
  await page.getByLabel('API secret').fill(firstSecret);
  await page.getByRole('button', { name: 'Store credentials' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Binance US credentials stored (sealed): key …A1B2.' })).toBeVisible();
  await expect(binance).toContainText('configured');
  await expect(binance).toContainText('…A1B2');
  await expect(page.locator('body')).not.toContainText(firstSecret);
  await expect(page.locator('body')).not.toContainText(firstKey);

  await binance.getByRole('button', { name: 'Rotate' }).click();
  await expect(page.getByRole('heading', { name: 'Rotate Binance US credentials' })).toBeVisible();
  await page.getByLabel('API key').fill(rotatedKey);
  await page.getByLabel('API secret').fill(rotatedSecret);
  await page.getByRole('button', { name: 'Rotate credentials' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'rotated (sealed): key …C3D4.' })).toBeVisible();
  await expect(binance).toContainText('…C3D4');
  await page.screenshot({ path: test.info().outputPath('credentials-1440.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('credentials-390.png'), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // After a reload: the status only, no key, no secret anywhere on the page.
  await page.reload();
  await expect(binance).toContainText('…C3D4');
  for (const text of [firstSecret, rotatedSecret, firstKey, rotatedKey]) await expect(page.locator('body')).not.toContainText(text);

  await binance.getByRole('button', { name: 'Revoke' }).click();
  await binance.getByRole('button', { name: 'Confirm revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Binance US credentials revoked' })).toBeVisible();
  await expect(binance).toContainText('not configured');
  await expect(binance).toContainText('—');
});

test('research does not see exchange credentials', async ({ page }) => {
  await signIn(page, 'research');
  await page.goto('/deployments/credentials');
  await expect(page.getByRole('status').filter({ hasText: 'managed by production and admin' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Exchange credentials' })).toHaveCount(0);
});
