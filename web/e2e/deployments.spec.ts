import { expect, test, type APIRequestContext } from '@playwright/test';
import { signIn, stepUpWithTotp } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';
import { apiSignedInAs } from './support/api-client.ts';
import { pauseDeployment, startTradingReplay, turnKillSwitchOffIfOn } from './support/deployments.ts';
import { graphql } from './support/graphql.ts';

/** Fills and the last bar of a deployment, read through the API. */
async function progress(request: APIRequestContext, id: string): Promise<{ fills: number; lastBar: string | null }> {
  const { deployment } = await graphql<{ deployment: { lastAcceptedBarAt: string | null; fills: { totalCount: number } } }>(
    request,
    `query($id: ID!) { deployment(id: $id) { lastAcceptedBarAt fills(first: 1) { totalCount } } }`,
    { id },
  );
  return { fills: deployment.fills.totalCount, lastBar: deployment.lastAcceptedBarAt };
}

test('a SHADOW replay streams fills and P&L to its page; the kill switch stops its orders and shows a banner; turning it off asks for the step-up', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  // Another client — production, stepped up — starts a SHADOW replay of the SMA crossover on BTC-USDT 1d at 250 ms a bar.
  // Stepped up with a retry on the next TOTP time step: another spec may have spent this step's code for the same person.
  const api = await apiSignedInAs(playwright, baseURL, 'production');
  const { id } = await startTradingReplay(api);

  try {
    // Production (no step-up yet) watches it: fills and P&L appear and grow without a reload.
    await signIn(page, 'production');
    await page.goto(`/deployments/${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('builtin-sma-crossover');
    await subscriptionLive(page, 'DEPLOYMENT_PNL_MARKED');
    await expect(page.getByTestId('activation-state')).toHaveText('active');
    const fillCount = async () => Number((await page.getByTestId('fill-count').textContent())?.replaceAll(',', '') ?? 0);
    await expect.poll(fillCount, { timeout: 30_000, message: 'fills appear live' }).toBeGreaterThan(0);
    const firstFills = await fillCount();
    const firstEquity = await page.getByTestId('equity').textContent();
    // The next SMA 10/30 crossover after the first fill can be months of daily bars away (at 250 ms a bar, ~30 s or more).
    await expect.poll(fillCount, { timeout: 90_000, message: 'more fills arrive live' }).toBeGreaterThan(firstFills);
    await expect(page.getByTestId('equity')).not.toHaveText(firstEquity ?? '');
    await expect(page.getByRole('table', { name: 'Fills' }).locator('tbody tr').first()).toContainText(/buy|sell/);
    await expect(page.getByRole('img', { name: 'Price with fill markers' })).toBeVisible();

    // The kill switch goes on without a second factor: the banner shows here and on every page, and no order follows.
    const control = page.getByRole('form', { name: 'Kill switch control' });
    await control.getByLabel('Reason (audited)').fill('e2e drill: stop everything');
    await control.getByLabel('Scope').selectOption({ label: 'Global — every deployment' });
    await control.getByRole('button', { name: 'Turn kill switch on' }).click();
    const banner = page.getByRole('alert', { name: 'Kill switch on' });
    await expect(banner).toContainText('Global: e2e drill: stop everything');
    await expect(page.getByTestId('kill-switch-state')).toBeVisible();
    const atStop = await progress(api, id);
    const barsSince = async () => (new Date((await progress(api, id)).lastBar ?? 0).getTime() - new Date(atStop.lastBar ?? 0).getTime()) / 86_400_000;
    await expect.poll(barsSince, { message: '30 more daily bars are processed after the kill switch went on', timeout: 20_000 }).toBeGreaterThanOrEqual(30);
    expect((await progress(api, id)).fills, 'no fill after the kill switch went on').toBe(atStop.fills);
    await page.goto('/runs');
    await expect(banner).toBeVisible();

    // Turning it off is a production action: the step-up is asked for, then it goes off and the banner leaves.
    await page.goto('/deployments');
    const panel = page.getByRole('form', { name: 'Kill switch control' });
    await panel.getByLabel('Reason (audited)').fill('drill over');
    await page.getByRole('button', { name: 'Turn off the Global kill switch' }).click();
    const stepUp = page.locator('#kill-switches').getByRole('form', { name: 'Step up with TOTP' });
    await expect(stepUp).toBeVisible();
    // The API client spent this time step's code: the helper retries until the next time step's code is accepted
    // (a future code would spend the next step too, and the next spec's step-up would be refused as a replay).
    await stepUpWithTotp(stepUp);
    await expect(banner).toHaveCount(0);
    await expect(page.locator('#kill-switches').getByRole('status')).toContainText('Global kill switch off.');
    await expect(page.getByRole('table', { name: 'Kill switches' }).locator('tr[data-kill-switch="Global"]')).toContainText('OFF');
  } finally {
    // Leave the shared stack as found even when a step above failed: the global switch off, the replay paused.
    await turnKillSwitchOffIfOn(api, null, 'e2e clean-up: the drill is over');
    await pauseDeployment(api, id, 'e2e over');
    await api.dispose();
  }
});

test('production starts a SHADOW replay from the form: the dataset picker shows its span and bars, a refused pace names its field, then the deployment opens', async ({ page }) => {
  await signIn(page, 'production');
  await page.goto('/deployments');
  const panel = page.getByRole('region', { name: 'Start a deployment' });
  await stepUpWithTotp(panel.getByRole('form', { name: 'Step up with TOTP' }));
  const form = panel.getByRole('form', { name: 'Start a deployment' });
  await form.getByLabel('Replay dataset').selectOption({ label: 'BTC-USDT · 1d' });
  await expect(form.getByText(/ · [\d,]+ bars$/)).toBeVisible();

  // Below the 10 ms floor: the server refuses and the form names the field; nothing starts.
  await form.getByLabel('Pace (ms per bar)').fill('5');
  await form.getByRole('button', { name: 'Start SHADOW' }).click();
  await expect(form.getByRole('alert', { name: 'Start deployment errors' })).toContainText('replay.barIntervalMs');
  await expect(page).toHaveURL(/\/deployments$/);

  await form.getByLabel('Pace (ms per bar)').fill('1000');
  await form.getByRole('button', { name: 'Start SHADOW' }).click();
  await expect(page).toHaveURL(/\/deployments\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Paused again (the page's own stepped-up session): left running, its fail-closed monitoring warnings (no basket on
  // the e2e stack) block promotions of the same strategy in later specs (promotions.spec).
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);
  await pauseDeployment(page.request, id, 'e2e over');
});
