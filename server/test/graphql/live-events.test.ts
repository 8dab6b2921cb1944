import { describe, expect, it } from 'vitest';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { collectEvents, useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

describe('every state change is an event', () => {
  it('pushes a certified dataset to marketDataSetCertified as certified', async () => {
    const client = await api.wsClient();
    const subscription = collectEvents<{ marketDataSetCertified: { databaseId: string; checksum: string; rowCount: number; certifiedAt: string } }>(
      api.server,
      client,
      `subscription { marketDataSetCertified { databaseId: id checksum rowCount certifiedAt } }`,
      {},
      1,
    );
    await subscription.ready;
    const { name, content } = makeDailyCsv('LIVE-USDT', 40);
    const { marketDataSet } = await api.services().marketData.importContent(name, content);
    const [event] = await subscription.done;
    await client.dispose();
    expect(event!.marketDataSetCertified).toMatchObject({ checksum: marketDataSet.checksum, rowCount: 40, certifiedAt: expect.any(String) });
  });

  it('pushes registration, version submission, approval and lifecycle moves to the strategy subscriptions, in order', async () => {
    const services = api.services();
    await services.strategies.registerBuiltInStrategies();
    const client = await api.wsClient();
    const strategyEvents = collectEvents<{ strategyUpdated: { code: string; lifecycleState: string } }>(api.server, client, `subscription { strategyUpdated { code lifecycleState } }`, {}, 2);
    const versionEvents = collectEvents<{ strategyVersionUpdated: { versionTag: string; approvalStatus: string; strategy: { code: string } } }>(
      api.server,
      client,
      `subscription { strategyVersionUpdated { versionTag approvalStatus strategy { code } } }`,
      {},
      2,
    );
    await Promise.all([strategyEvents.ready, versionEvents.ready]);

    const strategy = await services.strategies.register({ code: 'live-events', name: 'Live events', objective: 'test', eligibleMarkets: ['*'], riskCategory: 'moderate', capitalGuardrails: { production: 0.01 } });
    const template = (await services.strategies.latestApprovedVersion((await services.strategies.list({})).nodes.find((row) => row.code === builtInStrategyCode('sma_crossover'))!.id))!.template;
    const version = await services.strategies.submitVersion({ strategyId: strategy.id, template, changelog: 'first', deterministicSeed: 1 });
    await services.strategies.approveVersion(version.id, 'fine');
    await services.strategies.transitionLifecycle(strategy.id, 'validation', 'ready to validate');

    const strategies = (await strategyEvents.done).map((event) => event.strategyUpdated);
    const versions = (await versionEvents.done).map((event) => event.strategyVersionUpdated);
    await client.dispose();
    expect(strategies).toEqual([
      { code: 'live-events', lifecycleState: 'RESEARCH' },
      { code: 'live-events', lifecycleState: 'VALIDATION' },
    ]);
    expect(versions).toEqual([
      { versionTag: version.versionTag, approvalStatus: 'PENDING', strategy: { code: 'live-events' } },
      { versionTag: version.versionTag, approvalStatus: 'APPROVED', strategy: { code: 'live-events' } },
    ]);
  });

  it("pushes a notification only to subscribers holding its audience role", async () => {
    const research = await api.wsClient({ role: 'research' });
    const risk = await api.wsClient({ role: 'risk' });
    const query = `subscription { notificationReceived { audience kind message readAt } }`;
    const researchEvents = collectEvents<{ notificationReceived: { audience: string; kind: string; message: string } }>(api.server, research, query, {}, 1);
    const riskEvents = collectEvents<{ notificationReceived: { audience: string; kind: string; message: string } }>(api.server, risk, query, {}, 1);
    await Promise.all([researchEvents.ready, riskEvents.ready]);

    const notify = (audience: 'research' | 'risk', message: string) =>
      api.orm.em.fork().transactional(async (em) => api.services().notifications.notifyIn(em, [audience], { kind: 'scorecard.incomplete', message }));
    await notify('research', 'for research');
    // Delivered in publication order: had risk been sent the research notification, it would arrive first.
    await notify('risk', 'for risk');
    const [toResearch] = await researchEvents.done;
    const [toRisk] = await riskEvents.done;
    await Promise.all([research.dispose(), risk.dispose()]);
    expect(toResearch!.notificationReceived).toEqual({ audience: 'RESEARCH', kind: 'scorecard.incomplete', message: 'for research', readAt: null });
    expect(toRisk!.notificationReceived).toEqual({ audience: 'RISK', kind: 'scorecard.incomplete', message: 'for risk', readAt: null });
  });
});
