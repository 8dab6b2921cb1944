import type { TaskList } from 'graphile-worker';
import type { TaskDependencies } from './run-task.ts';
import { makeRunBacktestTask } from './tasks/run_backtest.ts';
import { makeRunGovernanceSimulationTask } from './tasks/run_governance_simulation.ts';
import { makeRunOptimizationTask } from './tasks/run_optimization.ts';
import { makeRunEvaluationCycleTask } from './tasks/run_evaluation_cycle.ts';
import { makeScheduleEvaluationCycleTask } from './tasks/schedule_evaluation_cycle.ts';
import { makeCheckpointAuditChainTask } from './tasks/checkpoint_audit_chain.ts';
import { makeMaintainAuditPartitionsTask } from './tasks/maintain_audit_partitions.ts';
import { makeProcessDeploymentBarsTask } from './tasks/process_deployment_bars.ts';
import { makeCheckDeploymentFreshnessTask } from './tasks/check_deployment_freshness.ts';
import { makeExpirePromotionRequestsTask } from './tasks/expire_promotion_requests.ts';
import { makeOpenPromotionRequestsTask } from './tasks/open_promotion_requests.ts';
import { makeApplyDemotionTriggersTask } from './tasks/apply_demotion_triggers.ts';
import { makeRecordPromotionCandidatesTask } from './tasks/record_promotion_candidates.ts';
import { makeDeliverNotificationTask } from './tasks/deliver_notification.ts';
import { makeGenerateDailyReportsTask } from './tasks/generate_daily_reports.ts';
import { makeEvaluateDeploymentMonitoringTask } from './tasks/evaluate_deployment_monitoring.ts';
import { makeEvaluateStrategyRedundancyTask } from './tasks/evaluate_strategy_redundancy.ts';
import { makeReconcileMonitoringIncidentTask } from './tasks/reconcile_monitoring_incident.ts';

/**
 * Which tasks a graphile-worker pool runs: `all`, or one of the two lanes of a worker process — `deployment_bars`
 * (`process_deployment_bars` only) and `general` (every other task). A pool fetches only jobs of its own tasks, so with
 * the two lanes a bar job never waits for a slot held by a long job (an evaluation cycle, a monitoring evaluation
 * waiting for the audit chain, the every-minute freshness check, the promotion-request opening).
 */
export type WorkerLane = 'all' | 'deployment_bars' | 'general';

/** The tasks of the `deployment_bars` lane. */
export const deploymentBarTasks: readonly string[] = ['process_deployment_bars'];

/** Task identifier → handler of `lane`'s tasks (default all); identifiers equal the file names and the GraphileWorker.Tasks keys. */
export function makeTaskList(dependencies: TaskDependencies, lane: WorkerLane = 'all'): TaskList {
  const all = makeAllTasks(dependencies);
  if (lane === 'all') return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => deploymentBarTasks.includes(name) === (lane === 'deployment_bars'))) as TaskList;
}

function makeAllTasks(dependencies: TaskDependencies): TaskList {
  return {
    run_backtest: makeRunBacktestTask(dependencies),
    run_governance_simulation: makeRunGovernanceSimulationTask(dependencies),
    run_optimization: makeRunOptimizationTask(dependencies),
    run_evaluation_cycle: makeRunEvaluationCycleTask(dependencies),
    schedule_evaluation_cycle: makeScheduleEvaluationCycleTask(dependencies),
    checkpoint_audit_chain: makeCheckpointAuditChainTask(dependencies),
    maintain_audit_partitions: makeMaintainAuditPartitionsTask(dependencies),
    process_deployment_bars: makeProcessDeploymentBarsTask(dependencies),
    check_deployment_freshness: makeCheckDeploymentFreshnessTask(dependencies),
    expire_promotion_requests: makeExpirePromotionRequestsTask(dependencies),
    open_promotion_requests: makeOpenPromotionRequestsTask(dependencies),
    apply_demotion_triggers: makeApplyDemotionTriggersTask(dependencies),
    record_promotion_candidates: makeRecordPromotionCandidatesTask(dependencies),
    deliver_notification: makeDeliverNotificationTask(dependencies),
    generate_daily_reports: makeGenerateDailyReportsTask(dependencies),
    evaluate_deployment_monitoring: makeEvaluateDeploymentMonitoringTask(dependencies),
    evaluate_strategy_redundancy: makeEvaluateStrategyRedundancyTask(dependencies),
    reconcile_monitoring_incident: makeReconcileMonitoringIncidentTask(dependencies),
  };
}
