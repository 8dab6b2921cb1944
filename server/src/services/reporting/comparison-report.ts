import type { CycleConfiguration } from '../../domain/cycle/cycle-configuration.entity.ts';
import type { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { experimentEquityCurves } from '../../domain/reporting/experiment-equity.ts';
import { formatMetricValue, metricCatalogue } from '../../domain/reporting/metric-catalogue.ts';
import { unpackFloat64 } from '../backtest/equity-curve-codec.ts';
import { buildRunComparisonTable } from '../../domain/reporting/run-comparison-table.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { RunComparisonService } from '../backtest/run-comparison.service.ts';
import { readStoredMetric } from '../backtest/stored-metrics.ts';
import type { EvaluationCycleService } from '../cycle/evaluation-cycle.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { csvOf } from './csv.ts';
import { PdfReport } from './pdf-report.ts';

/** Points of the comparison PDF's equity chart (the JSON holds the same thinned axis). */
const comparisonChartPoints = 400;
/** Configurations the experiment PDF lists (CSV and JSON hold every one). */
const experimentPdfRows = 300;
/** Configurations the experiment PDF's equity chart draws (the best by mean out-of-sample Sharpe). */
const experimentChartTrials = 5;
const palette = ['#1f8a5b', '#3b7dd8', '#c2791b', '#8e44ad', '#c23b48', '#16a2a2', '#6b7a8f', '#a0522d'];

const stamp = (value: Date | string | null | undefined) => (value ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');
const day = (value: Date | number | string) => new Date(value).toISOString().slice(0, 10);
const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value));

/** Parses the `ids` query parameter: 1–8 comma-separated run UUIDs. @throws ValidationError naming `ids`. */
export function comparisonIds(raw: string | null): string[] {
  const ids = [...new Set((raw ?? '').split(',').map((id) => id.trim()).filter((id) => id !== ''))];
  if (ids.length < 1 || ids.length > 8) throw new ValidationError('ids must list 1 to 8 run ids, comma-separated', 'ids');
  for (const id of ids) if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ValidationError(`ids: ${id.slice(0, 40)} is not a UUID`, 'ids');
  return ids;
}

/**
 * The experiment comparison of backtest runs as the compare page shows it (FR-035): the runs named (strategy,
 * version and template, dataset, id), every metric with its label and unit and the best of each row marked, the
 * parameter diff with fees and slippage, the different-datasets warning and the equity curves on one time axis.
 * @throws ValidationError, NotFoundError, ForbiddenError (as RunComparisonService.compare).
 */
export async function runComparisonReport(ctx: ServiceContext, comparisons: RunComparisonService, ids: readonly string[], format: 'pdf' | 'csv' | 'json'): Promise<Buffer | string> {
  const { runs, equity } = await comparisons.compare(ids, comparisonChartPoints);
  await ctx.em.populate(runs, ['strategyVersion.strategy', 'marketDataSet', 'parameterConfig']);
  const described = runs.map((run, index) => {
    const dataset = run.marketDataSet;
    const datasetLabel = `${dataset.symbolUniverse.join(', ')} · ${dataset.timeframe}`;
    return {
      column: `${index + 1}. ${run.strategyVersion.strategy.name}`,
      id: run.id,
      strategy: run.strategyVersion.strategy.name,
      versionTag: run.strategyVersion.versionTag,
      template: run.strategyVersion.template,
      status: run.status,
      dataset: { id: dataset.id, label: datasetLabel, timeframe: dataset.timeframe, checksum: dataset.checksum },
      parameterLabel: run.parameterConfig.label,
      parameters: run.parameterConfig.parameters,
      feeBps: run.feeBps,
      slippageBps: run.slippageBps,
      metrics: Object.fromEntries(Object.keys(metricCatalogue).map((name) => {
        const value = readStoredMetric(run.metrics, name);
        return [name, value !== undefined && Number.isFinite(value) ? value : null];
      })),
    };
  });
  const table = buildRunComparisonTable(
    described.map((run) => ({ metrics: run.metrics, parameters: run.parameters, datasetId: run.dataset.id, datasetLabel: run.dataset.label, timeframe: run.dataset.timeframe, feeBps: run.feeBps, slippageBps: run.slippageBps })),
    Object.keys(metricCatalogue),
  );
  if (format === 'json') {
    return JSON.stringify(
      {
        runs: described.map(({ metrics: _metrics, ...run }) => run),
        warning: table.warning,
        metrics: table.metrics,
        parameters: table.parameters,
        equity: { timestamps: equity.timestamps.map((time) => new Date(time).toISOString()), series: described.map((run, index) => ({ runId: run.id, equity: equity.series[index] })) },
      },
      null,
      2,
    );
  }
  const columns = described.map((run) => `${run.column} (${run.id})`);
  if (format === 'csv') {
    return csvOf(
      ['section', 'name', 'label', 'unit', 'best', ...columns],
      [
        ['run', 'dataset', 'Dataset', '', '', ...described.map((run) => `${run.dataset.label} (${run.dataset.checksum})`)],
        ['run', 'version', 'Version · template', '', '', ...described.map((run) => `${run.versionTag} · ${run.template}`)],
        ['run', 'status', 'Status', '', '', ...described.map((run) => run.status)],
        ...table.metrics.map((row) => ['metric', row.metric, row.label, `${row.kind === 'percent' ? 'fraction' : row.kind}${row.unit ? `, ${row.unit}` : ''}`, row.best.map((index) => index + 1).join(' '), ...row.values]),
        ...table.parameters.map((row) => ['parameter', row.name, row.name, '', row.differs ? 'differs' : 'same', ...row.values]),
      ],
    );
  }
  const pdf = new PdfReport(`Run comparison: ${described.length} runs`, `${described.map((run) => run.strategy).join(' · ')} · generated ${stamp(ctx.clock.now())}`);
  if (table.warning) pdf.paragraph(`Warning: ${table.warning}`);
  pdf.heading('Runs').table(
    ['#', 'Strategy', 'Version · template', 'Dataset', 'Parameters', 'Run id'],
    described.map((run, index) => [String(index + 1), run.strategy, `${run.versionTag} · ${run.template}`, run.dataset.label, run.parameterLabel, run.id]),
    [0.05, 0.2, 0.2, 0.15, 0.15, 0.25],
  );
  const width = 0.62 / described.length;
  pdf.heading('Metrics (best of each row marked *)').table(
    ['Metric', 'Unit', ...described.map((_, index) => String(index + 1))],
    table.metrics.map((row) => [row.label, row.unit, ...row.values.map((value, index) => `${formatMetricValue(value, row.kind)}${row.best.includes(index) ? ' *' : ''}`)]),
    [0.2, 0.18, ...described.map(() => width)],
  );
  pdf.heading('Parameters and costs (differing rows marked !)').table(
    ['Parameter', ...described.map((_, index) => String(index + 1))],
    table.parameters.map((row) => [`${row.name}${row.differs ? ' !' : ''}`, ...row.values.map(shown)]),
    [0.38, ...described.map(() => width)],
  );
  // Rebased at the first time every run has a value, as the compare page's "rebased" view.
  const common = equity.timestamps.findIndex((_, k) => equity.series.every((series) => series[k] !== null && series[k] !== undefined));
  if (common >= 0 && equity.timestamps.length > 1) {
    pdf.heading('Equity');
    pdf.lineChart(
      `Equity rebased to 1.0x on ${day(equity.timestamps[common]!)}`,
      equity.series.map((series, index) => ({ label: described[index]!.column, color: palette[index % palette.length]!, values: series.slice(common).map((value) => (value === null ? null : value / series[common]!)) })),
      [day(equity.timestamps[common]!), day(equity.timestamps.at(-1)!)],
      (value) => `${value.toFixed(2)}x`,
    );
  }
  return pdf.finish();
}

/**
 * The experiment comparison of an evaluation cycle (FR-035): its configurations (trials) ranked by mean out-of-sample
 * Sharpe with the per-dataset figures. CSV and JSON as the cycle's export; the PDF lists the best {@link experimentPdfRows}.
 * @throws NotFoundError, ForbiddenError.
 */
export async function experimentReport(ctx: ServiceContext, cycles: EvaluationCycleService, cycleId: string, format: 'pdf' | 'csv' | 'json'): Promise<Buffer | string> {
  if (format !== 'pdf') return cycles.exportComparison(cycleId, format);
  const cycle = await cycles.get(cycleId);
  const data = JSON.parse(await cycles.exportComparison(cycleId, 'json')) as {
    datasets: { id: string; symbol: string; timeframe: string; checksum: string }[];
    rows: { strategyCode: string; template: string; configurationKey: string; parameters: Record<string, unknown>; outOfSampleSharpe: number | null; perDataset: Record<string, Record<string, number | null>> }[];
  };
  const pbo = cycle.probabilityOfBacktestOverfitting;
  const pdf = new PdfReport(
    `Experiment comparison: evaluation cycle ${cycle.evaluationDate ? String(cycle.evaluationDate).slice(0, 10) : cycle.id.slice(0, 8)}`,
    `Cycle ${cycle.id} · ${cycle.status} · ${data.rows.length} configurations · generated ${stamp(ctx.clock.now())}`,
  );
  pdf.heading('Cycle').facts([
    { label: 'Scoring policy', value: cycle.scoringPolicyVersion ?? '—' },
    { label: 'Seed', value: String(cycle.seed) },
    { label: 'Probability of backtest overfitting', value: pbo === null || pbo === undefined ? '—' : `${pbo.toFixed(2)}${pbo > 0.5 ? ' (above 0.5: the best in-sample configuration is more likely than not to rank below the median out of sample)' : ''}` },
    ...data.datasets.map((dataset) => ({ label: `Dataset ${dataset.symbol} ${dataset.timeframe}`, value: `SHA-256 ${dataset.checksum}` })),
  ]);
  const best = (await cycles.configurations(cycleId)).slice(0, experimentChartTrials);
  const equity = await bestConfigurationEquity(ctx, cycle, best);
  if (equity.length > 0) {
    const groups = (equity[0]!.curves.find((curve) => curve !== null)?.length ?? 1) - 1;
    pdf.heading('Out-of-sample equity of the best configurations');
    pdf.paragraph(
      `The ${best.length} configurations with the best mean out-of-sample Sharpe, per dataset: equity (start 1.0x) over the stitched walk-forward test windows, compounded in ${groups} equal groups of bars (the trial-return matrix the probability of backtest overfitting is computed from).`,
      true,
    );
    const labels = new Map(data.datasets.map((dataset) => [dataset.id, `${dataset.symbol} ${dataset.timeframe}`]));
    for (const { datasetId, curves } of equity) {
      pdf.lineChart(
        `${labels.get(datasetId) ?? datasetId}: out-of-sample equity`,
        curves.flatMap((values, index) => {
          if (!values) return [];
          const row = best[index]!;
          const parameters = Object.entries(row.parameters).map(([name, value]) => `${name}=${shown(value)}`).join(', ');
          return [{ label: `${index + 1}. ${row.strategy.code}${parameters ? ` (${parameters})` : ''}`, color: palette[index % palette.length]!, values }];
        }),
        ['first test window', 'last test window'],
        (value) => `${value.toFixed(2)}x`,
      );
    }
  }
  const listed = data.rows.slice(0, experimentPdfRows);
  const perDataset = data.datasets.length ? 0.4 / data.datasets.length : 0;
  pdf.heading(`Configurations by mean out-of-sample Sharpe${data.rows.length > listed.length ? ` (best ${listed.length} of ${data.rows.length})` : ''}`).table(
    ['Strategy', 'Parameters', 'OOS Sharpe (mean)', ...data.datasets.map((dataset) => `${dataset.symbol} ${dataset.timeframe}: Sharpe / max DD`)],
    listed.map((row) => [
      `${row.strategyCode} (${row.template})`,
      Object.entries(row.parameters).map(([name, value]) => `${name}=${shown(value)}`).join(', '),
      formatMetricValue(row.outOfSampleSharpe, 'ratio'),
      ...data.datasets.map((dataset) => `${formatMetricValue(row.perDataset[dataset.id]?.sharpe ?? null, 'ratio')} / ${formatMetricValue(row.perDataset[dataset.id]?.maxDrawdown ?? null, 'percent')}`),
    ]),
    [0.18, 0.28, 0.14, ...data.datasets.map(() => perDataset)],
  );
  return pdf.finish();
}

/**
 * Out-of-sample equity of `configurations` (of `cycle`) per dataset, from the cycle's stored trial-return matrix; []
 * when the cycle has none (not completed) or it has another shape.
 */
async function bestConfigurationEquity(ctx: ServiceContext, cycle: EvaluationCycle, configurations: readonly CycleConfiguration[]) {
  await ctx.em.populate(cycle, ['trialReturnMatrix'] as never);
  if (!cycle.trialReturnMatrix || !cycle.trialKeys || configurations.length === 0) return [];
  // The matrix holds the datasets that had walk-forward windows, in the cycle's order: those with out-of-sample metrics.
  const datasetIds = (cycle.datasets ?? []).map((dataset) => dataset.id).filter((id) => id in configurations[0]!.outOfSampleMetrics);
  // Matrix columns are keyed `<strategy id>:<parameters>`; stored configuration keys begin with the template instead.
  const trialKey = (row: CycleConfiguration) => `${row.strategy.id}:${row.configurationKey.slice(row.template.length + 1)}`;
  return experimentEquityCurves(unpackFloat64(cycle.trialReturnMatrix), cycle.matrixRows, cycle.trialKeys, datasetIds, configurations.map(trialKey));
}
