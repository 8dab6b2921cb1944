import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Governance } from '../auth/authorize.ts';
import type { RunReplayService } from '../backtest/run-replay.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { RunComparisonService } from '../backtest/run-comparison.service.ts';
import type { EvaluationCycleService } from '../cycle/evaluation-cycle.service.ts';
import type { GovernanceSimulationService } from '../simulation/governance-simulation.service.ts';
import type { StrategyService } from '../strategy/strategy.service.ts';
import { comparisonIds, experimentReport, runComparisonReport } from './comparison-report.ts';
import { csvOf } from './csv.ts';
import { governanceSimulationReport } from './governance-simulation-report.ts';
import type { LineageService, Lineage } from './lineage.service.ts';
import { monitoringLogReport } from './monitoring-report.ts';
import { PdfReport } from './pdf-report.ts';

/**
 * Reports (FR-035): what they cover and the formats they come in. `run`, `strategy-history` (id: strategy),
 * `monitoring` (id: strategy; from/to), `comparison` (ids: 1–8 runs), `experiment` (id: evaluation cycle), `audit` (from/to),
 * `simulation` (id: a completed governance simulation; marked simulated).
 */
export const reportKinds = ['run', 'strategy-history', 'monitoring', 'comparison', 'experiment', 'audit', 'simulation'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const reportFormats = ['pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** A rendered report. */
export interface RenderedReport {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const contentTypes: Record<ReportFormat, string> = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', json: 'application/json' };
/** Rows an audit extract PDF lists (CSV and JSON hold every matching event). */
const auditPdfRows = 2_000;

/** A stored number (metrics may hold non-finite values as strings) or null when not finite. */
const numberOf = (value: unknown): number | null => (value === null || value === undefined || value === '' ? null : Number.isFinite(Number(value)) ? Number(value) : null);
const percent = (value: unknown) => {
  const number = numberOf(value);
  return number === null ? '—' : `${(number * 100).toFixed(2)} %`;
};
const fixed = (value: unknown, digits = 2) => {
  const number = numberOf(value);
  return number === null ? '—' : number.toFixed(digits);
};
const day = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString().slice(0, 10) : '—');
const stamp = (value: Date | string | null | undefined) => (value ? `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

/**
 * Builds the downloadable reports: a run (metrics, charts, trades, lineage), a strategy's full history (versions, runs,
 * scorecards, promotions and rollbacks), a strategy's monitoring log, the experiment comparison of runs or of an
 * evaluation cycle's configurations, a governance simulation's two-arm comparison, and the audit extract, as PDF (pdfkit, charts as vectors), CSV or JSON. Each
 * part is read through the service that owns it, with its permission.
 */
export class ReportService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly parts: { runReplays: RunReplayService; lineage: LineageService; strategies: StrategyService; audit: AuditService; runComparisons: RunComparisonService; cycles: EvaluationCycleService; simulations: GovernanceSimulationService };
  constructor(ctx: ServiceContext, governance: Governance, parts: ReportService['parts']) {
    this.ctx = ctx;
    this.governance = governance;
    this.parts = parts;
  }

  /** @throws ValidationError naming `kind`, `format`, `id`, `ids`, `from`/`to`; NotFoundError; ForbiddenError; ConflictError. */
  async render(kind: string, format: string, params: { id?: string | null; ids?: string | null; from?: Date | null; to?: Date | null }): Promise<RenderedReport> {
    if (!(reportKinds as readonly string[]).includes(kind)) throw new ValidationError(`report must be one of ${reportKinds.join(', ')}`, 'kind');
    if (!(reportFormats as readonly string[]).includes(format)) throw new ValidationError(`format must be one of ${reportFormats.join(', ')}`, 'format');
    const as = format as ReportFormat;
    const id = params.id ?? '';
    if (kind !== 'audit' && kind !== 'comparison' && !/^[0-9a-f-]{36}$/i.test(id)) throw new ValidationError('id must be a UUID', 'id');
    const window = { from: params.from ?? null, to: params.to ?? null };
    const ids = kind === 'comparison' ? comparisonIds(params.ids ?? null) : [];
    const body =
      kind === 'run'
        ? await this.run(id, as)
        : kind === 'strategy-history'
          ? await this.strategyHistory(id, as)
          : kind === 'monitoring'
            ? await monitoringLogReport(this.ctx, this.governance, this.parts.strategies, id, window, as)
            : kind === 'comparison'
              ? await runComparisonReport(this.ctx, this.parts.runComparisons, ids, as)
              : kind === 'experiment'
                ? await experimentReport(this.ctx, this.parts.cycles, id, as)
                : kind === 'simulation'
                  ? await governanceSimulationReport(this.ctx, this.parts.simulations, id, as)
                  : await this.auditExtract(window.from, window.to, as);
    const suffix = kind === 'audit' ? `${window.from ? day(window.from) : 'start'}_${window.to ? day(window.to) : 'now'}` : kind === 'comparison' ? ids.map((run) => run.slice(0, 8)).join('-') : id.slice(0, 8);
    return { fileName: `crucible-${kind}-${suffix}.${as}`, contentType: contentTypes[as], body: typeof body === 'string' ? Buffer.from(body) : body };
  }

  private async run(id: string, format: ReportFormat): Promise<Buffer | string> {
    const { rows: trades } = await this.parts.runReplays.trades(id, { offset: 0, first: 1000, orderBy: 'entryTime', descending: false });
    if (format === 'csv') {
      return csvOf(
        ['number', 'side', 'entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'quantity', 'fee', 'profit', 'returnFraction', 'durationMs', 'exitReason'],
        trades.map((trade) => [trade.number, trade.side, new Date(trade.entryTime).toISOString(), trade.exitTime === null ? null : new Date(trade.exitTime).toISOString(), trade.entryPrice, trade.exitPrice, trade.quantity, trade.fee, trade.profit, trade.returnFraction, trade.durationMs, trade.exitReason]),
      );
    }
    const { replay, analytics, benchmark } = await this.parts.runReplays.analytics(id);
    const lineage = await this.optionalLineage('backtestRun', id);
    const run = replay.run;
    if (format === 'json') {
      return JSON.stringify({ run: { id: run.id, status: run.status, engineVersion: run.engineVersion, datasetChecksum: run.datasetChecksum, parameterChecksum: run.parameterChecksum, feeBps: run.feeBps, slippageBps: run.slippageBps, metrics: run.metrics }, monthlyReturns: analytics.monthlyReturns, sampleYears: analytics.sampleYears, trades, lineage }, null, 2);
    }
    const title = lineage?.strategy?.name ?? replay.template;
    const pdf = new PdfReport(`Backtest run: ${title}`, `Run ${run.id} · ${replay.timeframe} bars · engine ${run.engineVersion ?? '?'} · generated ${stamp(this.ctx.clock.now())}`);
    const metrics = run.metrics;
    pdf.heading('Summary').facts([
      { label: 'Total return', value: percent(metrics?.totalReturn) },
      { label: 'CAGR', value: percent(metrics?.cagr) + (analytics.shortSample ? ' (short sample: extrapolated)' : '') },
      { label: 'Sharpe (annualized)', value: fixed(metrics?.sharpe) },
      { label: 'Max drawdown', value: percent(metrics?.maxDrawdown) },
      { label: `VaR 95 %, one bar (${replay.barMs / 3_600_000} h), historical`, value: percent(metrics?.valueAtRisk) },
      { label: 'Trades', value: String(trades.length) },
      { label: 'Sample', value: `${analytics.sampleYears.toFixed(2)} years (${replay.frame.length} bars)` },
    ]);
    const times = replay.frame.timestamp;
    const step = Math.max(1, Math.ceil(times.length / 400));
    const pick = <T>(values: ArrayLike<T>) => Array.from({ length: Math.ceil(values.length / step) }, (_, k) => values[Math.min(values.length - 1, k * step)]!);
    const nullable = (values: Float64Array) => pick(values).map((value) => (Number.isFinite(value) ? value : null));
    const xLabels: [string, string] = [day(new Date(times[0]!)), day(new Date(times[times.length - 1]!))];
    pdf.heading('Equity');
    pdf.lineChart(
      'Strategy against buy and hold (start 1.0x)',
      [
        { label: 'Strategy', values: nullable(replay.result.equity), color: '#1f8a5b' },
        { label: 'Buy and hold', values: nullable(analytics.buyAndHoldEquity), color: '#8a94a3' },
        ...(benchmark.equity ? [{ label: 'Benchmark basket', values: nullable(benchmark.equity), color: '#3b7dd8' }] : []),
      ],
      xLabels,
      (value) => `${value.toFixed(2)}x`,
    );
    pdf.paragraph(benchmark.description, true);
    pdf.lineChart(`Rolling Sharpe (annualized, trailing ${Math.round(analytics.rollingWindowMs / 86_400_000)} days)`, [{ label: 'Rolling Sharpe', values: nullable(analytics.rollingSharpe), color: '#3b7dd8' }], xLabels, (value) => value.toFixed(2), 110);
    pdf.heading('Monthly returns (UTC)').monthlyHeatmap(analytics.monthlyReturns);
    if (lineage) this.lineageSection(pdf, lineage);
    pdf.heading(`Trades (${trades.length})`).table(
      ['#', 'Side', 'Entry (UTC)', 'Exit (UTC)', 'Entry price', 'Exit price', 'P&L', 'Return', 'Exit reason'],
      trades.map((trade) => [String(trade.number), trade.side, stamp(new Date(trade.entryTime)), trade.exitTime === null ? 'open' : stamp(new Date(trade.exitTime)), fixed(trade.entryPrice), fixed(trade.exitPrice), fixed(trade.profit, 4), percent(trade.returnFraction), trade.exitReason]),
      [0.05, 0.07, 0.16, 0.16, 0.12, 0.12, 0.1, 0.1, 0.12],
    );
    return pdf.finish();
  }

  private async strategyHistory(strategyId: string, format: ReportFormat): Promise<Buffer | string> {
    const strategy = await this.parts.strategies.get(strategyId);
    const versions = await this.parts.strategies.versions(strategyId);
    const em = this.ctx.em;
    const versionIds = versions.map((version) => version.id);
    const [runs, scorecards, records, events] = await Promise.all([
      versionIds.length ? em.find(BacktestRun, { strategyVersion: { $in: versionIds } }, { orderBy: { createdAt: 'desc' }, limit: 500 }) : Promise.resolve([]),
      em.find(ScorecardEntry, { strategy: strategyId }, { orderBy: { evaluationDate: 'desc' }, limit: 500 }),
      em.find(PromotionRecord, { strategy: strategyId }, { orderBy: { sequence: 'asc' } }),
      this.parts.strategies.history(strategyId, 500),
    ]);
    const tagOf = new Map(versions.map((version: StrategyVersion) => [version.id, version.versionTag]));
    const sections = {
      versions: versions.map((version) => ({ id: version.id, versionTag: version.versionTag, template: version.template, approvalStatus: version.approvalStatus, submittedAt: version.submittedAt.toISOString(), seed: version.deterministicSeed, changelog: version.changelog })),
      runs: runs.map((run) => ({ id: run.id, version: tagOf.get(run.strategyVersion.id) ?? null, status: run.status, createdAt: run.createdAt.toISOString(), engineVersion: run.engineVersion ?? null, datasetChecksum: run.datasetChecksum, parameterChecksum: run.parameterChecksum, sharpe: run.metrics?.sharpe ?? null, totalReturn: run.metrics?.totalReturn ?? null, maxDrawdown: run.metrics?.maxDrawdown ?? null })),
      scorecards: scorecards.map((entry) => ({ id: entry.id, evaluationDate: String(entry.evaluationDate).slice(0, 10), version: tagOf.get(entry.strategyVersion.id) ?? null, score: entry.normalizedScore, recommendation: entry.recommendation, rank: entry.rank, scoringPolicyVersion: entry.scoringPolicyVersion })),
      promotions: records.map((record) => ({ id: record.id, sequence: record.sequence, decision: record.decision, fromStage: record.fromStage, toStage: record.toStage, effectiveAt: record.effectiveAt.toISOString(), reasonCode: record.reasonCode, policyVersion: record.policyVersion, recordHash: record.recordHash })),
      events: events.map((event) => ({ occurredAt: event.occurredAt.toISOString(), action: event.action, actorRole: event.actorRole, subjectType: event.subjectType, subjectId: event.subjectId })),
    };
    if (format === 'json') return JSON.stringify({ strategy: { id: strategy.id, name: strategy.name, code: strategy.code, lifecycleState: strategy.lifecycleState }, ...sections }, null, 2);
    if (format === 'csv') {
      const rows: unknown[][] = [
        ...sections.versions.map((v) => ['version', v.submittedAt, v.versionTag, v.approvalStatus, v.template, `seed ${v.seed}`, v.id]),
        ...sections.runs.map((r) => ['run', r.createdAt, r.version, r.status, `sharpe ${fixed(r.sharpe)}`, `dataset ${r.datasetChecksum}`, r.id]),
        ...sections.scorecards.map((s) => ['scorecard', s.evaluationDate, s.version, s.recommendation, `score ${s.score}`, `rank ${s.rank ?? ''}`, s.id]),
        ...sections.promotions.map((p) => ['promotion', p.effectiveAt, `${p.fromStage}->${p.toStage}`, p.decision, p.reasonCode, `policy ${p.policyVersion}`, p.id]),
      ];
      return csvOf(['kind', 'time', 'version_or_stages', 'status_or_decision', 'detail', 'detail2', 'id'], rows);
    }
    const pdf = new PdfReport(`Strategy history: ${strategy.name}`, `${strategy.code} · lifecycle ${strategy.lifecycleState} · generated ${stamp(this.ctx.clock.now())}`);
    pdf.heading(`Versions (${versions.length})`).table(['Version', 'Template', 'Approval', 'Submitted', 'Seed'], sections.versions.map((v) => [v.versionTag, v.template, v.approvalStatus, stamp(v.submittedAt), String(v.seed)]), [0.15, 0.25, 0.15, 0.25, 0.2]);
    pdf.heading(`Promotions and rollbacks (${records.length})`).table(['#', 'Decision', 'Stages', 'Effective', 'Reason', 'Policy'], sections.promotions.map((p) => [String(p.sequence), p.decision, `${p.fromStage} -> ${p.toStage}`, stamp(p.effectiveAt), p.reasonCode, p.policyVersion]), [0.06, 0.14, 0.2, 0.22, 0.24, 0.14]);
    pdf.heading(`Scorecards (${scorecards.length})`).table(['Date', 'Version', 'Score', 'Recommendation', 'Rank', 'Scoring policy'], sections.scorecards.map((s) => [s.evaluationDate, s.version ?? '—', fixed(s.score), s.recommendation, s.rank === null ? '—' : String(s.rank), s.scoringPolicyVersion]), [0.15, 0.15, 0.12, 0.2, 0.1, 0.28]);
    const completed = sections.runs.filter((r) => r.status === 'completed');
    if (completed.length > 1) {
      const ordered = [...completed].reverse();
      pdf.lineChart('Sharpe of completed runs, oldest first', [{ label: 'Sharpe (annualized)', values: ordered.map((r) => numberOf(r.sharpe)), color: '#3b7dd8' }], [day(ordered[0]!.createdAt), day(ordered.at(-1)!.createdAt)], (value) => value.toFixed(2), 110);
    }
    pdf.heading(`Runs (${runs.length}${runs.length === 500 ? ', newest 500' : ''})`).table(['Queued', 'Version', 'Status', 'Sharpe', 'Return', 'Max DD', 'Engine', 'Dataset checksum'], sections.runs.map((r) => [stamp(r.createdAt), r.version ?? '—', r.status, fixed(r.sharpe), percent(r.totalReturn), percent(r.maxDrawdown), r.engineVersion ?? '—', r.datasetChecksum.slice(0, 16)]), [0.17, 0.09, 0.1, 0.08, 0.11, 0.1, 0.12, 0.23]);
    pdf.heading(`Audit trail of the strategy and its versions (${events.length})`).table(['When (UTC)', 'Action', 'Role', 'Subject'], sections.events.map((e) => [stamp(e.occurredAt), e.action, e.actorRole, e.subjectType]), [0.25, 0.35, 0.2, 0.2]);
    return pdf.finish();
  }

  private async auditExtract(from: Date | null, to: Date | null, format: ReportFormat): Promise<Buffer | string> {
    if (from && to && to <= from) throw new ValidationError('to must be after from', 'to');
    if (format !== 'pdf') return this.parts.audit.export({ from, to }, format);
    const events = JSON.parse(await this.parts.audit.export({ from, to }, 'json')) as { sequence: number; occurredAt: string; actorRole: string; action: string; subjectType: string; subjectId: string | null; hash: string }[];
    const pdf = new PdfReport('Audit extract', `${from ? stamp(from) : 'the start'} to ${to ? stamp(to) : 'now'} · ${events.length} events · generated ${stamp(this.ctx.clock.now())}`);
    pdf.paragraph('Every event is hash-chained and signed; verify the chain with `crucible audit verify` or the Verify action of the audit page. The CSV and JSON extracts hold every field.', true);
    pdf.heading(`Events${events.length > auditPdfRows ? ` (first ${auditPdfRows} of ${events.length})` : ''}`).table(
      ['#', 'When (UTC)', 'Role', 'Action', 'Subject', 'Hash'],
      events.slice(0, auditPdfRows).map((event) => [String(event.sequence), stamp(event.occurredAt), event.actorRole, event.action, `${event.subjectType} ${event.subjectId ?? ''}`, event.hash.slice(0, 16)]),
      [0.07, 0.18, 0.12, 0.22, 0.26, 0.15],
    );
    return pdf.finish();
  }

  /** The lineage when the caller may read the audit trail (compliance, admin); a research download goes without it. */
  private async optionalLineage(subject: 'backtestRun', id: string): Promise<Lineage | null> {
    if (!this.ctx.actor.ability.can('read', 'AuditEvent')) return null;
    return this.parts.lineage.lineage(subject, id);
  }

  private lineageSection(pdf: PdfReport, lineage: Lineage): void {
    pdf.heading('Lineage').facts([
      ...(lineage.strategy ? [{ label: 'Strategy', value: `${lineage.strategy.name} (${lineage.strategy.code})` }] : []),
      ...(lineage.version
        ? [
            { label: 'Version', value: `${lineage.version.versionTag} · template ${lineage.version.template} · seed ${lineage.version.seed}` },
            { label: 'Approval', value: `${lineage.version.approvalStatus}${lineage.version.reviewedBy ? ` by ${lineage.version.reviewedBy} at ${lineage.version.decidedAt}` : ''}` },
            { label: 'Submitted by', value: lineage.version.submittedBy },
          ]
        : []),
      ...lineage.policies,
      ...lineage.runs.flatMap((run) => [
        { label: 'Dataset', value: `${run.datasetLabel} · SHA-256 ${run.datasetChecksum}` },
        { label: 'Parameters', value: `${JSON.stringify(run.parameters)} · checksum ${run.parameterChecksum}` },
        { label: 'Engine / costs', value: `engine ${run.engineVersion ?? '?'} · fee ${run.feeBps} bps · slippage ${run.slippageBps} bps` },
      ]),
    ]);
    pdf.table(['When (UTC)', 'Who', 'Action', 'Hash'], lineage.auditEvents.map((event) => [stamp(event.occurredAt), event.actor, event.action, event.hash.slice(0, 16)]), [0.22, 0.35, 0.25, 0.18]);
  }
}
