import type { SimulationComparison } from '../../domain/simulation/simulation-comparison.ts';
import type { PortfolioDay } from '../../domain/simulation/governance-simulation.ts';
import { simulationSettingColumns, type SimulationSettings } from './simulation-settings.ts';

/** The stored form of a comparison (plain JSON: both reports, the first divergence, the divergent decisions), marked simulated. */
export function simulationJson(comparison: SimulationComparison): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ simulated: true, ...comparison, cancelled: undefined })) as Record<string, unknown>;
}

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 1e6) / 1e6) : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * One row per simulated day of a stored comparison: date, both arms' portfolio equity, the benchmark basket (quote
 * currency, scaled to the initial equity), both arms' live counts and largest template share, then the run's settings
 * (`simulationSettingColumns`: period, seed, evaluation interval and lookback in days, configurations per template,
 * deployments per strategy, approval behaviour, initial equity, both arms' policy versions — the same on every row,
 * so a row read alone still says what produced it). The first column says the rows are simulated.
 */
export function simulationCsv(stored: Record<string, unknown>, settings: SimulationSettings): string {
  const baseline = (stored.baseline as { days: PortfolioDay[] }).days;
  const variant = (stored.variant as { days: PortfolioDay[] }).days;
  const byDay = new Map(variant.map((day) => [day.atMs, day]));
  const settingColumns = simulationSettingColumns(settings);
  const header = ['simulated', 'date', 'baseline_equity', 'variant_equity', 'benchmark_equity', 'baseline_live_count', 'variant_live_count', 'baseline_max_template_share', 'variant_max_template_share', ...settingColumns.map(([name]) => name)];
  const settingCells = settingColumns.map(([, value]) => csvCell(value));
  const rows = baseline.map((day) => {
    const other = byDay.get(day.atMs);
    return [...['true', new Date(day.atMs).toISOString().slice(0, 10), day.equity, other?.equity, day.benchmarkEquity, day.liveCount, other?.liveCount, day.maxTemplateShare, other?.maxTemplateShare].map(csvCell), ...settingCells].join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}
