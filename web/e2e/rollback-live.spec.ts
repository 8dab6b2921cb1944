import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoTotpCode, signIn } from './support/auth.ts';
import { graphql } from './support/graphql.ts';
import { subscriptionLive } from './support/live.ts';

/** An API client signed in as the demo user `who`, stepped up (retrying with the next time step's code when this one was spent). */
async function steppedUp(playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined, who: 'production'): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL });
  await graphql(api, `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`, { input: { email: `${who}@demo.crucible.local`, password: `${who}-demo-password` } });
  test.info().setTimeout(test.info().timeout + 45_000);
  await expect(async () => {
    const response = await api.post('/graphql', { data: { query: `mutation($code: String!) { stepUp(code: $code) { validUntil } }`, variables: { code: demoTotpCode() } } });
    expect(((await response.json()) as { errors?: unknown[] }).errors).toBeUndefined();
  }).toPass({ timeout: 45_000 });
  return api;
}

test('the monitor’s rollback decision on a running replay reaches the risk desk live: critical incident in the feed with its auto-actions, the row’s lag in breach — without a reload', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  // Under the strict default promotion policy no deployment on the bundled real data reaches PAPER on this stack (the
  // final approval re-checks the gates: 10 sessions, 50 fills, a production-standard scorecard), so the deployment
  // stays in SHADOW: the monitor takes the same rollback decision, records it as a critical incident, and leaves the
  // simulation where it is (SHADOW holds no capital) — the incident says so in its auto-actions.
  const production = await steppedUp(playwright, baseURL, 'production');

  // The basket needs a third member on the daily clock: SOL-USDT 1d, uploaded unless an earlier spec of this stack did.
  const sets = () =>
    graphql<{ marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] } }>(production, `{ marketDataSets(first: 100) { edges { node { id symbolUniverse timeframe } } } }`);
  const daily = (symbol: string, found: Awaited<ReturnType<typeof sets>>) => found.marketDataSets.edges.find((edge) => edge.node.symbolUniverse[0] === symbol && edge.node.timeframe === 'ONE_DAY')?.node;
  if (!daily('SOL-USDT', await sets())) {
    const research = await playwright.request.newContext({ baseURL });
    await graphql(research, `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`, { input: { email: 'research@demo.crucible.local', password: 'research-demo-password' } });
    const sol = await readFile(new URL('../../data/market/SOL-USDT_1d.csv', import.meta.url), 'utf8');
    await graphql(research, `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { marketDataSet { id } } }`, { input: { fileName: 'SOL-USDT_1d.csv', content: sol } });
    await research.dispose();
  }
  const btc = daily('BTC-USDT', await sets())!;

  // Risk opens the wall and waits until its live feeds are subscribed.
  await signIn(page, 'risk');
  await page.goto('/risk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Risk desk');
  await subscriptionLive(page, 'DEPLOYMENT_PNL_MARKED');
  await subscriptionLive(page, 'INCIDENT_UPDATED');

  // Production starts a SHADOW replay of the Donchian breakout on BTC-USDT 1d from 2022-06-08 at 500 ms a bar: with a
  // 400-bar entry channel and no warm-up it stays in cash. The basket (BTC 60 / ETH 30 / SOL 10) falls through June 2022
  // (cash is ahead of it) and rallies in July: from the 2022-07-16 mark (the 39th, ~20 s in) its 30-day return is above
  // +2 %, the deployment lags it by more than 200 bps, and on the third such mark the monitor decides the rollback.
  // The freshness limit is the largest (a loaded stack's worker lag is no stale feed).
  const { strategies } = await graphql<{ strategies: { edges: { node: { code: string; versions: { id: string; approvalStatus: string }[] } }[] } }>(
    production,
    `{ strategies(first: 100) { edges { node { code versions { id approvalStatus } } } } }`,
  );
  const version = strategies.edges.find((edge) => edge.node.code === 'builtin-donchian-breakout')!.node.versions.find((candidate) => candidate.approvalStatus === 'APPROVED')!;
  const { startDeployment } = await graphql<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
    production,
    `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`,
    {
      input: {
        strategyVersionId: version.id,
        stage: 'SHADOW',
        parameters: [{ name: 'entryPeriod', value: 400 }, { name: 'exitPeriod', value: 10 }],
        replay: { marketDataSetId: btc.id, barIntervalMs: 500, startAt: '2022-06-08T00:00:00.000Z', endAt: '2022-09-30T00:00:00.000Z' },
        limits: { maxBarAgeMs: 2_000_000_000 },
      },
    },
  );
  const { id, databaseId } = startDeployment.deployment;

  // The wall shows the deployment ahead of the basket while the basket falls (cash beats it), live.
  const row = page.locator(`tr[data-deployment-id="${databaseId}"]`);
  await expect(row.locator('td[data-label="Stage"]')).toContainText('SHADOW');
  await expect(row.getByTestId('lag')).toHaveText(/^\+[\d,]+ bps$/, { timeout: 60_000 });

  // The monitor's rollback decision arrives in the incident feed without a reload: critical, opened by the monitor,
  // the basket-lag rule, with its auto-actions — recorded, not executed on a stage that trades no capital.
  const decision = page.getByRole('list', { name: 'Incident feed' }).locator('li[data-opened-by="monitor"]').filter({ hasText: 'kind rollback' }).filter({ hasText: '30-day active return vs the basket' });
  await expect(decision.first()).toBeVisible({ timeout: 90_000 });
  const item = decision.first();
  await expect(item).toHaveAttribute('data-severity', 'CRITICAL');
  await expect(item).toContainText('live');
  await expect(item).toContainText('builtin-donchian-breakout');
  await expect(item).toContainText('rule benchmarkLag');
  await expect(item).toContainText('stage shadow trades no capital');
  // The row, on the same page: the lag vs the basket is now a breach (negative bps), the stage untouched.
  await expect(row.getByTestId('lag')).toHaveText(/^[−-][\d,]+ bps$/);
  await expect(row.locator('td[data-label="Stage"]')).toContainText('SHADOW');

  // The incident as the API reads it: the breach key of the deployment's basket-lag rule and its deployment.
  const incidents = await graphql<{ incidents: { edges: { node: { breachKey: string | null; severity: string; deployment: { id: string; stage: string } | null } }[] } }>(
    production,
    `{ incidents(first: 100, status: OPEN) { edges { node { breachKey severity deployment { id stage } } } } }`,
  );
  const mine = incidents.incidents.edges.map((edge) => edge.node).filter((node) => node.breachKey?.startsWith(`${databaseId}:benchmarkLag:`));
  expect(mine).toEqual([expect.objectContaining({ severity: 'CRITICAL', deployment: { id, stage: 'SHADOW' } })]);

  // Leave the shared stack as found: the replay paused.
  await graphql(production, `mutation($input: DeploymentControlInput!) { pauseDeployment(input: $input) { deployment { activationState } } }`, { input: { deploymentId: id, reason: 'e2e rollback decision over' } });
  await production.dispose();
});
