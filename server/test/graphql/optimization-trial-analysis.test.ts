import { describe, expect, it } from 'vitest';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createSystemServices } from '../../src/services/system-services.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

interface Analysis {
  parameterNames: string[];
  totalCount: number;
  trials: { sequence: number; segmentId: string; segmentIndex: number; trialIndex: number; objective: number | null; outOfSampleSharpe: number | null; parameters: { name: string; value: number | boolean }[] }[];
  importance: { parameter: string; importance: number; explainedVariance: number }[];
}

const analysisFields = `parameterNames totalCount trials { sequence segmentId segmentIndex trialIndex objective outOfSampleSharpe parameters { name value } } importance { parameter importance explainedVariance }`;

describe('GraphQL optimization trial analysis', () => {
  it('serves every trial in run order with the parameter importance, overall and per segment', async () => {
    await arrangeSmaOnBtcDaily(api);
    const strategies = await api.request<{ strategies: { edges: { node: { code: string; versions: { id: string }[] } }[] } }>(`{ strategies(first: 50) { edges { node { code versions { id } } } } }`);
    const versionId = strategies.data!.strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node.versions[0]!.id;
    const dataSetId = (await api.request<{ marketDataSets: { edges: { node: { id: string } }[] } }>(`{ marketDataSets { edges { node { id } } } }`)).data!.marketDataSets.edges[0]!.node.id;
    const queued = await api.request<{ queueOptimization: { optimization: { id: string; databaseId: string } } }>(
      `mutation($input: QueueOptimizationInput!) { queueOptimization(input: $input) { optimization { id databaseId } } }`,
      {
        input: {
          strategyVersionId: versionId,
          marketDataSetIds: [dataSetId],
          parameterOverrides: [{ name: 'fastPeriod', min: 5, max: 30 }],
          searchMethod: 'RANDOM',
          trialBudget: 10,
          seed: 11,
          windows: { scheme: 'ROLLING', unit: 'BARS', trainSize: 500, testSize: 500 },
          objective: { metric: 'SHARPE', direction: 'MAXIMIZE', constraints: [] },
        },
      },
    );
    expect(queued.errors).toBeUndefined();
    const optimization = queued.data!.queueOptimization.optimization;
    const workerOrm = await openOrm(api.database.url, 2);
    try {
      await createSystemServices(workerOrm, { importDir: '/nonexistent' }, createLogger('worker', 'silent')).optimizations.execute(optimization.databaseId);
    } finally {
      await workerOrm.close();
    }

    const segmentsExpected = Math.floor((2562 - 500) / 500);
    const overall = await api.request<{ optimization: { trialAnalysis: Analysis } }>(`query($id: ID!) { optimization(id: $id) { trialAnalysis { ${analysisFields} } } }`, { id: optimization.id }, { role: 'compliance' });
    expect(overall.errors).toBeUndefined();
    const analysis = overall.data!.optimization.trialAnalysis;
    expect(analysis.totalCount).toBe(segmentsExpected * 10);
    expect(analysis.trials.map((trial) => trial.sequence)).toEqual(Array.from({ length: segmentsExpected * 10 }, (_, index) => index));
    expect(analysis.trials.map((trial) => [trial.segmentIndex, trial.trialIndex])).toEqual(
      Array.from({ length: segmentsExpected * 10 }, (_, index) => [Math.floor(index / 10), index % 10]),
    );
    expect(analysis.parameterNames).toEqual(['allowShort', 'fastPeriod', 'slowPeriod']);
    expect(analysis.trials.every((trial) => trial.parameters.length === 3)).toBe(true);
    expect(analysis.trials.some((trial) => typeof trial.objective === 'number')).toBe(true);
    expect(analysis.importance.map((entry) => entry.parameter).sort()).toEqual(analysis.parameterNames);
    expect(analysis.importance.reduce((sum, entry) => sum + entry.importance, 0)).toBeCloseTo(1, 9);
    const importances = analysis.importance.map((entry) => entry.importance);
    expect(importances).toEqual([...importances].sort((a, b) => b - a));

    const segmentId = analysis.trials.find((trial) => trial.segmentIndex === 2)!.segmentId;
    const one = await api.request<{ optimization: { trialAnalysis: Analysis } }>(`query($id: ID!, $segment: ID) { optimization(id: $id) { trialAnalysis(segmentId: $segment) { ${analysisFields} } } }`, {
      id: optimization.id,
      segment: segmentId,
    });
    expect(one.errors).toBeUndefined();
    expect(one.data!.optimization.trialAnalysis.totalCount).toBe(10);
    expect(one.data!.optimization.trialAnalysis.trials.map((trial) => trial.segmentIndex)).toEqual(Array(10).fill(2));
  });
});
