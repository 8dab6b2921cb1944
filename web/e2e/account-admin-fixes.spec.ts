import { expect, test } from '@playwright/test';
import { signIn, stepUpWithTotp } from './support/auth.ts';

/** `date` as a datetime-local value in UTC (YYYY-MM-DDTHH:mm). */
const utcInput = (date: Date) => date.toISOString().slice(0, 16);

test.describe('audit filters in a browser five hours behind UTC', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('From/To are read as UTC like the table, Action matches a dotted prefix, and an empty set is not exported', async ({ page }) => {
    await signIn(page, 'compliance');
    await page.goto('/audit');
    const filters = page.getByRole('form', { name: 'Filter audit events' });
    const rows = page.getByRole('table', { name: 'Audit events' }).locator('tbody tr');
    // The sign-in just now is inside [now − 1 h, now + 1 h] in UTC; read as New York time the window is 5 h off.
    await filters.getByLabel('From (UTC)').fill(utcInput(new Date(Date.now() - 3_600_000)));
    await filters.getByLabel('To (UTC)').fill(utcInput(new Date(Date.now() + 3_600_000)));
    await expect(rows.filter({ hasText: 'auth.' }).first()).toBeVisible();

    await filters.getByLabel('Action').fill('auth');
    await expect(rows.first().locator('td:nth-child(3) code')).toHaveText(/^auth\./);
    const actions = await rows.locator('td:nth-child(3) code').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action.startsWith('auth.'))).toBe(true);

    await filters.getByLabel('Action').fill('no_such_action');
    await expect(page.getByTestId('audit-count')).toHaveText(/^0 matching events/);
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Export JSON' })).toBeDisabled();
  });
});

test('granting a role confirms it and resets the picker; revoking asks first; the step-up shows its time left', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/users');
  await stepUpWithTotp(page.getByRole('form', { name: 'Step up with TOTP' }));
  await expect(page.getByRole('status', { name: 'Step-up' })).toHaveText(/stepped up · \d+ min left/);

  const email = 'research@demo.crucible.local';
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: email });
  const picker = row.getByLabel(`Role for ${email}`);
  await expect(row.getByRole('button', { name: 'Grant role' })).toBeDisabled();
  await picker.selectOption({ label: 'risk' });
  await row.getByRole('button', { name: 'Grant role' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Granted risk to ${email}.` })).toBeVisible();
  await expect(row.getByRole('button', { name: `Revoke risk from ${email}` })).toBeVisible();
  await expect(picker).toHaveValue('');
  await expect(row.getByRole('button', { name: 'Grant role' })).toBeDisabled();

  await row.getByRole('button', { name: `Revoke risk from ${email}` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm revocation' });
  await expect(confirm).toContainText(`Revoke the risk role from ${email}?`);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Revoke risk from ${email}` })).toBeVisible();
  await row.getByRole('button', { name: `Revoke risk from ${email}` }).click();
  await confirm.getByRole('button', { name: 'Revoke role' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Revoked risk from ${email}.` })).toBeVisible();
  await expect(row.getByRole('button', { name: `Revoke risk from ${email}` })).toHaveCount(0);
});

test('a new API token has an expiry, a copy button, and its revocation asks first', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'research');
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Create API token' });
  const name = `notebook-${Date.now()}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Expires after').selectOption({ label: '30 days' });
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').textContent();
  expect(secret?.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByRole('button', { name: 'Copied ✓' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: name });
  const expected = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await expect(row).toContainText(expected);
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirm token revocation' });
  await expect(confirm).toContainText(name);
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Token “${name}” revoked` })).toBeVisible();
  await expect(row).toContainText('revoked');
});
