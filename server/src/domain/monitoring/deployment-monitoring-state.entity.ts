import { defineEntity, p } from '@mikro-orm/core';
import { Deployment } from '../deployment/deployment.entity.ts';
import type { MonitoringRuleResult } from './policy/evaluate-monitoring-rules.ts';
import type { MonitoringState } from './policy/monitoring-state.ts';

const DeploymentMonitoringStateSchema = defineEntity({
  name: 'DeploymentMonitoringState',
  tableName: 'deployment_monitoring_state',
  properties: {
    deployment: p.oneToOne(Deployment).primary().owner().deleteRule('cascade'),
    /** The monitoring policy version of the last evaluation (`monitoring_policy.version`). */
    policyVersion: p.string(),
    /** Persistence of every rule between evaluations (`MonitoringState`: breach episodes, keys already acted on). */
    state: p.json<MonitoringState>().columnType('jsonb'),
    /** Open time of the last evaluated P&L mark; null before the first. */
    lastMarkAt: p.datetime().nullable(),
    /** Every rule's outcome on that mark (status, threshold, measured value, window, breach episode). */
    results: p.json<MonitoringRuleResult[]>().columnType('jsonb'),
    /** True while any rule breaches or is unknown: no promotion (fails closed). */
    promotionBlocked: p.boolean().default(false),
    /** When the evaluation ran (platform clock). */
    evaluatedAt: p.datetime(),
  },
});

/**
 * Where the monitoring of one deployment stands after its last evaluation (issue 13): the input of the next
 * evaluation and what the risk desk reads (each rule's last result, whether promotion is blocked). One row per
 * deployment, replaced by every evaluation.
 */
export class DeploymentMonitoringState extends DeploymentMonitoringStateSchema.class {}
DeploymentMonitoringStateSchema.setClass(DeploymentMonitoringState);
