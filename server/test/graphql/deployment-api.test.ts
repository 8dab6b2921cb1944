import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { arrangeOrder } from '../support/deployment-orders.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { collectEvents, subscriptionsLive, testEmail, useApiHarness, type GraphQLResponse, type RequestIdentity } from '../support/test-server.ts';

const api = useApiHarness();

const start = `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId stage activationState tradingState symbol quoteCurrency replayBarIntervalMs } } }`;
const turnOn = `mutation($input: KillSwitchInput!) { turnKillSwitchOn(input: $input) { killSwitch { id scope state reason strategy { code } } ordersCancelled ordersLeftForVenue } }`;
const turnOff = `mutation($input: KillSwitchInput!) { turnKillSwitchOff(input: $input) { killSwitch { scope state reason } } }`;

const errorOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions;

/** A SHADOW replay of the SMA crossover on BTC-USDT 1d, as fast as possible, started through the API by production. */
async function startShadowReplay(extra: Record<string, unknown> = {}) {
  const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
  const input = { strategyVersionId: version.id, stage: 'SHADOW', parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }], replay: { marketDataSetId: toGlobalId('MarketDataSet', marketDataSet.id), asFastAsPossible: true }, ...extra };
  const started = await api.request<{ startDeployment: { deployment: { id: string; databaseId: string; stage: string; activationState: string } } }>(start, { input }, { role: 'production' });
  expect(started.errors).toBeUndefined();
  return started.data!.startDeployment.deployment;
}

/** A production or risk token created without a TOTP step-up (the harness's tokens all have one). */
async function tokenWithoutStepUp(role: 'production' | 'risk'): Promise<RequestIdentity> {
  return { token: (await api.services().auth.createApiTokenForUser(testEmail(role), { name: `${role} without step-up`, stepUp: false })).secret };
}

describe('deployments over GraphQL', () => {
  it('production starts a SHADOW replay; processed bars stream to deploymentStateChanged and livePnl; research sees fractions, never capital', async () => {
    const deployment = await startShadowReplay();
    expect(deployment).toMatchObject({ stage: 'SHADOW', activationState: 'PENDING' });

    const production = await api.wsClient({ role: 'production' });
    const state = collectEvents<{ deploymentStateChanged: { activationState: string; equity: number; lastAcceptedBarAt: string } }>(
      api.server, production, `subscription($id: ID) { deploymentStateChanged(id: $id) { activationState equity lastAcceptedBarAt } }`, { id: deployment.id }, 1);
    const pnl = collectEvents<{ livePnl: { barAt: string; equity: number; drawdown: number; exposure: number } }>(
      api.server, production, `subscription($deploymentId: ID!) { livePnl(deploymentId: $deploymentId) { barAt equity drawdown exposure } }`, { deploymentId: deployment.id }, 1);
    const research = await api.wsClient({ role: 'research' });
    const before = api.server.activeSubscriptions();
    const researchPnl = new Promise<GraphQLResponse<{ livePnl: { equity: number | null; drawdown: number } }>>((resolve, reject) => {
      research.subscribe({ query: `subscription($deploymentId: ID!) { livePnl(deploymentId: $deploymentId) { equity drawdown } }`, variables: { deploymentId: deployment.id } }, { next: (result) => resolve(result as never), error: reject, complete: () => {} });
    });
    await Promise.all([state.ready, pnl.ready, subscriptionsLive(api.server, before, 1)]);

    const outcome = await api.services().deploymentRunner.processBars(deployment.databaseId);
    expect(outcome.barsAccepted).toBeGreaterThan(1000);
    const [[changed], [mark], researchMark] = await Promise.all([state.done, pnl.done, researchPnl]);
    await production.dispose();
    await research.dispose();
    expect(changed!.deploymentStateChanged).toMatchObject({ activationState: 'ACTIVE', equity: expect.any(Number) });
    expect(mark!.livePnl.barAt).toBe(changed!.deploymentStateChanged.lastAcceptedBarAt);
    expect(mark!.livePnl.equity).toBe(changed!.deploymentStateChanged.equity);
    expect(mark!.livePnl.drawdown).toBeLessThanOrEqual(0);
    expect(researchMark.data!.livePnl).toEqual({ equity: null, drawdown: mark!.livePnl.drawdown });
    expect(researchMark.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const read = `query($id: ID!) { deployment(id: $id) {
      equity drawdown totalReturn positionQuantity effectiveTradingState killSwitchOn lastAcceptedBarAt
      fillStatistics { placed filled denied fillRatio }
      orders(first: 3) { totalCount edges { node { clientOrderId side state fillRatio quantity referencePrice } } }
      fills(first: 3) { totalCount edges { node { side price fee barAt orderId } } }
      pnlSeries(maxPoints: 50) { barAt equity drawdown exposure }
      priceBars(limit: 10) { timestamp close }
      position { barAt markPrice quantity }
    } }`;
    const full = await api.request<{ deployment: Record<string, unknown> & { pnlSeries: { barAt: string; equity: number }[]; orders: { totalCount: number; edges: { node: Record<string, unknown> }[] }; fills: { totalCount: number }; priceBars: { timestamp: string }[] } }>(read, { id: deployment.id }, { role: 'production' });
    expect(full.errors).toBeUndefined();
    const seen = full.data!.deployment;
    expect(seen).toMatchObject({ effectiveTradingState: 'ACTIVE', killSwitchOn: false, fillStatistics: { placed: seen.orders.totalCount, denied: 0, fillRatio: 1 } });
    expect(seen.orders.totalCount).toBeGreaterThan(10);
    expect(seen.fills.totalCount).toBe(seen.orders.totalCount);
    expect(seen.orders.edges[0]!.node).toMatchObject({ state: 'FILLED', fillRatio: 1, quantity: expect.any(Number) });
    expect(seen.pnlSeries.length).toBeLessThanOrEqual(50);
    expect(seen.pnlSeries.at(-1)!.barAt).toBe(seen.lastAcceptedBarAt);
    expect(seen.pnlSeries.at(-1)!.equity).toBe(seen.equity);
    expect(seen.priceBars).toHaveLength(10);
    expect(seen.priceBars.at(-1)!.timestamp).toBe(seen.lastAcceptedBarAt);

    const asResearch = await api.request<{ deployment: Record<string, unknown> & { orders: { edges: { node: Record<string, unknown> }[] }; pnlSeries: Record<string, unknown>[] } }>(read, { id: deployment.id }, { role: 'research' });
    const hidden = asResearch.data!.deployment;
    expect(hidden).toMatchObject({ equity: null, positionQuantity: null, drawdown: seen.drawdown, totalReturn: seen.totalReturn });
    expect(hidden.orders.edges[0]!.node).toMatchObject({ quantity: null, fillRatio: 1, referencePrice: expect.any(Number) });
    expect(hidden.pnlSeries[0]).toMatchObject({ equity: null, drawdown: expect.any(Number) });
    const forbidden = new Set(asResearch.errors!.map((error) => /may not read (\S+)/.exec(error.message)?.[1]));
    expect([...forbidden].sort()).toEqual(['Deployment.equity', 'Deployment.positionQuantity', 'DeploymentFill.fee', 'DeploymentOrder.quantity', 'PnlSnapshot.equity', 'PositionSnapshot.quantity']);
  });

  it('names the rule and field of a refused start, and bounds series reads', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const replay = { marketDataSetId: marketDataSet.id };
    const paper = await api.request(start, { input: { strategyVersionId: version.id, stage: 'PAPER', replay } }, { role: 'production' });
    expect(errorOf(paper)).toEqual({ code: 'BAD_USER_INPUT', field: 'stage' });
    expect(paper.errors![0]!.message).toMatch(/stage_requires_promotion/);
    const fast = await api.request(start, { input: { strategyVersionId: version.id, stage: 'SHADOW', replay: { ...replay, barIntervalMs: 5 } } }, { role: 'production' });
    expect(errorOf(fast)).toEqual({ code: 'BAD_USER_INPUT', field: 'replay.barIntervalMs' });
    const cap = await api.request(start, { input: { strategyVersionId: version.id, stage: 'SHADOW', replay, fillModel: { participationCap: 2 } } }, { role: 'production' });
    expect(errorOf(cap)).toEqual({ code: 'BAD_USER_INPUT', field: 'fillModel.participationCap' });
    const withoutStepUp = await api.request(start, { input: { strategyVersionId: version.id, stage: 'SHADOW', replay } }, await tokenWithoutStepUp('production'));
    expect(errorOf(withoutStepUp)).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });

    const deployment = await startShadowReplay();
    const series = await api.request(`query($id: ID!) { deployment(id: $id) { pnlSeries(maxPoints: 6000) { barAt } } }`, { id: deployment.id }, { role: 'production' });
    expect(errorOf(series)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxPoints' });
    const reason = await api.request(`mutation($input: DeploymentControlInput!) { haltDeployment(input: $input) { deployment { tradingState } } }`, { input: { deploymentId: deployment.id, reason: 'x'.repeat(2001) } }, { role: 'production' });
    expect(errorOf(reason)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('halt, flatten and resume over the API; every control is reported to deploymentStateChanged', async () => {
    const { deployment: row } = await arrangeShadowDeployment(api, { activationState: 'active', positionQuantity: 0.25, averageEntryPrice: 40_000 });
    const id = toGlobalId('Deployment', row.id);
    const control = (name: string, reason: string) =>
      api.request<Record<string, { deployment: { tradingState: string; flattenRequestedAt: string | null } }>>(`mutation($input: DeploymentControlInput!) { ${name}(input: $input) { deployment { tradingState flattenRequestedAt } } }`, { input: { deploymentId: id, reason } }, { role: 'production' });
    const client = await api.wsClient({ role: 'risk' });
    const changes = collectEvents<{ deploymentStateChanged: { tradingState: string; flattenRequestedAt: string | null } }>(api.server, client, `subscription($id: ID) { deploymentStateChanged(id: $id) { tradingState flattenRequestedAt } }`, { id }, 3);
    await changes.ready;
    expect((await control('haltDeployment', 'reconcile fills')).data!.haltDeployment!.deployment).toEqual({ tradingState: 'HALTED', flattenRequestedAt: null });
    const flattened = await control('flattenDeployment', 'close the position');
    expect(flattened.data!.flattenDeployment!.deployment).toEqual({ tradingState: 'REDUCING', flattenRequestedAt: expect.any(String) });
    expect(errorOf(await control('flattenDeployment', 'close it twice'))).toMatchObject({ code: 'CONFLICT' });
    expect((await control('resumeDeployment', 'fills reconciled')).data!.resumeDeployment!.deployment.tradingState).toBe('ACTIVE');
    const states = (await changes.done).map((event) => event.deploymentStateChanged);
    await client.dispose();
    expect(states.map((state) => state.tradingState)).toEqual(['HALTED', 'REDUCING', 'ACTIVE']);
    // The flatten request waits for the runner's next bar, resume or not.
    expect(states[2]!.flattenRequestedAt).toBe(states[1]!.flattenRequestedAt);
  });
});

describe('kill switches over GraphQL', () => {
  it('risk turns a strategy’s switch on without a second factor (open orders cancelled, killSwitchChanged pushed); off needs production with a step-up', async () => {
    const deployment = await startShadowReplay();
    const order = await arrangeOrder(api, deployment.databaseId, 'accepted');
    const strategies = await api.request<{ strategies: { edges: { node: { id: string; code: string } }[] } }>(`{ strategies(first: 50) { edges { node { id code } } } }`);
    const strategyId = strategies.data!.strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node.id;

    const client = await api.wsClient({ role: 'research' });
    const pushed = collectEvents<{ killSwitchChanged: { scope: string; state: string; strategy: { code: string } | null } }>(api.server, client, `subscription { killSwitchChanged { scope state strategy { code } } }`, {}, 2);
    const orders = collectEvents<{ orderUpdated: { clientOrderId: string; state: string } }>(api.server, client, `subscription($deploymentId: ID) { orderUpdated(deploymentId: $deploymentId) { clientOrderId state } }`, { deploymentId: deployment.id }, 1);
    await Promise.all([pushed.ready, orders.ready]);

    expect(errorOf(await api.request(turnOn, { input: { strategyId, reason: 'runaway' } }, { role: 'research' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    const on = await api.request<{ turnKillSwitchOn: { killSwitch: { state: string; reason: string; strategy: { code: string } }; ordersCancelled: number } }>(turnOn, { input: { strategyId, reason: 'runaway position' } }, await tokenWithoutStepUp('risk'));
    expect(on.errors).toBeUndefined();
    expect(on.data!.turnKillSwitchOn).toMatchObject({ killSwitch: { state: 'ON', reason: 'runaway position', strategy: { code: 'builtin-sma-crossover' } }, ordersCancelled: 1 });
    expect((await orders.done)[0]!.orderUpdated).toEqual({ clientOrderId: order.clientOrderId, state: 'CANCELED' });
    const flagged = await api.request<{ deployment: { killSwitchOn: boolean } }>(`query($id: ID!) { deployment(id: $id) { killSwitchOn } }`, { id: deployment.id });
    expect(flagged.data!.deployment.killSwitchOn).toBe(true);

    expect(errorOf(await api.request(turnOff, { input: { strategyId, reason: 'resolved' } }, { role: 'risk' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    expect(errorOf(await api.request(turnOff, { input: { strategyId, reason: 'resolved' } }, await tokenWithoutStepUp('production')))).toMatchObject({ code: 'FORBIDDEN', reason: 'STEP_UP_REQUIRED' });
    const off = await api.request<{ turnKillSwitchOff: { killSwitch: { state: string } } }>(turnOff, { input: { strategyId, reason: 'position explained' } }, { role: 'production' });
    expect(off.data!.turnKillSwitchOff.killSwitch.state).toBe('OFF');
    const events = (await pushed.done).map((event) => event.killSwitchChanged);
    await client.dispose();
    expect(events).toEqual([
      { scope: 'STRATEGY', state: 'ON', strategy: { code: 'builtin-sma-crossover' } },
      { scope: 'STRATEGY', state: 'OFF', strategy: { code: 'builtin-sma-crossover' } },
    ]);
    const listed = await api.request<{ killSwitches: { scope: string; state: string; history: { from: string; to: string; reason: string }[] }[] }>(`{ killSwitches { scope state history(limit: 5) { from to reason } } }`, {}, { role: 'research' });
    expect(listed.data!.killSwitches.find((killSwitch) => killSwitch.scope === 'STRATEGY')!.history).toEqual([
      { from: 'ON', to: 'OFF', reason: 'position explained' },
      { from: 'OFF', to: 'ON', reason: 'runaway position' },
    ]);
  });

  it('production creates a LIVE confirmation token shown once; risk revokes it', async () => {
    const deployment = await startShadowReplay();
    const created = await api.request<{ createLiveConfirmationToken: { token: string; liveConfirmationToken: { id: string; expiresAt: string; revokedAt: string | null } } }>(
      `mutation($input: CreateLiveConfirmationTokenInput!) { createLiveConfirmationToken(input: $input) { token liveConfirmationToken { id expiresAt revokedAt } } }`,
      { input: { deploymentId: deployment.id, ttlMinutes: 15 } },
      { role: 'production' },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createLiveConfirmationToken.token).toMatch(/^crucible_live_/);
    const revoked = await api.request<{ revokeLiveConfirmationToken: { liveConfirmationToken: { revokedAt: string } } }>(
      `mutation($input: RevokeLiveConfirmationTokenInput!) { revokeLiveConfirmationToken(input: $input) { liveConfirmationToken { revokedAt } } }`,
      { input: { tokenId: created.data!.createLiveConfirmationToken.liveConfirmationToken.id, reason: 'not going live today' } },
      await tokenWithoutStepUp('risk'),
    );
    expect(revoked.data!.revokeLiveConfirmationToken.liveConfirmationToken.revokedAt).toEqual(expect.any(String));
    const listed = await api.request<{ deployment: { liveConfirmationTokens: { revokedAt: string | null }[] } }>(`query($id: ID!) { deployment(id: $id) { liveConfirmationTokens { revokedAt } } }`, { id: deployment.id }, { role: 'risk' });
    expect(listed.data!.deployment.liveConfirmationTokens).toHaveLength(1);
  });
});
