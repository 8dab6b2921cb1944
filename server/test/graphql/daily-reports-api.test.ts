import { describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runToEnd } from '../support/deployment-runner-harness.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

describe('GraphQL daily reports', () => {
  it('serves the kept report of a strategy and day to production, risk, compliance and admin, not to research', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(api, { replayStartAt: new Date('2022-05-20T00:00:00Z'), replayEndAt: new Date('2022-06-20T00:00:00Z'), warmUpBars: 40 });
    await runToEnd(api, deployment.id, makeManualClock('2026-12-01T00:00:00Z'), { deploymentBatchBars: 500 });
    const run = await api.services().dailyReports.generate('2022-06-13');
    expect(run.created).toHaveLength(1);
    const query = `query($strategyId: ID!) {
      dailyReports(strategyId: $strategyId, from: "2022-06-01", to: "2022-06-30") { totalCount edges { node { reportDate strategy { code } incidents { summary }
        deployments { stage tradingState health markCount openingEquity closingEquity pnl returnFraction closingDrawdown quoteCurrency
          risk { horizon returnCount valueAtRisk conditionalValueAtRisk sharpeRatio maxDrawdown } } } } }
      dailyReport(strategyId: $strategyId, reportDate: "2022-06-13") { reportDate } }`;
    const variables = { strategyId: toGlobalId('Strategy', strategy.id) };
    for (const role of ['production', 'risk', 'compliance', 'admin'] as const) {
      const answer = await api.request<{ dailyReports: { totalCount: number; edges: { node: { reportDate: string; deployments: { markCount: number; risk: { horizon: string; returnCount: number } }[] } }[] } }>(query, variables, { role });
      expect(answer.errors, role).toBeUndefined();
      expect(answer.data!.dailyReports.totalCount).toBe(1);
      expect(answer.data!.dailyReports.edges[0]!.node).toMatchObject({ reportDate: '2022-06-13', deployments: [{ markCount: 1, risk: { horizon: '1 bar of 1d', returnCount: 25 } }] });
    }
    expect((await api.request(query, variables, { role: 'research' })).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api.request(`{ dailyReports(from: "2022-13-01") { totalCount } }`, {}, { role: 'risk' })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });
});
