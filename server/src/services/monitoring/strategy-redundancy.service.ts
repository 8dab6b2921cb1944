import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import { evaluateStrategyRedundancy, type RedundancyPair } from '../../domain/monitoring/policy/strategy-redundancy.ts';
import type { RulePersistenceState } from '../../domain/monitoring/policy/monitoring-state.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import { loadActiveMonitoringPolicy } from '../benchmark/active-monitoring-policy.ts';
import type { NotificationService } from '../notification/notification.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { TriggerService } from '../trigger/trigger.service.ts';
import { takeMonitoringAction } from './monitoring-actions.ts';

/** Rank given to a strategy with no ranked scorecard entry: below every ranked one. */
const unrankedRank = 1_000_000;

/** What one redundancy evaluation did. */
export interface RedundancyOutcome {
  /** Why nothing was evaluated (no valid policy); null when it was. */
  skipped: string | null;
  policyVersion: string | null;
  /** Deployments compared (running at PAPER or LIVE). */
  deployments: number;
  pairs: RedundancyPair[];
  /** Incidents opened by this evaluation (one per breach episode of a pair; a redundancy flag names the lower-ranked deployment). */
  incidents: MonitoringIncident[];
}

/**
 * The correlation rule between live strategies (issue 13: "correlation between two live strategies > 0.8 → redundancy
 * flag, suggest deactivating the lower-ranked"), at run time: every running deployment at PAPER or LIVE (the stages
 * that trade capital), its marks over the rule's window, its strategy's newest scorecard rank (1 = best; unranked
 * below every ranked one), through the pure `evaluateStrategyRedundancy` — the same function the risk wall's heatmap
 * and the governance simulation use — with the pairs' persistence carried in `monitoring_redundancy_state`. Each
 * sustained breach acts once (`takeMonitoringAction`): a WARNING incident on the lower-ranked deployment of the pair
 * (the one suggested for deactivation; nothing is deactivated by the platform — a person decides), notified, audited
 * and published; a NaN correlation fails closed with a warning. One transaction, holding the state row.
 */
export class StrategyRedundancyService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly triggers: TriggerService;
  private readonly notifications: NotificationService;
  constructor(ctx: ServiceContext, governance: Governance, triggers: TriggerService, notifications: NotificationService) {
    this.ctx = ctx;
    this.governance = governance;
    this.triggers = triggers;
    this.notifications = notifications;
  }

  /** Evaluates the pairs now and acts once per sustained breach. Platform use only (the worker). @throws ForbiddenError. */
  async evaluate(): Promise<RedundancyOutcome> {
    await this.governance.authorize('manage', 'MonitoringIncident');
    return this.ctx.em.fork().transactional(async (em) => {
      const now = this.ctx.clock.now();
      await em.execute(`insert into monitoring_redundancy_state (id, policy_version, state, evaluated_at) values ('live', '', '{}', ?) on conflict (id) do nothing`, [now]);
      const [row] = await em.execute<{ policy_version: string; state: Record<string, RulePersistenceState> }[]>(`select policy_version, state from monitoring_redundancy_state where id = 'live' for update`);
      const active = await loadActiveMonitoringPolicy(em);
      if (!active.policy) return { skipped: `no valid monitoring policy (${active.problem})`, policyVersion: null, deployments: 0, pairs: [], incidents: [] };
      const policy = active.policy;
      // A new policy version starts every pair's persistence afresh (its thresholds may differ).
      const state = row!.policy_version === policy.version ? row!.state : {};
      const deployments = await em.find(Deployment, { activationState: { $in: ['pending', 'active', 'paused'] }, stage: { $in: ['paper', 'live'] }, timeframe: { $ne: 'tick' } }, { orderBy: { id: 'asc' } });
      const ids = `{${deployments.map((deployment) => deployment.id).join(',')}}`;
      const marks = await em.execute<{ deployment_id: string; t: number; equity: number }[]>(
        `select p.deployment_id, (extract(epoch from p.bar_at) * 1000)::float8 as t, p.equity
           from pnl_snapshot p
           join lateral (select max(bar_at) as last from pnl_snapshot l where l.deployment_id = p.deployment_id) latest on true
          where p.deployment_id = any(?::uuid[]) and p.bar_at >= latest.last - make_interval(days => ?)
          order by p.deployment_id, p.bar_at`,
        [ids, policy.rules.correlation.windowDays + 1],
      );
      const ranks = await em.execute<{ strategy_id: string; rank: number | null }[]>(
        `select distinct on (strategy_id) strategy_id, rank from scorecard_entry where strategy_id = any(?::uuid[]) order by strategy_id, evaluation_date desc`,
        [`{${[...new Set(deployments.map((deployment) => deployment.strategy.id))].join(',')}}`],
      );
      const rankOf = new Map(ranks.map((entry) => [entry.strategy_id, entry.rank ?? unrankedRank]));
      const evaluation = evaluateStrategyRedundancy(
        deployments.map((deployment) => {
          const own = marks.filter((mark) => mark.deployment_id === deployment.id);
          return { deploymentId: deployment.id, rank: rankOf.get(deployment.strategy.id) ?? unrankedRank, timestamp: Float64Array.from(own, (mark) => mark.t), equity: Float64Array.from(own, (mark) => mark.equity) };
        }),
        policy,
        state,
      );
      const context = { audit: this.governance.audit, triggers: this.triggers, notifications: this.notifications, now, policyVersion: policy.version };
      const incidents: MonitoringIncident[] = [];
      for (const action of evaluation.actions) {
        // The pair's name is the breach key's subject (`<first>|<second>`): the incident goes to the deployment suggested for deactivation (a breach) or the pair's second (a fail-closed warning).
        const [first, second] = action.breachKey.split(':')[0]!.split('|') as [string, string];
        const pair = evaluation.pairs.find((candidate) => candidate.first === first && candidate.second === second);
        const deployment = deployments.find((candidate) => candidate.id === (pair?.suggestDeactivating ?? second))!;
        const strategy = await em.findOneOrFail(Strategy, { id: deployment.strategy.id });
        const incident = await takeMonitoringAction(em, deployment, strategy, action, context);
        if (incident) incidents.push(incident);
      }
      await em.execute(`update monitoring_redundancy_state set policy_version = ?, state = ?::jsonb, evaluated_at = ? where id = 'live'`, [policy.version, JSON.stringify(evaluation.state), now]);
      if (incidents.length > 0) this.ctx.logger.info({ incidents: incidents.map((incident) => incident.breachKey) }, 'redundancy flagged');
      return { skipped: null, policyVersion: policy.version, deployments: deployments.length, pairs: evaluation.pairs, incidents };
    });
  }
}
