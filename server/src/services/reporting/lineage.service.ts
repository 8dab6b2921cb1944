import { AuditEvent } from '../../domain/audit/audit-event.entity.ts';
import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { PromotionRecord } from '../../domain/promotion/promotion-record.entity.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';

/** What a lineage starts from. */
export const lineageSubjects = ['backtestRun', 'scorecardEntry', 'strategyVersion', 'promotionRecord'] as const;
export type LineageSubject = (typeof lineageSubjects)[number];

/** A run as lineage shows it: what exactly was computed, on what, by which engine. */
export interface LineageRun {
  id: string;
  status: string;
  engineVersion: string | null;
  datasetLabel: string;
  datasetChecksum: string;
  parameterChecksum: string;
  parameters: Record<string, unknown>;
  feeBps: number;
  slippageBps: number;
  seed: number;
  completedAt: Date | null;
}

/** A named fact of the decision (policy versions, approvals, hashes), already in words. */
export interface LineageFact {
  label: string;
  value: string;
}

/** An audit event with its actor and subject named. */
export interface LineageAuditEvent {
  sequence: number;
  occurredAt: Date;
  actor: string;
  actorRole: string;
  action: string;
  subject: string;
  datasetChecksum: string | null;
  engineVersion: string | null;
  correlationId: string | null;
  hash: string;
}

/** The lineage of one decision or computation (issue 14 item 6). */
export interface Lineage {
  subject: LineageSubject;
  subjectId: string;
  title: string;
  strategy: { id: string; name: string; code: string } | null;
  version: { id: string; versionTag: string; template: string; seed: number; approvalStatus: string; submittedBy: string; reviewedBy: string | null; decidedAt: string | null; notes: string | null } | null;
  decision: LineageFact[];
  policies: LineageFact[];
  approvals: { step: string; role: string; approver: string; at: string }[];
  runs: LineageRun[];
  auditEvents: LineageAuditEvent[];
}

/** Runs listed for a version (newest first). */
const runLimit = 20;
/** Audit events listed (newest first). */
const auditLimit = 200;

/**
 * Lineage for compliance: from a backtest run, a scorecard entry, a strategy version (its approval) or a promotion
 * record (a promotion or rollback) to the dataset checksums, engine versions, parameter checksums, seeds, policy
 * versions, approvers and audit events, with people and objects named. Needs `read AuditEvent` (compliance, admin).
 */
export class LineageService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly names = new Map<string, string>();
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** @throws NotFoundError; ForbiddenError without `read AuditEvent`. */
  async lineage(subject: LineageSubject, id: string): Promise<Lineage> {
    await this.governance.authorize('read', 'AuditEvent');
    const em = this.ctx.em;
    let versionId: string | null = null;
    let strategyId: string;
    let runs: BacktestRun[] = [];
    const decision: LineageFact[] = [];
    const policies: LineageFact[] = [];
    let approvals: Lineage['approvals'] = [];
    const subjectIds = new Set<string>([id]);
    let title: string;
    if (subject === 'backtestRun') {
      const run = await em.findOne(BacktestRun, { id });
      if (!run) throw new NotFoundError('BacktestRun', id);
      runs = [run];
      versionId = run.strategyVersion.id;
      strategyId = (await em.findOneOrFail(StrategyVersion, { id: versionId })).strategy.id;
      title = 'Backtest run';
      decision.push({ label: 'Status', value: run.status }, { label: 'Trigger', value: run.triggerType.replace('_', ' ') });
      if (run.metrics) decision.push({ label: 'Sharpe (annualized)', value: fixed(run.metrics.sharpe) }, { label: 'Total return', value: percent(run.metrics.totalReturn) });
    } else if (subject === 'scorecardEntry') {
      const entry = await em.findOne(ScorecardEntry, { id });
      if (!entry) throw new NotFoundError('ScorecardEntry', id);
      versionId = entry.strategyVersion.id;
      strategyId = entry.strategy.id;
      title = `Scorecard entry of ${String(entry.evaluationDate).slice(0, 10)}`;
      decision.push(
        { label: 'Score (0–100)', value: fixed(entry.normalizedScore) },
        { label: 'Recommendation', value: entry.recommendation },
        { label: 'Rank', value: entry.rank === null ? 'not ranked' : String(entry.rank) },
        { label: 'Generated by', value: await this.userName(entry.generatedBy.id) },
        ...entry.rationale.map((sentence, index) => ({ label: index === 0 ? 'Rationale' : '', value: sentence })),
      );
      policies.push({ label: 'Scoring policy', value: entry.scoringPolicyVersion });
      if (entry.evaluationCycle) subjectIds.add(entry.evaluationCycle.id);
    } else if (subject === 'strategyVersion') {
      versionId = id;
      const version = await em.findOne(StrategyVersion, { id });
      if (!version) throw new NotFoundError('StrategyVersion', id);
      strategyId = version.strategy.id;
      title = 'Strategy version approval';
    } else {
      const record = await em.findOne(PromotionRecord, { id });
      if (!record) throw new NotFoundError('PromotionRecord', id);
      strategyId = record.strategy.id;
      title = record.decision === 'promote' ? 'Promotion' : `Stage change (${record.decision})`;
      decision.push(
        { label: 'Decision', value: `${record.decision}: ${record.fromStage} → ${record.toStage}` },
        { label: 'Reason', value: record.reasonCode.replaceAll('_', ' ') },
        { label: 'Effective', value: record.effectiveAt.toISOString() },
        { label: 'Requested by', value: record.requestedById ? await this.userName(record.requestedById) : 'the platform' },
        { label: 'Record hash', value: record.recordHash },
        { label: 'Previous record hash', value: record.previousRecordHash },
        { label: 'Metrics snapshot hash', value: record.metricsSnapshotHash },
        { label: 'Engine version', value: record.runtimeFingerprint.engineVersion },
        { label: 'Code commit', value: record.runtimeFingerprint.gitCommit ?? 'not known to the process' },
      );
      policies.push({ label: 'Promotion policy', value: record.policyVersion });
      approvals = await Promise.all(record.approvers.map(async (approver) => ({ step: approver.step, role: approver.role, approver: await this.userName(approver.userId), at: approver.approvedAt })));
      if (record.promotionRequestId) subjectIds.add(record.promotionRequestId);
      if (record.deployment) subjectIds.add(record.deployment.id);
      const runIds = record.evidenceReferences.filter((reference) => reference.kind === 'backtestRun').map((reference) => reference.id);
      if (runIds.length > 0) runs = await em.find(BacktestRun, { id: { $in: runIds } }, { orderBy: { createdAt: 'desc' } });
      for (const reference of record.evidenceReferences) subjectIds.add(reference.id);
    }
    const strategy = await em.findOneOrFail(Strategy, { id: strategyId });
    subjectIds.add(strategy.id);
    let version: Lineage['version'] = null;
    if (versionId) {
      subjectIds.add(versionId);
      const row = await em.findOneOrFail(StrategyVersion, { id: versionId });
      version = {
        id: row.id,
        versionTag: row.versionTag,
        template: row.template,
        seed: row.deterministicSeed,
        approvalStatus: row.approvalStatus,
        submittedBy: await this.userName(row.submittedBy.id),
        reviewedBy: row.approvalMetadata ? await this.userName(row.approvalMetadata.reviewerId) : null,
        decidedAt: row.approvalMetadata?.decidedAt ?? null,
        notes: row.approvalMetadata?.notes ?? null,
      };
      if (subject !== 'backtestRun' && subject !== 'promotionRecord') runs = await em.find(BacktestRun, { strategyVersion: versionId, status: 'completed' }, { orderBy: { createdAt: 'desc' }, limit: runLimit });
    }
    for (const run of runs) subjectIds.add(run.id);
    const described = await this.describeRuns(runs);
    const labels = new Map<string, string>([[strategy.id, `strategy ${strategy.name}`]]);
    if (version) labels.set(version.id, `version ${version.versionTag} of ${strategy.name}`);
    for (const run of described) labels.set(run.id, `run on ${run.datasetLabel}`);
    labels.set(id, labels.get(id) ?? title.toLowerCase());
    return {
      subject,
      subjectId: id,
      title,
      strategy: { id: strategy.id, name: strategy.name, code: strategy.code },
      version,
      decision,
      policies,
      approvals,
      runs: described,
      auditEvents: await this.auditEvents([...subjectIds], labels),
    };
  }

  private async describeRuns(runs: readonly BacktestRun[]): Promise<LineageRun[]> {
    const em = this.ctx.em;
    return Promise.all(
      runs.map(async (run) => {
        const [dataSet, config, version] = await Promise.all([
          em.findOneOrFail(MarketDataSet, { id: run.marketDataSet.id }),
          em.findOneOrFail(ParameterConfig, { id: run.parameterConfig.id }),
          em.findOneOrFail(StrategyVersion, { id: run.strategyVersion.id }),
        ]);
        return {
          id: run.id,
          status: run.status,
          engineVersion: run.engineVersion ?? null,
          datasetLabel: `${dataSet.symbolUniverse.join(', ')} ${dataSet.timeframe} · ${dataSet.startAt.toISOString().slice(0, 10)} → ${dataSet.endAt.toISOString().slice(0, 10)}`,
          datasetChecksum: run.datasetChecksum,
          parameterChecksum: run.parameterChecksum,
          parameters: config.parameters,
          feeBps: run.feeBps,
          slippageBps: run.slippageBps,
          seed: version.deterministicSeed,
          completedAt: run.completedAt ?? null,
        };
      }),
    );
  }

  /** Events of the given objects, newest first; subjects named by `labels` where known, else by kind and short id. */
  private async auditEvents(subjectIds: string[], labels: ReadonlyMap<string, string>): Promise<LineageAuditEvent[]> {
    const rows = await this.ctx.em.find(AuditEvent, { subjectId: { $in: subjectIds } }, { orderBy: { sequence: 'desc' }, limit: auditLimit });
    return Promise.all(
      rows.map(async (row) => ({
        sequence: row.sequence,
        occurredAt: row.occurredAt,
        actor: row.actorId ? await this.userName(row.actorId) : row.actorRole === 'system' ? 'the platform' : row.actorRole,
        actorRole: row.actorRole,
        action: row.action,
        subject: (row.subjectId && labels.get(row.subjectId)) ?? `${row.subjectType}${row.subjectId ? ` ${row.subjectId.slice(0, 8)}` : ''}`,
        datasetChecksum: row.datasetChecksum ?? null,
        engineVersion: row.engineVersion ?? null,
        correlationId: row.correlationId ?? null,
        hash: row.hash,
      })),
    );
  }

  /** "Display Name <email>", memoized; an unknown id is shown as such. */
  private async userName(userId: string): Promise<string> {
    const known = this.names.get(userId);
    if (known) return known;
    const user = await this.ctx.em.findOne(User, { id: userId });
    const name = user ? `${user.displayName} <${user.email}>` : `unknown user ${userId}`;
    this.names.set(userId, name);
    return name;
  }
}

function fixed(value: unknown): string {
  const number = Number(value);
  return value !== null && value !== '' && Number.isFinite(number) ? number.toFixed(2) : '—';
}

function percent(value: unknown): string {
  const number = Number(value);
  return value !== null && value !== '' && Number.isFinite(number) ? `${(number * 100).toFixed(2)} %` : '—';
}
