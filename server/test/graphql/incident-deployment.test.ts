import { afterEach, describe, expect, it, vi } from 'vitest';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { DeploymentQueryService } from '../../src/services/deployment/deployment-query.service.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

afterEach(() => vi.restoreAllMocks());

describe('MonitoringIncident.deployment', () => {
  it('resolves each incident’s deployment, loading all of a page’s deployments in one batch (no N+1); null without one', async () => {
    const deployments = [];
    for (let index = 0; index < 3; index++) deployments.push((await arrangeShadowDeployment(api, { seed: 100 + index, stage: index === 0 ? 'observe' : 'shadow', effectiveStage: index === 0 ? 'observe' : 'shadow' })).deployment);
    const em = api.orm.em.fork();
    const strategy = await em.findOneOrFail(Strategy, { id: deployments[0]!.strategy.id });
    const marker = `deployment-field-${Date.now()}`;
    for (const [index, deployment] of deployments.entries()) {
      em.create(MonitoringIncident, { deployment: deployment.id, strategy, incidentType: 'drawdown', detectedAt: new Date(), severity: 'warning', status: 'open', summary: `${marker} ${index}`, context: {}, autoActions: { kind: 'warning', rule: 'drawdown' }, breachKey: `${deployment.id}:drawdown:${index}` });
    }
    em.create(MonitoringIncident, { strategy, incidentType: 'drawdown', detectedAt: new Date(), severity: 'warning', status: 'open', summary: `${marker} strategy-wide`, context: {}, autoActions: {} });
    await em.flush();

    const getMany = vi.spyOn(DeploymentQueryService.prototype, 'getMany');
    const get = vi.spyOn(DeploymentQueryService.prototype, 'get');
    const listed = await api.request<{ incidents: { edges: { node: { summary: string; deployment: { id: string; stage: string; symbol: string } | null } }[] } }>(
      `{ incidents(first: 50, status: OPEN) { edges { node { summary deployment { id stage symbol } } } } }`,
      {},
      { role: 'risk' },
    );
    expect(listed.errors).toBeUndefined();
    const mine = listed.data!.incidents.edges.map((edge) => edge.node).filter((node) => node.summary.startsWith(marker));
    expect(mine).toHaveLength(4);
    for (const [index, deployment] of deployments.entries()) {
      expect(mine.find((node) => node.summary === `${marker} ${index}`)!.deployment).toEqual({ id: toGlobalId('Deployment', deployment.id), stage: index === 0 ? 'OBSERVE' : 'SHADOW', symbol: 'BTC/USDT' });
    }
    expect(mine.find((node) => node.summary === `${marker} strategy-wide`)!.deployment).toBeNull();
    // One batch for the whole page, never one read per incident.
    expect(getMany).toHaveBeenCalledTimes(1);
    expect(new Set(getMany.mock.calls[0]![0])).toEqual(new Set(deployments.map((deployment) => deployment.id)));
    expect(get).not.toHaveBeenCalled();
  });
});
