import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';

/**
 * Issue 15 as a new user would: from the web UI start a governance simulation comparing two policy versions, watch its
 * progress live (and cancel one), read the result. Every test starts its own simulation; the periods are short.
 */

async function startComparison(
  page: Page,
  period: { start: string; end: string },
  seed: string,
  preset: 'rollback-lag' | 'permissive-gates',
  breadth?: { configurationsPerTemplate: string; deploymentsPerStrategy: string },
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Simulations' }).click();
  await expect(page.getByRole('heading', { name: 'Governance simulations' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Start governance simulation' });
  // The form shows the server's defaults once its options arrived (the whole bundled history from 2020).
  await expect(form.getByLabel('From (UTC day)')).toHaveValue('2020-01-01');
  await form.getByLabel('From (UTC day)').fill(period.start);
  await form.getByLabel('To (UTC day, exclusive)').fill(period.end);
  await form.getByLabel('Seed (integer)').fill(seed);
  // The server's defaults: 3 configurations per template, 1 deployment per candidate strategy.
  await expect(form.getByLabel('Configurations per template (2–20)')).toHaveValue('3');
  await expect(form.getByLabel('Deployments per strategy (1–configurations)')).toHaveValue('1');
  if (breadth) {
    await form.getByLabel('Configurations per template (2–20)').fill(breadth.configurationsPerTemplate);
    await form.getByLabel('Deployments per strategy (1–configurations)').fill(breadth.deploymentsPerStrategy);
  }
  await form.getByLabel('Comparison').selectOption(preset);
  await form.getByRole('button', { name: 'Start simulation' }).click();
  await expect(page).toHaveURL(/\/simulations\/.+/);
}

test('start a long comparison, watch its progress move live, cancel it: no result is kept', async ({ page }) => {
  await signIn(page, 'risk');
  await startComparison(page, { start: '2020-01-01', end: '2022-01-01' }, '101', 'rollback-lag', { configurationsPerTemplate: '4', deploymentsPerStrategy: '2' });
  const settings = page.getByTestId('simulation-settings');
  await expect(settings.locator('dd[data-setting="configurationsPerTemplate"]')).toHaveText('4 per evaluation cycle');
  await expect(settings.locator('dd[data-setting="deploymentsPerStrategy"]')).toHaveText('up to 2 at once');
  await expect(settings.locator('dd[data-setting="evaluationIntervalDays"]')).toHaveText('every 7 days');
  await expect(settings.locator('dd[data-setting="evaluationLookbackDays"]')).toHaveText('180 days of hourly bars');
  await subscriptionLive(page, 'SIMULATION_RUN_UPDATED');
  const bar = page.getByRole('progressbar', { name: 'Simulated' });
  // The worker reports progress about once a second; the bar follows the subscription without a reload.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByLabel('Status')).toHaveText('RUNNING');
  await page.getByRole('button', { name: 'Cancel simulation…' }).click();
  const cancel = page.getByRole('form', { name: 'Cancel simulation' });
  await cancel.getByLabel('Reason').fill('e2e: watched enough');
  await cancel.getByRole('button', { name: 'Cancel simulation' }).click();
  await expect(page.getByLabel('Status')).toHaveText('CANCELLED');
  await expect(page.getByText('Cancelled: no result is kept.')).toBeVisible();
  await expect(page.getByText('cancelled: e2e: watched enough')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Success criteria' })).toHaveCount(0);
});

test('start a short comparison of default vs permissive gates, watch it complete, read both arms side by side', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await signIn(page, 'research');
  await startComparison(page, { start: '2021-01-01', end: '2021-02-01' }, '202', 'permissive-gates');
  await expect(page.getByRole('heading', { name: /^Policy comparison 2021-01-01 → 2021-02-01/ })).toBeVisible();
  await expect(page.getByText(/Variant: promotion .* → .*permissive-sim/)).toBeVisible();
  await expect(page.getByTestId('simulation-settings').locator('dd[data-setting="deploymentsPerStrategy"]')).toHaveText('up to 1 at once');
  await expect(page.getByRole('table', { name: 'Policy versions' }).locator('tr[data-kind="promotion"] td').last()).toContainText('permissive-sim · differs');
  await expect(page.getByLabel('Status')).toHaveText('COMPLETED', { timeout: 200_000 });

  const criteria = page.getByRole('table', { name: 'Success criteria by arm' });
  for (const id of ['SC-002', 'SC-003', 'SC-004', 'Lifecycle SC-004', 'SC-006', 'SC-010']) await expect(criteria.locator(`tr[data-criterion="${id}"] td[data-arm]`)).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Portfolio by arm' }).getByRole('row', { name: /Final equity/ })).toContainText('$');
  await expect(page.getByRole('table', { name: 'Decisions by arm' }).locator('tr[data-count="evaluationCycles"] td').first()).toHaveText(/^[1-9]/);
  await expect(page.getByRole('img', { name: 'Equity curves' }).locator('path[data-series]')).toHaveCount(3);
  await expect(page.getByTestId('first-divergence')).toBeVisible();

  const log = page.getByRole('region', { name: 'Decision log' });
  await expect(log.getByRole('table', { name: 'Decisions' }).locator('tbody tr[data-kind]').first()).toBeVisible();
  await log.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Evaluation cycle' });
  await expect(log.getByTestId('decision-range')).toHaveText(/^1–\d+ of \d+$/);
  const rows = log.getByRole('table', { name: 'Decisions' }).locator('tbody tr[data-kind]');
  await expect(rows.first()).toHaveAttribute('data-kind', 'EVALUATION_CYCLE');
  await expect(rows.filter({ hasNot: page.locator('[data-kind="EVALUATION_CYCLE"]') })).toHaveCount(0);
  await log.getByRole('combobox', { name: 'Arm' }).selectOption('VARIANT');
  await expect(rows.first()).toHaveAttribute('data-kind', 'EVALUATION_CYCLE');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV (daily)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^crucible-governance-simulation-.+\.csv$/);
  const pdf = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Report (PDF)' }).click();
  const pdfFile = await pdf;
  expect(pdfFile.suggestedFilename()).toMatch(/^crucible-simulation-[0-9a-f]{8}\.pdf$/);
  expect((await readFile((await pdfFile.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

  // Both themes (the charts read the theme at page load), desktop and phone; the page is never wider than the phone.
  const url = page.url();
  for (const colorScheme of ['dark', 'light'] as const) {
    const desktop = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, colorScheme, storageState: await page.context().storageState() });
    const desktopPage = await desktop.newPage();
    await desktopPage.goto(url);
    await expect(desktopPage.getByRole('img', { name: 'Equity curves' })).toBeVisible();
    await desktopPage.screenshot({ path: test.info().outputPath(`simulation-1440x900-${colorScheme}.png`), fullPage: true });
    await desktop.close();
    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, colorScheme, storageState: await page.context().storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto(url);
    await expect(phonePage.getByRole('table', { name: 'Success criteria by arm' })).toBeVisible();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: test.info().outputPath(`simulation-390x844-${colorScheme}.png`), fullPage: true });
    await phonePage.goto('/simulations');
    await expect(phonePage.getByRole('form', { name: 'Start governance simulation' })).toBeVisible();
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: test.info().outputPath(`simulations-390x844-${colorScheme}.png`), fullPage: true });
    await phone.close();
  }

  await page.goto('/simulations');
  await expect(page.getByRole('table', { name: 'Governance simulations' }).locator('tbody tr').filter({ hasText: '2021-01-01 → 2021-02-01' }).first()).toContainText('COMPLETED');
});

test('the start form keeps each line of inputs aligned when a label wraps onto two lines (desktop and phone)', async ({ page }) => {
  await signIn(page, 'risk');
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1600, height: 1000 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(viewport);
    await page.goto('/simulations');
    const form = page.getByRole('form', { name: 'Start governance simulation' });
    await expect(form.getByLabel('Approval probability (0–1)')).toHaveValue('0.9');
    const approvers = form.getByRole('group', { name: 'Simulated approvers' });
    // The fields' inputs by line (fields of a line share their top): one line on a desktop, and every input of a
    // line has the same top and bottom edge (before: "Approval probability (0–1)" took two lines at 1280 px and
    // pushed its input 16 px below the delays').
    const lines = await approvers.locator('label.field').evaluateAll((fields) => {
      const byTop = new Map<number, { top: number; bottom: number }[]>();
      for (const field of fields) {
        const input = field.querySelector('input')!.getBoundingClientRect();
        const top = Math.round(field.getBoundingClientRect().top);
        byTop.set(top, [...(byTop.get(top) ?? []), { top: Math.round(input.top), bottom: Math.round(input.bottom) }]);
      }
      return [...byTop.values()];
    });
    expect(lines.flat()).toHaveLength(3);
    if (viewport.width >= 1280) expect(lines).toHaveLength(1);
    for (const line of lines) {
      expect(new Set(line.map((input) => input.top)).size, `${viewport.width} px: input tops ${JSON.stringify(line)}`).toBe(1);
      expect(new Set(line.map((input) => input.bottom)).size, `${viewport.width} px: input bottoms ${JSON.stringify(line)}`).toBe(1);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    // The date inputs look like the others in the form (before: Chromium's light native box, 4 px shorter).
    const look = (label: string) =>
      form.getByLabel(label).evaluate((input) => {
        const style = getComputedStyle(input);
        return { background: style.backgroundColor, border: style.borderTopColor, height: Math.round(input.getBoundingClientRect().height) };
      });
    const seed = await look('Seed (integer)');
    expect(await look('From (UTC day)')).toEqual(seed);
    expect(await look('To (UTC day, exclusive)')).toEqual(seed);
  }
});
