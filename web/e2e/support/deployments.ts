import type { APIRequestContext } from '@playwright/test';
import { apiSignedInAs, type ApiClientFactory } from './api-client.ts';
import { graphql } from './graphql.ts';

/** An API client signed in as the demo production user and stepped up (see `apiSignedInAs`). */
export function steppedUpProduction(playwright: ApiClientFactory, baseURL: string | undefined): Promise<APIRequestContext> {
  return apiSignedInAs(playwright, baseURL, 'production');
}

/**
 * Starts a SHADOW replay that stays in cash (its equity flat at the initial 10,000): the Donchian breakout with a
 * 400-bar entry channel and no warm-up, on BTC-USDT 1d from 2022-07-01 (a month's first bar, labelled "Jul") at `barIntervalMs` a bar. Returns its ids.
 */
export async function startCashReplay(api: APIRequestContext, barIntervalMs = 200): Promise<{ id: string; databaseId: string }> {
  const options = await graphql<{ strategies: { edges: { node: { code: string; versions: { id: string; approvalStatus: string }[] } }[] }; marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] } }>(
    api,
    `{ strategies(first: 100) { edges { node { code versions { id approvalStatus } } } } marketDataSets(first: 100) { edges { node { id symbolUniverse timeframe } } } }`,
  );
  const version = options.strategies.edges.find((edge) => edge.node.code === 'builtin-donchian-breakout')!.node.versions.find((candidate) => candidate.approvalStatus === 'APPROVED')!;
  const btc = options.marketDataSets.edges.find((edge) => edge.node.symbolUniverse[0] === 'BTC-USDT' && edge.node.timeframe === 'ONE_DAY')!.node;
  const { startDeployment } = await graphql<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
    api,
    `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`,
    {
      input: {
        strategyVersionId: version.id,
        stage: 'SHADOW',
        parameters: [{ name: 'entryPeriod', value: 400 }, { name: 'exitPeriod', value: 10 }],
        replay: { marketDataSetId: btc.id, barIntervalMs, startAt: '2022-07-01T00:00:00.000Z', endAt: '2022-12-31T00:00:00.000Z' },
        limits: { maxBarAgeMs: 2_000_000_000 },
      },
    },
  );
  return startDeployment.deployment;
}

/** Pauses a deployment (so that its replay's monitoring does not act on other specs' deployments of the strategy). */
export async function pauseDeployment(api: APIRequestContext, id: string, reason: string): Promise<void> {
  await graphql(api, `mutation($input: DeploymentControlInput!) { pauseDeployment(input: $input) { deployment { activationState } } }`, { input: { deploymentId: id, reason } });
}
