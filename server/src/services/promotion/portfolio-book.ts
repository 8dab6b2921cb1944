import type { EntityManager } from '@mikro-orm/postgresql';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { RolloutWave } from '../../domain/deployment/deployment.entity.ts';
import type { CapitalGuardrails, RiskCategory } from '../../domain/strategy/strategy.entity.ts';
import { calculateDailyReturns, millisecondsPerDay, utcDayOf, type DailyReturns } from '../../engine/index.ts';

/**
 * The portfolio as a promotion into PAPER or LIVE sees it, read inside the promotion's transaction after
 * {@link lockPortfolio}: the deployments holding a stage's capital, their templates, risk categories, guardrails and
 * scorecard ranks, and the daily returns the correlation limit compares. Reads only; the decisions are the pure
 * functions of domain/promotion (`evaluatePortfolioEntry`, `allocateCapital`).
 */

/** First key of the advisory lock serializing every change of the portfolio (second key: 0, one portfolio per organisation). */
const portfolioLockClass = 7_245_101;

/**
 * Serializes the portfolio until the caller's transaction ends (`pg_advisory_xact_lock`): every promotion into PAPER
 * or LIVE, every rollout completion and live-cap demotion takes it before reading the book. Chosen over SERIALIZABLE
 * because the limits are aggregates over many rows (live count, template shares, the sum of allocations): two
 * promotions reading the same book would each pass and together exceed it (write skew); SERIALIZABLE would abort one
 * of them and the whole use-case (approval, token, audit) would have to be retried, while the lock makes the second
 * one wait a few milliseconds and read the book the first one committed (READ COMMITTED: each statement after the
 * lock sees it). Promotions are rare, so serializing them costs nothing measurable. Always taken after the request
 * row's lock and before any strategy or deployment row's (a live-cap demotion under it locks other strategies' rows),
 * so it never closes a cycle with the runner, monitoring (which take no portfolio lock) or another promotion. Lock order: portfolio, then the audit chain's lock (taken by every audit record): the
 * approval and `executePromotion` take this one right after the request row, before they audit anything.
 */
export async function lockPortfolio(em: EntityManager): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(?, 0)', [portfolioLockClass]);
}

/** Deployment activation states that hold capital (anything not retired or rolled back). */
const holdingStates = ['pending', 'active', 'paused'];

/** One deployment of the book. */
export interface BookEntry {
  deploymentId: string;
  strategyId: string;
  strategyVersionId: string;
  parameterConfigId: string;
  stage: DeploymentStage;
  /** Fraction of portfolio, 4 decimals. */
  capitalAllocation: number;
  rolloutWave: RolloutWave | null;
  /** Engine template id (its "type" for the diversity limit). */
  templateId: string;
  riskCategory: RiskCategory;
  capitalGuardrails: CapitalGuardrails;
}

/** Running deployments of `stages` (or the one deployment `deploymentId`, whatever its stage), in deployment id order. */
export async function loadBook(em: EntityManager, filter: { stages: readonly DeploymentStage[] } | { deploymentId: string }): Promise<BookEntry[]> {
  const where = 'stages' in filter ? `d.stage in (?) and d.activation_state in (?)` : 'd.id = ?';
  const parameters = 'stages' in filter ? [[...filter.stages], holdingStates] : [filter.deploymentId];
  const rows = await em.execute<
    { id: string; strategy_id: string; strategy_version_id: string; parameter_config_id: string; stage: DeploymentStage; capital_allocation: number; rollout_wave: RolloutWave | null; template: string; risk_category: RiskCategory; capital_guardrails: CapitalGuardrails }[]
  >(
    `select d.id, d.strategy_id, d.strategy_version_id, d.parameter_config_id, d.stage, d.capital_allocation, d.rollout_wave, v.template, s.risk_category, s.capital_guardrails
       from deployment d join strategy s on s.id = d.strategy_id join strategy_version v on v.id = d.strategy_version_id
      where ${where} order by d.id`,
    parameters,
  );
  return rows.map((row) => ({
    deploymentId: row.id,
    strategyId: row.strategy_id,
    strategyVersionId: row.strategy_version_id,
    parameterConfigId: row.parameter_config_id,
    stage: row.stage,
    capitalAllocation: Number(row.capital_allocation),
    rolloutWave: row.rollout_wave,
    templateId: row.template,
    riskCategory: row.risk_category,
    capitalGuardrails: row.capital_guardrails ?? {},
  }));
}

/** Ranks on the latest scorecard (the newest evaluation date): strategy id → rank (1 = best); `rankCount` ranked entries that date. */
export interface ScorecardRanks {
  evaluationDate: string | null;
  rankCount: number;
  ranks: Map<string, number>;
}

/** The latest scorecard's ranks (a strategy absent from it is unranked: it ranks below every ranked one). */
export async function loadLatestRanks(em: EntityManager): Promise<ScorecardRanks> {
  const rows = await em.execute<{ strategy_id: string; rank: number; evaluation_date: string }[]>(
    `select strategy_id, rank, evaluation_date::text as evaluation_date from scorecard_entry
      where evaluation_date = (select max(evaluation_date) from scorecard_entry) and rank is not null`,
  );
  return { evaluationDate: rows[0]?.evaluation_date ?? null, rankCount: rows.length, ranks: new Map(rows.map((row) => [row.strategy_id, row.rank])) };
}

/** Where a deployment's daily returns came from. */
export type ReturnsSource = 'pnl' | 'backtest' | 'none';

/** A deployment's daily returns for the correlation limit. */
export interface DeploymentReturns {
  deploymentId: string;
  returns: DailyReturns;
  source: ReturnsSource;
  /** Days with a return in the window. */
  days: number;
}

const decodeFloat64 = (buffer: Buffer) => new Float64Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));

/**
 * Daily returns of each deployment over the correlation window (the `windowDays` full UTC days before `nowMs`, plus the
 * day before for the first day's return): from its own P&L marks (shadow, paper or live — `pnl_snapshot`); when those
 * give fewer than `minDays` days, from the newest completed backtest of the same strategy version and parameter
 * configuration (its equity curve), over the same window — a backtest on data that ends before the window overlaps
 * nothing, and the correlation limit then refuses (fail closed, not measured ⇒ not allowed).
 */
export async function loadDailyReturns(em: EntityManager, entries: readonly Pick<BookEntry, 'deploymentId' | 'strategyVersionId' | 'parameterConfigId'>[], nowMs: number, windowDays: number, minDays: number): Promise<DeploymentReturns[]> {
  if (entries.length === 0) return [];
  const toDay = utcDayOf(nowMs) - 1;
  const fromMs = (toDay - windowDays) * millisecondsPerDay;
  const toMs = (toDay + 1) * millisecondsPerDay;
  const marks = await em.execute<{ deployment_id: string; t: number; equity: number }[]>(
    `select deployment_id, (extract(epoch from bar_at) * 1000)::float8 as t, equity from pnl_snapshot
      where deployment_id in (?) and bar_at >= to_timestamp(?::float8 / 1000) and bar_at < to_timestamp(?::float8 / 1000)
      order by deployment_id, bar_at`,
    [entries.map((entry) => entry.deploymentId), fromMs, toMs],
  );
  const byDeployment = new Map<string, { t: number[]; equity: number[] }>();
  for (const mark of marks) {
    const series = byDeployment.get(mark.deployment_id) ?? { t: [], equity: [] };
    series.t.push(Number(mark.t));
    series.equity.push(Number(mark.equity));
    byDeployment.set(mark.deployment_id, series);
  }
  const results: DeploymentReturns[] = [];
  for (const entry of entries) {
    const series = byDeployment.get(entry.deploymentId);
    const fromPnl = series ? calculateDailyReturns(Float64Array.from(series.t), Float64Array.from(series.equity)) : null;
    if (fromPnl && fromPnl.days.length >= minDays) {
      results.push({ deploymentId: entry.deploymentId, returns: fromPnl, source: 'pnl', days: fromPnl.days.length });
      continue;
    }
    const [curve] = await em.execute<{ timestamps: Buffer; equity: Buffer }[]>(
      `select c.timestamps, c.equity from backtest_run r join backtest_equity_curve c on c.run_id = r.id
        where r.strategy_version_id = ? and r.parameter_config_id = ? and r.status = 'completed' order by r.completed_at desc limit 1`,
      [entry.strategyVersionId, entry.parameterConfigId],
    );
    if (curve) {
      const times = decodeFloat64(curve.timestamps);
      const equity = decodeFloat64(curve.equity);
      const inWindow: number[] = [];
      times.forEach((time, index) => {
        if (time >= fromMs && time < toMs) inWindow.push(index);
      });
      if (inWindow.length > 0) {
        const returns = calculateDailyReturns(Float64Array.from(inWindow.map((index) => times[index]!)), Float64Array.from(inWindow.map((index) => equity[index]!)));
        if (returns.days.length > (fromPnl?.days.length ?? 0)) {
          results.push({ deploymentId: entry.deploymentId, returns, source: 'backtest', days: returns.days.length });
          continue;
        }
      }
    }
    results.push({ deploymentId: entry.deploymentId, returns: fromPnl ?? { days: new Float64Array(0), returns: new Float64Array(0) }, source: fromPnl ? 'pnl' : 'none', days: fromPnl?.days.length ?? 0 });
  }
  return results;
}
