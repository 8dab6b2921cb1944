import type { EntityManager } from '@mikro-orm/postgresql';
import { CycleConfiguration } from '../../domain/cycle/cycle-configuration.entity.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { PromotionCandidate, type PromotionCandidateStatus } from '../../domain/promotion/promotion-candidate.entity.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import { assessPromotionCandidates } from '../../domain/promotion/promotion-candidates.ts';
import type { CandidateObserveStart } from '../../domain/promotion/promotion-policy.ts';
import { ScorecardEntry } from '../../domain/scoring/scorecard-entry.entity.ts';
import { readActivePromotionPolicy } from './active-promotion-policy.ts';
import type { Governance } from '../auth/authorize.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { DeploymentControlService } from '../deployment/deployment-control.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { loadCandidateInputs } from './candidate-inputs.ts';

/** A recorded verdict with its strategy's score on that date (from the scorecard). */
export interface CandidateVerdict {
  id: string;
  candidate: PromotionCandidate;
  /** Unified score 0–100 of the strategy's scorecard entry on the verdict's date; null when none is found. */
  normalizedScore: number | null;
}

/** What one run of the candidate job did. */
export interface CandidateRun {
  /** The scorecard date assessed; null when there is none. */
  evaluationDate: string | null;
  policyVersion: string | null;
  /** Strategies newly recorded as candidates / as refused (already recorded for this date and policy: left out). */
  qualified: string[];
  refused: string[];
  /** OBSERVE deployments the platform started for the new candidates (policy `candidate.observeStart`). */
  observeStarted: string[];
  /** Why nothing was assessed (no valid promotion or capital policy); null otherwise. */
  unavailable: string | null;
}

/**
 * The FR-005 candidate job (orchestration-spec: "automatically promote top-performing strategies … consistent top 10 %
 * performance for 30 days"): after each evaluation cycle, every strategy in the top share of the latest scorecard date
 * is assessed by the active policy's candidate rule (`assessPromotionCandidates`) and the verdict recorded once per
 * strategy, date and policy version (`promotion_candidate`; a second run writes nothing): qualified — its request into
 * OBSERVE is open, with the recommended allocation — or refused with each rule, threshold and measured value. A
 * qualified strategy enters the ladder at OBSERVE (no order is placed there): when the policy's `candidate.observeStart`
 * says so the platform starts its OBSERVE deployment in the same transaction (see {@link CandidateObserveStart}; linked
 * as `observeDeployment`; a refused start is kept as `observeStartRefusal` and production is told), otherwise production
 * is notified to start it. No valid promotion or capital policy: nothing is assessed (fail closed). One transaction.
 */
export class PromotionCandidateService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly notifications: NotificationService;
  private readonly deploymentControl: DeploymentControlService;
  constructor(ctx: ServiceContext, governance: Governance, notifications: NotificationService, deploymentControl: DeploymentControlService) {
    this.ctx = ctx;
    this.governance = governance;
    this.notifications = notifications;
    this.deploymentControl = deploymentControl;
  }

  /** Runs the candidate rule on the latest scorecard date (the platform: the worker's task). @throws ForbiddenError */
  async recordCandidates(): Promise<CandidateRun> {
    await this.governance.authorize('update', 'Deployment');
    const now = this.ctx.clock.now();
    return this.ctx.em.fork().transactional(async (em) => {
      const { row, resolution } = await readActivePromotionPolicy(em);
      if (!row || !resolution.valid) return { evaluationDate: null, policyVersion: row?.version ?? null, qualified: [], refused: [], observeStarted: [], unavailable: resolution.valid ? 'no promotion policy' : resolution.reason };
      const inputs = await loadCandidateInputs(em, resolution.policy, now);
      if ('unavailable' in inputs) return { evaluationDate: null, policyVersion: row.version, qualified: [], refused: [], observeStarted: [], unavailable: inputs.unavailable };
      const assessed = assessPromotionCandidates(inputs.history, resolution.policy.candidate, inputs.capitalPolicy, inputs.facts, inputs.inLadder);
      const evaluationDate = inputs.history.reduce<string | null>((latest, entry) => (latest === null || entry.evaluationDate > latest ? entry.evaluationDate : latest), null);
      const run: CandidateRun = { evaluationDate, policyVersion: row.version, qualified: [], refused: [], observeStarted: [], unavailable: null };
      for (const item of assessed) {
        const inserted = await em.execute<{ id: string }[]>(
          `insert into promotion_candidate (id, strategy_id, strategy_version_id, evaluation_date, policy_version, status, rank, rank_count, consecutive_evaluation_days, recommended_allocation, refusals)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict on constraint promotion_candidate_once_per_date do nothing returning id`,
          [
            newId(),
            item.strategyId,
            item.strategyVersionId,
            evaluationDate,
            row.version,
            item.qualified ? 'qualified' : 'refused',
            item.rank,
            item.rankCount,
            item.qualified ? item.candidate.consecutiveEvaluationDays : item.consecutiveEvaluationDays,
            item.qualified ? item.candidate.recommendedAllocation : null,
            JSON.stringify(item.refusals),
          ],
        );
        if (inserted.length === 0) continue;
        if (!item.qualified) {
          run.refused.push(item.strategyId);
          continue;
        }
        run.qualified.push(item.strategyId);
        const candidateId = inserted[0]!.id;
        const code = inputs.strategies.get(item.strategyId)?.code ?? item.strategyId;
        const observeStart = resolution.policy.candidate.observeStart;
        const observe = observeStart ? await this.startObserve(em, item, evaluationDate!, observeStart) : null;
        if (observe) {
          await em.execute(`update promotion_candidate set observe_deployment_id = ?, observe_start_refusal = ? where id = ?`, [
            'deployment' in observe ? observe.deployment.id : null,
            'refusal' in observe ? observe.refusal : null,
            candidateId,
          ]);
          if ('deployment' in observe) run.observeStarted.push(observe.deployment.id);
        }
        await this.governance.audit.record(em, {
          action: 'promotion.candidate_opened',
          subjectType: 'PromotionCandidate',
          subjectId: candidateId,
          details: {
            strategyId: item.strategyId,
            strategyVersionId: item.strategyVersionId,
            evaluationDate,
            policyVersion: row.version,
            rank: item.rank,
            rankCount: item.rankCount,
            consecutiveEvaluationDays: item.candidate.consecutiveEvaluationDays,
            recommendedAllocation: item.candidate.recommendedAllocation,
            observeDeploymentId: observe && 'deployment' in observe ? observe.deployment.id : null,
            observeStartRefusal: observe && 'refusal' in observe ? observe.refusal : null,
          },
        });
        const next = !observe
          ? 'Start its OBSERVE deployment to begin the ladder.'
          : 'deployment' in observe
            ? `The platform started its OBSERVE deployment ${observe.deployment.id} (${observe.deployment.feedKind} ${observe.deployment.symbol} ${observe.deployment.timeframe}); the ladder's requests open as its windows pass.`
            : `The platform could not start its OBSERVE deployment (${observe.refusal}); start it by hand to begin the ladder.`;
        await this.notifications.notifyIn(em, ['production'], {
          kind: 'promotion.candidate_opened',
          message: `${code} is a promotion candidate: rank ${item.rank} of ${item.rankCount} in the top ${resolution.policy.candidate.topFraction * 100} % on ${item.candidate.consecutiveEvaluationDays} consecutive evaluation dates (policy ${row.version}); recommended allocation ${(item.candidate.recommendedAllocation * 100).toFixed(2)} %. ${next}`,
          subjectType: 'PromotionCandidate',
          subjectId: candidateId,
          details: { strategyId: item.strategyId, evaluationDate },
        });
      }
      this.ctx.logger.info({ evaluationDate, qualified: run.qualified.length, refused: run.refused.length }, 'promotion candidates recorded');
      return run;
    });
  }

  /**
   * Starts the OBSERVE deployment of a new candidate in `em` as `start` says: its qualifying version, the best
   * configuration of its strategy in the scorecard entry's evaluation cycle (highest out-of-sample Sharpe; ties by
   * configuration key), on the market of the cycle's first dataset — replayed, or polled live on the policy's exchange.
   * A refusal (no cycle or configuration; the runtime's own: dataset not certified, version not approved, strategy
   * retired, bad feed) is returned with its rule, nothing written.
   */
  private async startObserve(em: EntityManager, item: { strategyId: string; strategyVersionId: string }, evaluationDate: string, start: CandidateObserveStart): Promise<{ deployment: Deployment } | { refusal: string }> {
    const entry = await em.findOne(ScorecardEntry, { strategy: item.strategyId, evaluationDate }, { populate: ['evaluationCycle'] });
    const cycle = entry?.evaluationCycle ?? null;
    const dataset = cycle?.datasets?.[0];
    if (!cycle || !dataset) return { refusal: `candidate.observeStartUnavailable: the scorecard entry of ${evaluationDate} names no evaluation cycle with a dataset` };
    const [best] = await em.find(CycleConfiguration, { evaluationCycle: cycle.id, strategy: item.strategyId, outOfSampleSharpe: { $ne: null } }, { orderBy: { outOfSampleSharpe: 'desc', configurationKey: 'asc' }, limit: 1 });
    if (!best) return { refusal: `candidate.observeStartUnavailable: evaluation cycle ${cycle.id} holds no scored configuration of the strategy` };
    const feed = start.feed === 'replay' ? { replay: { marketDataSetId: dataset.id, asFastAsPossible: start.asFastAsPossible } } : { live: { venue: start.venue, symbol: dataset.symbol, timeframe: dataset.timeframe } };
    try {
      return { deployment: await this.deploymentControl.startIn(em, { strategyVersionId: item.strategyVersionId, parameters: best.parameters, stage: 'observe', ...feed }) };
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError) return { refusal: `candidate.observeStartRefused: ${error.message}` };
      throw error;
    }
  }

  /**
   * Recorded verdicts, newest first (Relay page of 1–200; ids are time-ordered), optionally only one status or one
   * scorecard date, each with the strategy's score on its date.
   * @throws ValidationError (`first`, `after`, `evaluationDate` not YYYY-MM-DD), ForbiddenError (needs `read Deployment`).
   */
  async page(request: PageRequest, filter: { status?: PromotionCandidateStatus | null; evaluationDate?: string | null } = {}): Promise<Page<CandidateVerdict>> {
    await this.governance.authorize('read', 'Deployment');
    if (filter.evaluationDate != null && !/^\d{4}-\d{2}-\d{2}$/.test(filter.evaluationDate)) throw new ValidationError('evaluationDate: a date YYYY-MM-DD', 'evaluationDate');
    const em = this.ctx.em.fork();
    const page = await paginate(em, PromotionCandidate, { ...(filter.status ? { status: filter.status } : {}), ...(filter.evaluationDate ? { evaluationDate: filter.evaluationDate } : {}) }, request, ['strategy']);
    const scores = page.nodes.length
      ? await em.execute<{ strategy_id: string; evaluation_date: string; normalized_score: string }[]>(
          `select strategy_id, to_char(evaluation_date, 'YYYY-MM-DD') as evaluation_date, max(normalized_score)::text as normalized_score from scorecard_entry
            where strategy_id in (?) and to_char(evaluation_date, 'YYYY-MM-DD') in (?) group by 1, 2`,
          [[...new Set(page.nodes.map((row) => row.strategy.id))], [...new Set(page.nodes.map((row) => String(row.evaluationDate).slice(0, 10)))]],
        )
      : [];
    const score = new Map(scores.map((row) => [`${row.strategy_id}:${row.evaluation_date}`, Number(row.normalized_score)]));
    return { ...page, nodes: page.nodes.map((candidate) => ({ id: candidate.id, candidate, normalizedScore: score.get(`${candidate.strategy.id}:${String(candidate.evaluationDate).slice(0, 10)}`) ?? null })) };
  }

  /** Recorded verdicts, newest date first (at most `limit`, 1–500). @throws ForbiddenError (needs `read Deployment`). */
  async list(limit = 100): Promise<PromotionCandidate[]> {
    await this.governance.authorize('read', 'Deployment');
    return this.ctx.em.find(PromotionCandidate, {}, { orderBy: { evaluationDate: 'desc', rank: 'asc' }, limit: Math.min(Math.max(limit, 1), 500) });
  }
}
