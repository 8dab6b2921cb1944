import { expect, test } from '@playwright/test';
import { signIn, stepUpWithTotp } from './support/auth.ts';

test('a research user sees research pages only: no audit log, no user administration, no grant buttons', async ({ page }) => {
  await page.goto('/runs');
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, 'research');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Backtest runs' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Datasets' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  // Research may queue backtests.
  await expect(page.getByRole('form', { name: 'Queue backtest' })).toBeVisible();

  await page.goto('/users');
  // The page explains itself in a sentence (no raw FORBIDDEN code) and offers a way back.
  await expect(page.getByRole('alert')).toContainText('Not available to your roles');
  await expect(page.getByRole('button', { name: 'Grant role' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/research-users-forbidden.png', fullPage: true });
});

test('a production user sees research data read-only: no queue form, no audit log', async ({ page }) => {
  await signIn(page, 'production');
  await expect(page.getByRole('heading', { name: 'Backtest runs' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Backtest runs' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Queue backtest' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
});

test('an admin steps up with TOTP before granting a role; the grant is in the verified audit log', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const table = page.getByRole('table', { name: 'Users' });
  const production = table.getByRole('row').filter({ hasText: 'production@demo.crucible.local' });
  await expect(production.getByRole('button', { name: 'Grant role' })).toBeDisabled();

  const stepUp = page.getByRole('form', { name: 'Step up with TOTP' });
  await stepUpWithTotp(stepUp);
  // Grant is enabled once stepped up and a role is chosen.
  await production.getByLabel('Role for production@demo.crucible.local').selectOption({ label: 'risk' });
  await expect(production.getByRole('button', { name: 'Grant role' })).toBeEnabled();
  await production.getByRole('button', { name: 'Grant role' }).click();
  await expect(production.getByText('risk', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/users.png', fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('status', { name: 'Chain verification' })).toContainText('Chain intact');
  await page.getByRole('form', { name: 'Filter audit events' }).getByLabel('Action').fill('permission.granted');
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events.getByRole('row').filter({ hasText: 'role risk' }).filter({ hasText: 'production@demo.crucible.local' })).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toBe('crucible-audit.csv');
  await page.screenshot({ path: 'test-results/screenshots/audit-log.png', fullPage: true });
});
