import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

test('run an evaluation cycle and watch the ranked scorecard appear live, with factor breakdown and rank history', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Scorecard' }).click();
  await expect(page.getByRole('heading', { name: 'Scorecard' })).toBeVisible();

  await page.getByRole('button', { name: 'Run evaluation cycle' }).click();
  // The cycle is queued by the mutation, run by the worker, and reported through the subscription: no reload.
  await expect(page.getByTestId('cycle-status')).toHaveText('COMPLETED', { timeout: 45_000 });
  const ranking = page.getByRole('table', { name: 'Ranking' });
  // The 8 built-in strategies, plus any strategy an earlier spec registered and approved (registry.spec.ts).
  await expect(ranking.locator('tbody tr').nth(7)).toBeVisible();
  await expect(ranking.locator('tbody tr').first().locator('td').first()).toHaveText('1');

  const scores = async () => (await ranking.getByTestId('score').allTextContents()).map((text) => Number(text.replace('−', '-').replaceAll(',', '')));
  /** Whether the shown scores are in `order` (the server reorders after a click: poll). */
  const scoresIn = (order: (a: number, b: number) => number) => async () => {
    const shown = await scores();
    return shown.length > 0 && shown.join('|') === [...shown].sort(order).join('|');
  };
  // Scores sort highest first, and the header says so (it said `ascending` before, contradicting the order shown).
  const scoreHeader = ranking.getByRole('columnheader', { name: 'Score' });
  await ranking.getByRole('button', { name: 'Score' }).click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(ranking.getByRole('columnheader', { name: 'Rank' })).toHaveAttribute('aria-sort', 'none');
  await expect.poll(scoresIn((a, b) => b - a)).toBe(true);
  await ranking.getByRole('button', { name: 'Score' }).click();
  await expect(scoreHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(scoresIn((a, b) => a - b)).toBe(true);
  // The server orders the rows: a click on Strategy refetches them A→Z.
  await ranking.getByRole('button', { name: 'Strategy' }).click();
  const names = () => ranking.locator('tbody tr td:nth-child(2)').allTextContents();
  await expect.poll(async () => { const shown = await names(); return shown.length > 0 && shown.join('|') === [...shown].sort((a, b) => a.localeCompare(b)).join('|'); }).toBe(true);

  await ranking.locator('tbody tr').first().getByRole('button').click();
  const detail = page.getByRole('region', { name: 'Scorecard detail' });
  await expect(detail.getByRole('table', { name: 'Factor breakdown' }).locator('tbody tr')).toHaveCount(6);
  await expect(detail.getByRole('table', { name: 'Rank history' }).locator('tbody tr')).toHaveCount(1);
  await expect(detail.getByRole('listitem').first()).toContainText(/Score|Incomplete/);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'test-results/screenshots/scorecard.png', fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triggers' }).click();
  await expect(page.getByRole('table', { name: 'Triggers' }).getByText('requested from the scorecard page').first()).toBeVisible();
});

test('registry pages show strategies, versions, history and the operations view shows the cycle queue', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
  await expect(page.getByRole('heading', { name: 'Strategy registry' })).toBeVisible();
  const strategies = page.getByRole('table', { name: 'Strategies' });
  await expect(strategies.locator('tbody tr').filter({ hasText: 'builtin-' })).toHaveCount(8);
  await strategies.getByRole('link', { name: 'SMA crossover' }).click();
  await expect(page.getByRole('heading', { name: 'SMA crossover' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Versions' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'History' }).getByText('strategy.registered')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operations' }).click();
  await expect(page.getByRole('heading', { name: 'Operations' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Queues' }).getByText('run_evaluation_cycle').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Workers' }).locator('tbody tr').first()).not.toContainText('No worker');
  await page.screenshot({ path: 'test-results/screenshots/operations.png', fullPage: true });
});
