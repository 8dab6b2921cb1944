import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';
import { graphql } from './support/graphql.ts';

test('a notification opened and then marked read elsewhere appears and turns read on the open page', async ({ page, playwright, baseURL }) => {
  await signIn(page, 'risk');
  await page.goto('/notifications');
  const table = page.getByRole('table', { name: 'Notifications' });
  await expect(page.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await subscriptionLive(page, 'NOTIFICATION_CREATED');
  await subscriptionLive(page, 'NOTIFICATION_READ');
  const summary = `Live notification ${Date.now().toString(36)}: drawdown beyond the desk limit`;
  await expect(table.locator('tbody tr', { hasText: summary })).toHaveCount(0);

  // Another client with the same role opens an incident, which notifies the risk role.
  const other = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
  const { strategies } = await graphql<{ strategies: { edges: { node: { id: string; code: string } }[] } }>(other, `{ strategies(first: 100) { edges { node { id code } } } }`);
  const strategyId = strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node.id;
  await graphql(other, `mutation($input: OpenStrategyIncidentInput!) { openStrategyIncident(input: $input) { incident { id } } }`, {
    input: { strategyId, incidentType: 'DRAWDOWN', severity: 'WARNING', summary },
  });

  const row = table.locator('tbody tr', { hasText: summary });
  await expect(row).toContainText('incident.opened');
  await expect(row.getByRole('button', { name: /^Mark read/ })).toBeVisible();

  // The other client marks it read: the open page shows it read, with no reload.
  const { notifications } = await graphql<{ notifications: { edges: { node: { id: string; message: string } }[] } }>(other, `{ notifications(first: 50, unreadOnly: true) { edges { node { id message } } } }`);
  const id = notifications.edges.find((edge) => edge.node.message.includes(summary))!.node.id;
  await graphql(other, `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { unreadCount } }`, { input: { ids: [id] } });
  await other.dispose();
  await expect(row.getByRole('button', { name: /^Mark read/ })).toHaveCount(0);
  await expect(row).not.toHaveClass(/unread/);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the notifications fit the screen: no sideways scroll, each message on screen in full', async ({ page, playwright, baseURL }) => {
    await signIn(page, 'risk');
    const other = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
    const { strategies } = await graphql<{ strategies: { edges: { node: { id: string; code: string } }[] } }>(other, `{ strategies(first: 100) { edges { node { id code } } } }`);
    const strategyId = strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node.id;
    const summary = `Phone notification ${Date.now().toString(36)}: drawdown of 8 % approaching the 10 % desk limit`;
    await graphql(other, `mutation($input: OpenStrategyIncidentInput!) { openStrategyIncident(input: $input) { incident { id } } }`, { input: { strategyId, incidentType: 'DRAWDOWN', severity: 'WARNING', summary } });
    await other.dispose();

    await page.goto('/notifications');
    const row = page.getByRole('table', { name: 'Notifications' }).locator('tbody tr', { hasText: summary });
    await expect(row).toBeVisible();
    // Before: the actions (Channels & delivery log) made the page 396 px wide, and the message column sat past the
    // right edge, one word a line (each row ~250 px tall).
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'page wider than the screen (px)').toBeLessThanOrEqual(0);
    const message = await row.locator('td.message').boundingBox();
    expect(message && message.x + message.width, 'right edge of the message (px)').toBeLessThanOrEqual(390);
    expect(message && message.width, 'width of the message (px)').toBeGreaterThan(250);
  });
});
