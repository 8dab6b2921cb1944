import type { APIRequestContext } from '@playwright/test';
import { apiSignedInAs, type ApiClientFactory } from './api-client.ts';
import { graphql } from './graphql.ts';

/** An API client signed in as the demo production user and stepped up (see `apiSignedInAs`). */
export function steppedUpProduction(playwright: ApiClientFactory, baseURL: string | undefined): Promise<APIRequestContext> {
  return apiSignedInAs(playwright, baseURL, 'production');
}

/** What a SHADOW replay runs: a built-in strategy's approved version on the dataset of one symbol and timeframe. */
export interface ShadowReplay {
  /** Built-in strategy code, e.g. `builtin-sma-crossover`. */
  strategyCode: string;
  /** First symbol of the dataset, e.g. `BTC-USDT`. */
  symbol: string;
  /** Dataset timeframe (GraphQL spelling; default `ONE_DAY`). */
  timeframe?: string;
  parameters?: { name: string; value: number | boolean | string }[];
  /** Pace (ms of wall time a bar) or as fast as the runner consumes bars, warm-up bars and the replayed span (ISO instants). */
  replay: ({ barIntervalMs: number } | { asFastAsPossible: true }) & { warmUpBars?: number; startAt?: string; endAt?: string };
  /** Largest accepted bar age, ms (a large one keeps a loaded CI worker's lag from freezing the feed as stale). */
  limits?: { maxBarAgeMs: number };
}

/** The approved version of a built-in strategy and the dataset of `symbol` at `timeframe`, read through the API. */
export async function replayTargets(api: APIRequestContext, strategyCode: string, symbol: string, timeframe = 'ONE_DAY'): Promise<{ strategyId: string; versionId: string; marketDataSetId: string }> {
  const options = await graphql<{ strategies: { edges: { node: { id: string; code: string; versions: { id: string; approvalStatus: string }[] } }[] }; marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] } }>(
    api,
    `{ strategies(first: 100) { edges { node { id code versions { id approvalStatus } } } } marketDataSets(first: 100) { edges { node { id symbolUniverse timeframe } } } }`,
  );
  const strategy = options.strategies.edges.find((edge) => edge.node.code === strategyCode)!.node;
  const version = strategy.versions.find((candidate) => candidate.approvalStatus === 'APPROVED')!;
  const dataset = options.marketDataSets.edges.find((edge) => edge.node.symbolUniverse[0] === symbol && edge.node.timeframe === timeframe)!.node;
  return { strategyId: strategy.id, versionId: version.id, marketDataSetId: dataset.id };
}

/** Starts a SHADOW replay (`ShadowReplay`) as the API client `api` (production or ops, stepped up). Returns its ids and its strategy's. */
export async function startShadowReplay(api: APIRequestContext, replay: ShadowReplay): Promise<{ id: string; databaseId: string; strategyId: string }> {
  const targets = await replayTargets(api, replay.strategyCode, replay.symbol, replay.timeframe);
  const { startDeployment } = await graphql<{ startDeployment: { deployment: { id: string; databaseId: string } } }>(
    api,
    `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId } } }`,
    {
      input: {
        strategyVersionId: targets.versionId,
        stage: 'SHADOW',
        ...(replay.parameters ? { parameters: replay.parameters } : {}),
        replay: { marketDataSetId: targets.marketDataSetId, ...replay.replay },
        ...(replay.limits ? { limits: replay.limits } : {}),
      },
    },
  );
  return { ...startDeployment.deployment, strategyId: targets.strategyId };
}

/**
 * Starts a SHADOW replay that trades: the SMA crossover 10/30 on BTC-USDT 1d, warmed up (40 bars), at 250 ms a bar, with
 * the largest freshness limit (~23 feed days ≈ 5.8 s of worker lag): on a loaded CI stack a worker 2 s behind a
 * 100 ms/bar daily replay made the feed stale and the monitor froze the deployment to OBSERVE (data integrity), so no
 * fill came. Returns its ids.
 */
export function startTradingReplay(api: APIRequestContext): Promise<{ id: string; databaseId: string }> {
  return startShadowReplay(api, {
    strategyCode: 'builtin-sma-crossover',
    symbol: 'BTC-USDT',
    parameters: [
      { name: 'fastPeriod', value: 10 },
      { name: 'slowPeriod', value: 30 },
    ],
    replay: { barIntervalMs: 250, warmUpBars: 40 },
    limits: { maxBarAgeMs: 2_000_000_000 },
  });
}

/**
 * Starts a SHADOW replay that stays in cash (its equity flat at the initial 10,000): the Donchian breakout with a
 * 400-bar entry channel and no warm-up, on BTC-USDT 1d from 2022-07-01 (a month's first bar, labelled "Jul") at `barIntervalMs` a bar. Returns its ids.
 */
export function startCashReplay(api: APIRequestContext, barIntervalMs = 200): Promise<{ id: string; databaseId: string }> {
  return startShadowReplay(api, {
    strategyCode: 'builtin-donchian-breakout',
    symbol: 'BTC-USDT',
    parameters: [
      { name: 'entryPeriod', value: 400 },
      { name: 'exitPeriod', value: 10 },
    ],
    replay: { barIntervalMs, startAt: '2022-07-01T00:00:00.000Z', endAt: '2022-12-31T00:00:00.000Z' },
    limits: { maxBarAgeMs: 2_000_000_000 },
  });
}

/**
 * Pauses a deployment when it is active (so that its replay's monitoring does not act on other specs' deployments of
 * the strategy); one already paused (or never activated) is left as it is, so a spec's `finally` may call it whatever
 * the spec did before.
 */
export async function pauseDeployment(api: APIRequestContext, id: string, reason: string): Promise<void> {
  const { deployment } = await graphql<{ deployment: { activationState: string } | null }>(api, `query($id: ID!) { deployment(id: $id) { activationState } }`, { id });
  if (deployment?.activationState !== 'ACTIVE') return;
  await graphql(api, `mutation($input: DeploymentControlInput!) { pauseDeployment(input: $input) { deployment { activationState } } }`, { input: { deploymentId: id, reason } });
}

/**
 * Turns a kill switch off when it is on — the global one (`strategyId` null) or a strategy's — as the API client `api`
 * (production, stepped up). For a spec's `finally`: a spec that failed after turning a switch on must not leave it on
 * for the specs after it (a global switch on stops every replay's orders).
 */
export async function turnKillSwitchOffIfOn(api: APIRequestContext, strategyId: string | null, reason: string): Promise<void> {
  const { killSwitches } = await graphql<{ killSwitches: { state: string; strategy: { id: string } | null }[] }>(api, `{ killSwitches { state strategy { id } } }`);
  const current = killSwitches.find((candidate) => (candidate.strategy?.id ?? null) === strategyId);
  if (current?.state !== 'ON') return;
  await graphql(api, `mutation($input: KillSwitchInput!) { turnKillSwitchOff(input: $input) { killSwitch { state } } }`, { input: { ...(strategyId === null ? {} : { strategyId }), reason } });
}
