import type { CycleConfiguration } from '../../domain/cycle/cycle-configuration.entity.ts';

/** One row of an experiment comparison: a configuration of a cycle with its out-of-sample metrics per dataset. */
export interface ExperimentRow {
  strategyCode: string;
  template: string;
  configurationKey: string;
  parameters: Record<string, unknown>;
  /** Mean over datasets of the stitched out-of-sample annualized Sharpe. */
  outOfSampleSharpe: number | null;
  /** Per dataset id: sharpe, maxDrawdown (fraction), totalReturn (fraction)… */
  perDataset: Record<string, Record<string, number | null>>;
}

/** Rows of a cycle's configurations (populated strategies), in the given order. */
export function toExperimentRows(configurations: readonly CycleConfiguration[]): ExperimentRow[] {
  return configurations.map((row) => ({
    strategyCode: row.strategy.code,
    template: row.template,
    configurationKey: row.configurationKey,
    parameters: row.parameters,
    outOfSampleSharpe: row.outOfSampleSharpe ?? null,
    perDataset: row.outOfSampleMetrics,
  }));
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * CSV of an experiment comparison: one line per configuration; per dataset the columns
 * `<datasetLabel>.sharpe`, `.maxDrawdown` (fraction), `.totalReturn` (fraction). `datasetLabels` maps dataset id → label.
 */
export function formatExperimentCsv(rows: readonly ExperimentRow[], datasetLabels: ReadonlyMap<string, string>): string {
  const datasets = [...datasetLabels.keys()];
  const metrics = ['sharpe', 'maxDrawdown', 'totalReturn'];
  const header = ['strategy', 'template', 'configuration', 'parameters', 'outOfSampleSharpe', ...datasets.flatMap((id) => metrics.map((metric) => `${datasetLabels.get(id)}.${metric}`))];
  const lines = rows.map((row) =>
    [row.strategyCode, row.template, row.configurationKey, row.parameters, row.outOfSampleSharpe, ...datasets.flatMap((id) => metrics.map((metric) => row.perDataset[id]?.[metric] ?? null))]
      .map(csvCell)
      .join(','),
  );
  return `${[header.map(csvCell).join(','), ...lines].join('\n')}\n`;
}
