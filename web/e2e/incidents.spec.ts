import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { workerQueueSnapshot } from './support/stack-database.ts';

test('the risk desk opens an incident: it is listed with its remediation cycle, which the worker runs; notifications count it', async ({ page }) => {
  // The shared stack's worker also runs the replays earlier specs left running and their per-mark monitoring jobs: the
  // remediation cycle waits its turn there, so the wait for COMPLETED is long (a condition, not a sleep). 150 s was not
  // enough once in a full suite on a slow host (2026-12-05: still RUNNING; 6.6 s when run after its neighbours alone).
  test.setTimeout(360_000);
  await signIn(page, 'risk');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Open incident' });
  await form.getByLabel('Strategy').selectOption({ label: 'SMA crossover (builtin-sma-crossover)' });
  await form.getByLabel('Type').selectOption('DRAWDOWN');
  await form.getByLabel('Severity').selectOption('CRITICAL');
  // A summary that is too short is refused, and the field is marked.
  await form.getByLabel('Summary').fill('x');
  await form.getByRole('button', { name: 'Open incident' }).click();
  await expect(form.getByRole('alert')).toContainText('BAD_USER_INPUT');
  await expect(form.getByLabel('Summary')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('Summary').fill('Drawdown of 12 % breached the 10 % desk limit');
  await form.getByRole('button', { name: 'Open incident' }).click();
  await expect(form.getByRole('status')).toContainText('Re-validation cycle queued at remediation priority');

  const row = page.getByRole('table', { name: 'Incidents' }).locator('tbody tr', { hasText: 'Drawdown of 12 % breached' });
  await expect(row.getByTestId('incident-status')).toHaveText('Open');
  await expect(row).toContainText('builtin-sma-crossover');
  await expect(row).toContainText('Critical');
  // The follow-up cycle is run by the worker and followed live: no reload.
  try {
    await expect(row.getByTestId('follow-up-cycle')).toContainText('COMPLETED', { timeout: 300_000 });
  } catch (error) {
    // Say what the worker was busy with (the wait's failures so far were a cycle queued behind other specs' work).
    throw new Error(`${(error as Error).message}\n\nthe worker queue at the timeout:\n${await workerQueueSnapshot()}`);
  }

  // The risk role was notified: the top-bar badge counts it, and the notifications page lists it.
  const badge = page.getByTestId('unread-notification-count');
  await expect(badge).toHaveText(/^[1-9]\d*$/);
  const unreadBefore = Number(await badge.textContent());
  await page.screenshot({ path: 'test-results/screenshots/incidents.png', fullPage: true });
  await page.getByRole('link', { name: /^Notifications/ }).click();
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  const notification = page.getByRole('table', { name: 'Notifications' }).locator('tbody tr', { hasText: 'Drawdown of 12 % breached' });
  await expect(notification).toContainText('incident.opened');
  await page.screenshot({ path: 'test-results/screenshots/notifications.png', fullPage: true });
  await notification.getByRole('button', { name: /^Mark read/ }).click();
  await expect(notification.getByRole('button', { name: /^Mark read/ })).toHaveCount(0);
  if (unreadBefore === 1) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(String(unreadBefore - 1));

  // Review, then resolve with notes.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  const listed = page.getByRole('table', { name: 'Incidents' }).locator('tbody tr', { hasText: 'Drawdown of 12 % breached' });
  await listed.getByRole('textbox').fill('checking exposure');
  await listed.getByRole('button', { name: 'Review' }).click();
  await expect(listed.getByTestId('incident-status')).toHaveText('In review');
  await listed.getByRole('button', { name: 'Resolve' }).click();
  await expect(listed.getByRole('alert')).toContainText('say how the incident was resolved');
  await listed.getByRole('textbox').fill('re-validation passed; limits unchanged');
  await listed.getByRole('button', { name: 'Resolve' }).click();
  await expect(listed.getByTestId('incident-status')).toHaveText('Resolved');
  await expect(listed).toContainText('→ resolved: re-validation passed; limits unchanged');
  await page.screenshot({ path: 'test-results/screenshots/incidents-resolved.png', fullPage: true });
});

test('research sees incidents but is not offered the form or the actions', async ({ page }) => {
  await signIn(page, 'research');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByRole('table', { name: 'Incidents' }).locator('tbody tr', { hasText: 'Drawdown of 12 % breached' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Open incident' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
});
