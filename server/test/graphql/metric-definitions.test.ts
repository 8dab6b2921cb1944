import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

describe('metricDefinitions', () => {
  it('serves every BacktestMetrics field with the description the schema documents, so clients need not copy them', async () => {
    const result = await api.request<{ metricDefinitions: { name: string; description: string }[]; __type: { fields: { name: string; description: string }[] } }>(
      `{ metricDefinitions { name description } __type(name: "BacktestMetrics") { fields { name description } } }`,
    );
    expect(result.errors).toBeUndefined();
    const definitions = result.data!.metricDefinitions;
    expect(definitions).toHaveLength(20);
    expect(new Set(definitions.map((definition) => definition.name))).toEqual(new Set(result.data!.__type.fields.map((field) => field.name)));
    for (const field of result.data!.__type.fields) {
      expect(definitions.find((definition) => definition.name === field.name)!.description).toBe(field.description);
    }
    expect(definitions.find((definition) => definition.name === 'sharpe')!.description).toContain('annualized');
  });
});
