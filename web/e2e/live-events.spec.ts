import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { graphql } from './support/graphql.ts';

/**
 * Pages update from server events: a change made by another client (here the GraphQL API, on its own request
 * context) appears on an open page without reloading it.
 */
test.beforeEach(async ({ page }) => {
  await signIn(page, 'research');
});

/** A small valid daily OHLCV file whose symbol is unique to this run. */
function dailyCsv(count: number): string {
  const rows = ['timestamp,open,high,low,close,volume'];
  for (let index = 0; index < count; index++) {
    const price = 100 + index;
    rows.push(`${new Date(Date.UTC(2024, 0, 1 + index)).toISOString()},${price},${price + 2},${price - 2},${price + 1},${1000 + index}`);
  }
  return rows.join('\n');
}

test('the datasets page shows a dataset certified elsewhere without reloading', async ({ page, playwright, baseURL }) => {
  await page.goto('/datasets');
  const table = page.getByRole('table', { name: 'Certified datasets' });
  await expect(table.getByRole('link', { name: 'BTC-USDT', exact: true }).first()).toBeVisible();
  const symbol = `LIVE${Date.now().toString(36).toUpperCase()}-USDT`;
  await expect(table.getByRole('link', { name: symbol, exact: true })).toHaveCount(0);

  // Another client: a separate request context signed in with the page's cookies.
  const other = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
  await graphql(other, `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { created } }`, { input: { fileName: `${symbol}_1d.csv`, content: dailyCsv(40) } });
  await other.dispose();

  await expect(table.getByRole('link', { name: symbol, exact: true })).toBeVisible();
});

test('the strategy registry shows a strategy registered elsewhere without reloading', async ({ page, playwright, baseURL }) => {
  await page.goto('/strategies');
  const table = page.getByRole('table', { name: 'Strategies' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const code = `live-${Date.now().toString(36)}`;
  await expect(table.getByText(code, { exact: true })).toHaveCount(0);

  const other = await playwright.request.newContext({ baseURL, storageState: await page.context().storageState() });
  await graphql(other, `mutation($input: RegisterStrategyInput!) { registerStrategy(input: $input) { strategy { id } } }`, {
    input: { code, name: `Live ${code}`, objective: 'appears live', eligibleMarkets: ['*'], riskCategory: 'MODERATE', capitalGuardrails: { production: 0.01 } },
  });
  await other.dispose();

  await expect(table.getByText(code, { exact: true })).toBeVisible();
});
