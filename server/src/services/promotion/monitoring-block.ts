import type { EntityManager } from '@mikro-orm/postgresql';

/** Why monitoring blocks a promotion: the deployment(s) whose monitoring state says so and the open incidents that name it. */
export interface MonitoringBlock {
  /** Deployments of the strategy whose last monitoring evaluation blocks promotion (a rule breaching or unknown). */
  blockedDeploymentIds: string[];
  /** Open (or in review) incidents of those deployments or of the strategy, newest first (at most 5). */
  incidents: { id: string; type: string; severity: string; summary: string; breachKey: string | null }[];
  /** The rules breaching or unknown on the blocking deployments' last evaluation: `rule (status)`. */
  rules: string[];
  /**
   * Each of those rules in full: its status (`breach`, or `unknown` = could not be measured, fail closed), the
   * measured value (null when unknown) and the evaluation's sentence (label, value or the reason it is unknown,
   * threshold, rule path). Rules `not_applicable` to the deployment do not block and are not listed.
   */
  ruleResults: { deploymentId: string; rule: string; status: string; measured: number | null; threshold: number | null; message: string }[];
  /** One sentence naming the incident(s) and the blocking rules, each with its measured value or why it is unknown. */
  reason: string;
}

/**
 * Reads monitoring's verdict (issue 13, `deployment_monitoring_state.promotion_blocked`: true while any monitoring rule
 * breaches or cannot be measured) for the deployment being promoted and every other active deployment of its strategy
 * — a strategy breaching on one deployment is not promoted on another — and names what blocks it: the open incidents
 * (id, type, severity, summary), else the breaching rules. Read-only (monitoring owns the rows). Null when nothing
 * blocks.
 */
export async function monitoringBlockOf(em: EntityManager, deploymentId: string, strategyId: string): Promise<MonitoringBlock | null> {
  const blocked = await em.execute<{ deployment_id: string; results: { rule: string; status: string; measured?: number | null; threshold?: number | null; message?: string }[] }[]>(
    `select s.deployment_id, s.results from deployment_monitoring_state s join deployment d on d.id = s.deployment_id
      where s.promotion_blocked and (s.deployment_id = ? or (d.strategy_id = ? and d.activation_state in ('pending', 'active', 'paused')))
      order by (s.deployment_id = ?) desc, s.deployment_id`,
    [deploymentId, strategyId, deploymentId],
  );
  if (blocked.length === 0) return null;
  const blockedDeploymentIds = blocked.map((row) => row.deployment_id);
  const incidents = await em.execute<{ id: string; incident_type: string; severity: string; summary: string; breach_key: string | null }[]>(
    `select id, incident_type, severity, summary, breach_key from monitoring_incident
      where status in ('open', 'in_review') and (deployment_id in (${blockedDeploymentIds.map(() => '?').join(', ')}) or strategy_id = ?)
      order by detected_at desc, id desc limit 5`,
    [...blockedDeploymentIds, strategyId],
  );
  const ruleResults = blocked.flatMap((row) =>
    (Array.isArray(row.results) ? row.results : [])
      .filter((result) => result.status === 'breach' || result.status === 'unknown')
      .map((result) => ({ deploymentId: row.deployment_id, rule: result.rule, status: result.status, measured: result.measured ?? null, threshold: result.threshold ?? null, message: result.message ?? `${result.rule}: ${result.status}` })),
  );
  const rules = [...new Set(ruleResults.map((result) => `${result.rule} (${result.status})`))];
  const where = blockedDeploymentIds.map((id) => (id === deploymentId ? `deployment ${id}` : `deployment ${id} of the same strategy`)).join(', ');
  const ruleText = ruleResults.length === 0 ? 'no rule result recorded' : [...new Set(ruleResults.map((result) => `${result.rule} ${result.status}, measured ${result.measured ?? 'none'} — ${result.message}`))].join('; ');
  const named = incidents.length > 0
    ? `open incident${incidents.length > 1 ? 's' : ''} ${incidents.map((incident) => `${incident.id} (${incident.incident_type}, ${incident.severity}: ${incident.summary})`).join('; ')}; rules: ${ruleText}`
    : `no open incident; rules: ${ruleText}`;
  return {
    blockedDeploymentIds,
    incidents: incidents.map((incident) => ({ id: incident.id, type: incident.incident_type, severity: incident.severity, summary: incident.summary, breachKey: incident.breach_key })),
    rules,
    ruleResults,
    reason: `monitoring blocks promotion of ${where}: ${named}`,
  };
}
