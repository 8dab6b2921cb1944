import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { chartAxes } from './support/chart-pixels.ts';
import { pauseDeployment, startCashReplay, steppedUpProduction } from './support/deployments.ts';

test('a deployment in cash: its flat equity axis has no repeated label, and the first time-axis label is whole', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const api = await steppedUpProduction(playwright, baseURL);
  const { id } = await startCashReplay(api);
  try {
    await signIn(page, 'production');
    await page.goto(`/deployments/${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('builtin-donchian-breakout');
    // Enough daily marks for several time labels (a label every few days) with the first one at the first bar.
    await expect.poll(async () => Number((await page.getByTestId('mark-count').textContent())?.replaceAll(',', '') ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
    await expect(page.getByTestId('equity')).toHaveText('10,000.00');
    const equity = page.getByRole('figure', { name: 'Equity chart' });

    await expect(async () => {
      const { priceLabels, timeLabels } = await chartAxes(equity);
      // Before: ticks 0.01 apart under a formatter without decimals — "10,000" two or three times.
      expect(priceLabels.length, 'price-axis labels').toBeGreaterThanOrEqual(2);
      expect(new Set(priceLabels).size, 'distinct price-axis labels').toBe(priceLabels.length);
      // Before: the first label, "Jul" on the replay's first bar (2022-07-01), was centred on that bar and cut by the
      // axis's edge to 11–16 px of ink. Whole, it is as wide as the widest label (a month's three letters, 18–19 px).
      expect(timeLabels.length, 'time-axis labels').toBeGreaterThanOrEqual(3);
      const widest = Math.max(...timeLabels.map((label) => label.right - label.left));
      expect(timeLabels[0]!.right - timeLabels[0]!.left, 'ink width of the first time-axis label (px)').toBeGreaterThanOrEqual(widest - 1);
    }).toPass({ timeout: 15_000 });
  } finally {
    await pauseDeployment(api, id, 'e2e chart axes seen');
    await api.dispose();
  }
});
