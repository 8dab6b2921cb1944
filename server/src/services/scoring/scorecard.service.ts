import { withoutStatementLog } from '../../infra/db/statement-log.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateScorecard, defaultScoringPolicy, rankScorecards, type ScoringInputs, type ScoringPolicy } from '../../engine/index.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { orderScorecard, type ScorecardSort } from '../../domain/scoring/scorecard-order.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { ScoringPolicyVersion } from '../../domain/scoring/scoring-policy.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import { finiteOrNullRecord } from '../finite-or-null.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { rankingCache } from './ranking-cache.ts';
import { RowVersionCache, type RowVersion } from '../read-cache/row-version-cache.ts';

/** The entries `latestOfMany` served, by row version (process-wide). */
const latestEntryRows = new RowVersionCache<ScorecardEntry>();

/** One strategy's inputs for a scorecard. */
export interface ScoringSubject {
  strategyId: string;
  strategyVersionId: string;
  inputs: ScoringInputs;
}

/** Sort keys of the ranking. */

/**
 * Scorecards (lifecycle-spec FR-015..020): the versioned scoring policy, one entry per strategy per evaluation
 * date (a later cycle on the same date replaces the numbers and sets `updatedAt`), ranks over the whole date,
 * and a research notification for every incomplete entry.
 */
export class ScorecardService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
  }

  /** The newest active scoring policy; seeds the engine default (`2026.11.1`) when none exists. */
  async activePolicy(em: EntityManager = this.ctx.em): Promise<{ version: string; definition: ScoringPolicy }> {
    const existing = await em.findOne(ScoringPolicyVersion, { active: true }, { orderBy: { createdAt: 'desc' } });
    if (existing) return existing;
    await em.execute(`insert into scoring_policy (id, version, definition, active) values (?, ?, ?::jsonb, true) on conflict (version) do nothing`, [
      newId(),
      defaultScoringPolicy.version,
      JSON.stringify(defaultScoringPolicy),
    ]);
    return em.findOneOrFail(ScoringPolicyVersion, { version: defaultScoringPolicy.version });
  }

  /**
   * Scores `subjects` under `policy`, writes (or replaces) their entries of `evaluationDate` on `em`, re-ranks every
   * entry of that date and notifies research of incomplete ones. Runs inside the caller's transaction.
   * @returns the entries of the date, best first.
   */
  async writeEntries(em: EntityManager, cycle: EvaluationCycle, evaluationDate: string, policy: { version: string; definition: ScoringPolicy }, subjects: ScoringSubject[], generatedBy: User): Promise<ScorecardEntry[]> {
    // Cycles finishing at once would race on the (strategy, evaluation date) key and rank from stale rows:
    // one writer per date at a time; the next one sees the committed entries (READ COMMITTED).
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`scorecard:${evaluationDate}`]);
    for (const subject of subjects) {
      const card = calculateScorecard(subject.inputs, policy.definition);
      const inputs = finiteOrNullRecord(subject.inputs);
      const values = {
        strategyVersion: em.getReference(StrategyVersion, subject.strategyVersionId),
        normalizedScore: card.normalizedScore,
        recommendation: card.recommendation,
        generatedBy,
        scoringPolicyVersion: card.policyVersion,
        factorContributions: card.factors,
        complete: card.complete,
        missingInputs: [...card.missingInputs],
        researchOnly: card.researchOnly,
        rationale: card.rationale,
        inputs,
        evaluationCycle: cycle,
      };
      const existing = await em.findOne(ScorecardEntry, { strategy: subject.strategyId, evaluationDate });
      if (existing) em.assign(existing, { ...values, updatedAt: this.ctx.clock.now() });
      else em.create(ScorecardEntry, { ...values, strategy: em.getReference(Strategy, subject.strategyId), evaluationDate });
      if (!card.complete) {
        await this.notifications.notifyIn(em, ['research'], {
          kind: 'scorecard.incomplete',
          message: `Scorecard of ${evaluationDate} is incomplete (missing ${card.missingInputs.join(', ')}): deployment is blocked until a complete evaluation exists.`,
          subjectType: 'Strategy',
          subjectId: subject.strategyId,
          details: { cycleId: cycle.id, missingInputs: card.missingInputs },
        });
      }
    }
    await em.flush();
    const entries = await em.find(ScorecardEntry, { evaluationDate }, { populate: ['strategy'] });
    const ranked = rankScorecards(entries.map((entry) => ({ key: entry.strategy.code ?? entry.strategy.id, normalizedScore: Number(entry.normalizedScore), deflatedSharpeRatio: (entry.inputs.deflatedSharpeRatio as number | null) ?? null, entry })));
    for (const item of ranked) item.entry.rank = item.rank;
    await em.flush();
    return ranked.map((item) => item.entry);
  }

  /** The newest evaluation date with entries (`YYYY-MM-DD`), or null. */
  async latestEvaluationDate(): Promise<string | null> {
    await this.governance.authorize('read', 'ScorecardEntry');
    const [row] = await this.ctx.em.execute<{ date: string | null }[]>(`select to_char(max(evaluation_date), 'YYYY-MM-DD') as date from scorecard_entry`);
    return row?.date ?? null;
  }

  /**
   * Entries of `evaluationDate` (default: the newest), in the order `sort` (default by rank; see {@link orderScorecard}),
   * reversed when `descending`, each with its strategy and strategy version loaded. The ordered ranking is cached per
   * process under a version stamp read here (see `RankingCache`): one small query per call when it is current. The stamp
   * covers the entries of the date and the strategy and version rows they point at, so a new cycle (rewritten entries),
   * a renamed or retired strategy or a re-reviewed version is served at once.
   */
  async ranking(evaluationDate?: string | null, sort: ScorecardSort = 'rank', descending = false): Promise<ScorecardEntry[]> {
    await this.governance.authorize('read', 'ScorecardEntry');
    if (evaluationDate !== null && evaluationDate !== undefined) assertCalendarDate(evaluationDate, 'evaluationDate');
    const [stamp] = await this.ctx.em.execute<{ date: string; rows: string; entries: string; strategies: string; versions: string }[]>(
      `select to_char(e.evaluation_date, 'YYYY-MM-DD') as date, count(*) as rows, sum(e.xmin::text::bigint) as entries,
          sum(s.xmin::text::bigint) as strategies, sum(v.xmin::text::bigint) as versions
        from scorecard_entry e join strategy s on s.id = e.strategy_id join strategy_version v on v.id = e.strategy_version_id
        where e.evaluation_date = coalesce(?::date, (select max(evaluation_date) from scorecard_entry)) group by e.evaluation_date`,
      [evaluationDate ?? null],
    );
    if (!stamp) return [];
    const cacheKey = `${stamp.date}|${stamp.rows}|${stamp.entries}|${stamp.strategies}|${stamp.versions}|${sort}|${descending}`;
    const cached = rankingCache.get(cacheKey);
    if (cached) return [...cached];
    // Determined by the stamp just read: left out of a response-cache log, whose replay of the stamp suffices.
    const entries = await withoutStatementLog(() => this.ctx.em.find(ScorecardEntry, { evaluationDate: stamp.date }, { populate: ['strategy', 'strategyVersion'] }));
    const key = (entry: ScorecardEntry) => ({ rank: entry.rank ?? null, normalizedScore: Number(entry.normalizedScore), name: entry.strategy.name, recommendation: entry.recommendation });
    const ranking = orderScorecard(entries, key, sort, descending);
    rankingCache.set(cacheKey, ranking);
    return [...ranking];
  }

  /**
   * Ranks of the previous evaluation date of each asked date (the newest date with entries before it: the previous
   * cycle's scorecard), per strategy id: one query for all the dates. A date with no earlier scorecard maps to an empty map.
   * @throws ValidationError naming `evaluationDate` for a date that is not YYYY-MM-DD.
   */
  async previousRanks(evaluationDates: readonly string[]): Promise<Map<string, Map<string, number | null>>> {
    await this.governance.authorize('read', 'ScorecardEntry');
    const dates = [...new Set(evaluationDates)];
    for (const date of dates) assertCalendarDate(date, 'evaluationDate');
    const result = new Map(dates.map((date) => [date, new Map<string, number | null>()]));
    if (dates.length === 0) return result;
    const rows = await this.ctx.em.execute<{ asked: string; strategy_id: string; rank: number | null }[]>(
      `select to_char(asked.date, 'YYYY-MM-DD') as asked, e.strategy_id, e.rank
         from unnest(string_to_array(?, ',')::date[]) as asked(date)
         join scorecard_entry e on e.evaluation_date = (select max(p.evaluation_date) from scorecard_entry p where p.evaluation_date < asked.date)`,
      [dates.join(',')],
    );
    for (const row of rows) result.get(row.asked)?.set(row.strategy_id, row.rank === null ? null : Number(row.rank));
    return result;
  }

  /** A strategy's entries over time (rank history), oldest first. */
  async history(strategyId: string): Promise<ScorecardEntry[]> {
    await this.governance.authorize('read', 'ScorecardEntry');
    return this.ctx.em.find(ScorecardEntry, { strategy: strategyId }, { orderBy: { evaluationDate: 'asc' } });
  }

  /** @throws NotFoundError */
  async get(id: string): Promise<ScorecardEntry> {
    await this.governance.authorize('read', 'ScorecardEntry', id);
    const entry = await this.ctx.em.findOne(ScorecardEntry, { id });
    if (!entry) throw new NotFoundError('ScorecardEntry', id);
    return entry;
  }

  /** The newest scorecard entry of a strategy, or null. */
  async latestOf(strategyId: string): Promise<ScorecardEntry | null> {
    await this.governance.authorize('read', 'ScorecardEntry');
    return this.ctx.em.findOne(ScorecardEntry, { strategy: strategyId }, { orderBy: { evaluationDate: 'desc' } });
  }

  /**
   * The newest scorecard entry of each of several strategies (for batching); absent when none. One query for their
   * ids and row versions; only entries not already cached in that version are loaded ({@link RowVersionCache}).
   */
  async latestOfMany(strategyIds: readonly string[]): Promise<Map<string, ScorecardEntry>> {
    await this.governance.authorize('read', 'ScorecardEntry');
    const latest = new Map<string, ScorecardEntry>();
    if (strategyIds.length === 0) return latest;
    const seen = await this.ctx.em.execute<RowVersion[]>(
      `select distinct on (strategy_id) id, xmin::text as version from scorecard_entry where strategy_id in (?) order by strategy_id, evaluation_date desc`,
      [[...strategyIds]],
    );
    const entries = await latestEntryRows.resolve(this.ctx.em, seen, (fork, ids) => fork.find(ScorecardEntry, { id: { $in: ids } }));
    for (const entry of entries) latest.set(entry.strategy.id, entry);
    return latest;
  }
}

/**
 * A `YYYY-MM-DD` calendar date that exists (not `2026-13-45`, not `2026-02-30`).
 * @throws ValidationError naming `field`.
 */
export function assertCalendarDate(value: string, field: string): void {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new ValidationError(`${field} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`, field);
}
