import { bestIndexes, metricEntry, type MetricEntry } from './metric-catalogue.ts';

/** What the comparison table needs of one run. */
export interface ComparedRunInput {
  /** Metric name → value (fractions, ratios, counts); null or absent when undefined or the run did not complete. */
  metrics: Readonly<Record<string, number | null>>;
  parameters: Readonly<Record<string, number | string | boolean>>;
  datasetId: string;
  /** Human label of the dataset, e.g. `BTC-USDT · 1d`. */
  datasetLabel: string;
  timeframe: string;
  feeBps: number;
  slippageBps: number;
}

/** One metric across the runs, labelled, with the best value(s) marked. */
export interface ComparisonMetricRow extends MetricEntry {
  metric: string;
  /** Per run, input order. */
  values: (number | null)[];
  /** Indexes of the best value(s) by `better`; empty when nothing compares. */
  best: number[];
}

/** One parameter (or cost) across the runs. */
export interface ComparisonParameterRow {
  name: string;
  /** Per run, input order; null when the run has no such parameter. */
  values: (number | string | boolean | null)[];
  differs: boolean;
}

/** The comparison of runs as a report prints it. */
export interface RunComparisonTable {
  metrics: ComparisonMetricRow[];
  /** Parameters (sorted by name), then `feeBps` and `slippageBps`. */
  parameters: ComparisonParameterRow[];
  /** Set when the runs are not on one dataset or one timeframe: their figures are not of the same market or not annualized alike. */
  warning: string | null;
}

/**
 * The comparison table of runs (pure): every metric of `metricNames` labelled with its unit and its best value marked,
 * the parameter diff (fees and slippage included) and the different-datasets/timeframes warning.
 */
export function buildRunComparisonTable(runs: readonly ComparedRunInput[], metricNames: readonly string[]): RunComparisonTable {
  const metrics = metricNames.map((metric) => {
    const label = metricEntry(metric);
    const values = runs.map((run) => {
      const value = run.metrics[metric];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    });
    return { metric, ...label, values, best: bestIndexes(values, label.better) };
  });
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.parameters)))].sort();
  const row = (name: string, values: (number | string | boolean | null)[]): ComparisonParameterRow => ({ name, values, differs: new Set(values.map((value) => JSON.stringify(value))).size > 1 });
  const parameters = [
    ...names.map((name) => row(name, runs.map((run) => run.parameters[name] ?? null))),
    row('feeBps', runs.map((run) => run.feeBps)),
    row('slippageBps', runs.map((run) => run.slippageBps)),
  ];
  const datasets = [...new Set(runs.map((run) => run.datasetId))];
  const timeframes = [...new Set(runs.map((run) => run.timeframe))];
  const labels = [...new Set(runs.map((run) => run.datasetLabel))];
  const warning =
    datasets.length > 1 || timeframes.length > 1
      ? `These runs use ${datasets.length} different datasets${timeframes.length > 1 ? ` and ${timeframes.length} timeframes` : ''} (${labels.join('; ')}): their figures are not of the same market${timeframes.length > 1 ? ' and are annualized from different bar lengths' : ''}.`
      : null;
  return { metrics, parameters, warning };
}
