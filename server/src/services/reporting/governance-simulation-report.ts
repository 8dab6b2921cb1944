import { ConflictError } from '../../domain/errors.ts';
import type { GovernanceSimulationService } from '../simulation/governance-simulation.service.ts';
import { comparedDays, type StoredSimulationComparison, type StoredSimulationReport } from '../simulation/simulation-result-view.ts';
import { simulationSettingRows, simulationSettings } from '../simulation/simulation-settings.ts';
import type { ServiceContext } from '../service-context.ts';
import { PdfReport } from './pdf-report.ts';

/** Points of the PDF's equity chart. */
const chartPoints = 400;
/** Divergent decisions the PDF lists (the JSON holds the stored list, first 1,000). */
const pdfDivergences = 60;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const stamp = (value: Date | number) => `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const percent = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(2)} %`);
const amount = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 }));
const number = (value: number | null | undefined, digits = 2) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits));
/** `from→to` of a decision that changes (or would change) a stage; empty otherwise. */
const stages = (decision: { fromStage: string | null; toStage: string | null }) => (decision.fromStage === null && decision.toStage === null ? '' : ` ${decision.fromStage ?? ''}→${decision.toStage ?? ''}`);
const integer = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toLocaleString('en-US'));

/** The headline rows of one arm, in the order the PDF shows them: [label, unit, value]. */
function headlineRows(report: StoredSimulationReport): [string, string, string][] {
  const counts = report.counts;
  return [
    ['Evaluation cycles', 'count', integer(counts.evaluationCycles)],
    ['Candidates', 'count', integer(counts.candidates)],
    ['Promotions to SHADOW / PAPER / LIVE', 'count', `${integer(counts.promotionsToShadow)} / ${integer(counts.promotionsToPaper)} / ${integer(counts.promotionsToLive)}`],
    ['Gate refusals · blocked at execution · rejected', 'count', `${integer(counts.gateRefusals)} · ${integer(counts.blockedAtExecution)} · ${integer(counts.rejections)}`],
    ['Approvals signed (human workload, SC-009)', 'count', integer(counts.approvalsSigned)],
    ['Demotions · rollbacks · deactivations', 'count', `${integer(counts.demotions)} · ${integer(counts.rollbacks)} · ${integer(counts.deactivations)}`],
    ['SC-002 promotions still LIVE after 90 days', 'fraction', `${percent(report.sc002.successRate)} (${report.sc002.stillActive}/${report.sc002.evaluated}; target ${percent(report.sc002.target)})`],
    ['SC-003 losses prevented by protective exits', 'quote', amount(report.sc003.totalLossPrevented)],
    ['SC-003 gains given up by protective exits', 'quote', amount(report.sc003.totalGainGivenUp)],
    ['SC-003 worst LIVE loss from entry', 'fraction', percent(report.sc003.worstLiveLossFromEntry)],
    ['SC-004 detection lag mean / max', 'hours', `${number(report.sc004.meanLagHours)} / ${number(report.sc004.maxLagHours)}`],
    ['SC-006 live correlation max / mean', 'ratio', `${number(report.sc006.maxCorrelation, 3)} / ${number(report.sc006.meanCorrelation, 3)}`],
    ['SC-010 largest template share', 'fraction', `${percent(report.sc010.maxTemplateShare)} (${report.sc010.daysAbove} days above ${percent(report.sc010.limit)})`],
    ['Final portfolio equity', 'quote', amount(report.portfolio.finalEquity)],
    ['Portfolio total return · max drawdown', 'fraction', `${percent(report.portfolio.totalReturn)} · ${percent(report.portfolio.maxDrawdown)}`],
    ['Portfolio Sharpe (daily, annualized)', 'ratio', number(report.portfolio.sharpe, 3)],
    ['Benchmark basket return · max drawdown', 'fraction', `${percent(report.portfolio.benchmark.totalReturn)} · ${percent(report.portfolio.benchmark.maxDrawdown)}`],
    ['Most LIVE at once', 'count', integer(report.portfolio.maxLiveCount)],
  ];
}

/**
 * A completed governance simulation as a report (issue 15, FR-035 formats): `json` and `csv` are the simulation's own
 * exports (`GovernanceSimulationService.export`); `pdf` shows the run's settings (period, seed, evaluation interval
 * and lookback, configurations per template, deployments per strategy, approval behaviour, initial equity) and both
 * arms' policy versions, every headline figure side by side, both portfolio curves and the benchmark on one chart, the first divergence and the
 * first divergent decisions. Every page says SIMULATED.
 * @throws NotFoundError; ForbiddenError (read SimulationRun); ConflictError before completion.
 */
export async function governanceSimulationReport(ctx: ServiceContext, simulations: GovernanceSimulationService, id: string, format: 'pdf' | 'csv' | 'json'): Promise<Buffer | string> {
  if (format !== 'pdf') return simulations.export(id, format);
  const run = await simulations.get(id);
  if (run.status !== 'completed' || !run.result) throw new ConflictError(`governance simulation ${id} is ${run.status}; only a completed one has a report`);
  const result = run.result as unknown as StoredSimulationComparison;
  const { baseline, variant } = result;
  const pdf = new PdfReport(`Governance simulation (SIMULATED): ${day(baseline.period.startMs)} → ${day(baseline.period.endMs)}`, `Simulation ${run.id} · seed ${baseline.seed} · generated ${stamp(ctx.clock.now())} · no real deployment was touched`);
  pdf.heading('Settings').table(['Setting', 'Unit', 'Value (both arms)'], simulationSettingRows(simulationSettings(run)), [0.35, 0.12, 0.53]);
  pdf.heading('Policy versions').table(
    ['Kind', 'Baseline', 'Variant'],
    (['scoring', 'promotion', 'monitoring', 'capital'] as const).map((kind) => [kind, baseline.policyVersions[kind], `${variant.policyVersions[kind]}${variant.policyVersions[kind] === baseline.policyVersions[kind] ? '' : ' !'}`]),
    [0.2, 0.4, 0.4],
  );
  const left = headlineRows(baseline);
  const right = headlineRows(variant);
  pdf.heading('Figures side by side').table(
    ['Figure', 'Unit', 'Baseline', 'Variant'],
    left.map(([label, unit, value], index) => [label, unit, value, right[index][2]]),
    [0.4, 0.1, 0.25, 0.25],
  );
  const days = comparedDays(result, chartPoints);
  if (days.length >= 2) {
    const range: [string, string] = [day(days[0].atMs), day(days[days.length - 1].atMs)];
    const whole = (value: number) => Math.round(value).toLocaleString('en-US');
    pdf.heading('Portfolio equity');
    pdf.lineChart(
      'Portfolio equity, quote currency (baseline green, variant blue)',
      [
        { label: 'baseline', color: '#1f8a5b', values: days.map((point) => point.baselineEquity) },
        { label: 'variant', color: '#3b7dd8', values: days.map((point) => point.variantEquity) },
      ],
      range,
      whole,
    );
    const initial = days[0].baselineEquity;
    pdf.lineChart(
      'Both arms and the benchmark basket, multiple of the initial equity',
      [
        { label: 'baseline', color: '#1f8a5b', values: days.map((point) => point.baselineEquity / initial) },
        { label: 'variant', color: '#3b7dd8', values: days.map((point) => (point.variantEquity === null ? null : point.variantEquity / initial)) },
        { label: 'benchmark basket', color: '#6b7a8f', values: days.map((point) => (point.benchmarkEquity === null ? null : point.benchmarkEquity / initial)) },
      ],
      range,
      (value) => `${value.toFixed(2)}x`,
    );
  }
  const first = result.firstDivergence;
  pdf.heading('Where the policies diverge');
  if (first === null) pdf.paragraph('Both arms took the same decisions.');
  else {
    const describe = (decision: typeof first.baseline) => (decision === null ? 'nothing' : `${decision.kind}${decision.deploymentId === null ? '' : ` ${decision.deploymentId}`}${stages(decision)} (${decision.rule ?? '—'}): ${decision.message}`);
    pdf.paragraph(`First divergence at ${stamp(first.atMs)} — baseline: ${describe(first.baseline)}; variant: ${describe(first.variant)}.`);
    pdf.paragraph(`${integer(result.divergenceCount)} decisions diverge; the first ${Math.min(pdfDivergences, result.divergences.length)} are listed (JSON: the first 1,000).`, true);
    pdf.table(
      ['When (UTC)', 'Arm', 'Decision', 'Deployment', 'Rule'],
      result.divergences.slice(0, pdfDivergences).map(({ arm, decision }) => [stamp(decision.atMs), arm, `${decision.kind}${stages(decision)}`, decision.deploymentId ?? '—', decision.rule ?? '—']),
      [0.2, 0.1, 0.25, 0.25, 0.2],
    );
  }
  return pdf.finish();
}
