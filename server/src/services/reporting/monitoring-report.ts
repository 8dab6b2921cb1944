import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import { ValidationError } from '../../domain/errors.ts';
import { DeploymentMonitoringState } from '../../domain/monitoring/deployment-monitoring-state.entity.ts';
import { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import type { StrategyService } from '../strategy/strategy.service.ts';
import { csvOf } from './csv.ts';
import { PdfReport } from './pdf-report.ts';

/** Deployment events a monitoring log holds at most (newest first); the PDF lists the newest {@link monitoringPdfEvents}. */
export const monitoringLogEvents = 5_000;
/** Incidents a monitoring log holds at most (newest first). */
export const monitoringLogIncidents = 1_000;
const monitoringPdfEvents = 1_000;

const stamp = (value: Date | string | number | null | undefined) => (value === null || value === undefined ? '—' : `${new Date(value).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
const measure = (value: number | null, unit: string) => (value === null || !Number.isFinite(value) ? '—' : unit === 'fraction' ? `${(value * 100).toFixed(2)} %` : `${Number(value.toPrecision(6))} ${unit}`);

/**
 * The monitoring log of a strategy (FR-035): its deployments with where their monitoring stands (each rule's last
 * result against its threshold, promotion blocked or not), the incidents on the strategy or its deployments with
 * the automatic actions taken, and the deployments' events (data integrity, refusals, connector, reconciliation,
 * runtime) in the window. Capital figures and refusal texts only for the roles that read them.
 * @throws ValidationError naming `to` (not after `from`); NotFoundError; ForbiddenError.
 */
export async function monitoringLogReport(
  ctx: ServiceContext,
  governance: Governance,
  strategies: StrategyService,
  strategyId: string,
  window: { from: Date | null; to: Date | null },
  format: 'pdf' | 'csv' | 'json',
): Promise<Buffer | string> {
  if (window.from && window.to && window.to <= window.from) throw new ValidationError('to must be after from', 'to');
  const strategy = await strategies.get(strategyId);
  await governance.authorize('read', 'Deployment');
  await governance.authorize('read', 'MonitoringIncident');
  await governance.authorize('read', 'DeploymentEvent');
  const ability = ctx.actor.ability;
  const seesCapital = ability.can('read', 'MonitoringIncident', 'impactedCapital');
  const seesEventDetail = ability.can('read', 'DeploymentEvent', 'message');
  const em = ctx.em;
  const deployments = await em.find(Deployment, { strategy: strategyId }, { orderBy: { createdAt: 'asc' } });
  const deploymentIds = deployments.map((deployment) => deployment.id);
  const timeRange = (field: string) => (window.from || window.to ? { [field]: { ...(window.from ? { $gte: window.from } : {}), ...(window.to ? { $lt: window.to } : {}) } } : {});
  const [states, incidents, events] = await Promise.all([
    deploymentIds.length ? em.find(DeploymentMonitoringState, { deployment: { $in: deploymentIds } }) : Promise.resolve([]),
    em.find(
      MonitoringIncident,
      { $or: [{ strategy: strategyId }, ...(deploymentIds.length ? [{ deployment: { $in: deploymentIds } }] : [])], ...timeRange('detectedAt') },
      { orderBy: { detectedAt: 'desc' }, limit: monitoringLogIncidents },
    ),
    deploymentIds.length ? em.find(DeploymentEvent, { deployment: { $in: deploymentIds }, ...timeRange('occurredAt') }, { orderBy: { occurredAt: 'desc' }, limit: monitoringLogEvents }) : Promise.resolve([]),
  ]);
  const nameOf = new Map(deployments.map((deployment, index) => [deployment.id, `#${index + 1} ${deployment.symbol} ${deployment.timeframe} ${deployment.stage}`]));
  const sections = {
    deployments: deployments.map((deployment) => {
      const state = states.find((row) => row.deployment.id === deployment.id);
      return {
        id: deployment.id,
        name: nameOf.get(deployment.id)!,
        stage: deployment.stage,
        effectiveStage: deployment.effectiveStage,
        activationState: deployment.activationState,
        health: deployment.health,
        createdAt: deployment.createdAt.toISOString(),
        monitoring: state
          ? {
              policyVersion: state.policyVersion,
              evaluatedAt: state.evaluatedAt.toISOString(),
              lastMarkAt: state.lastMarkAt?.toISOString() ?? null,
              promotionBlocked: state.promotionBlocked,
              rules: state.results.map((result) => ({ rule: result.rule, status: result.status, comparator: result.comparator, threshold: result.threshold, measured: result.measured, unit: result.unit, sustained: result.breach?.sustained ?? false, message: result.message })),
            }
          : null,
      };
    }),
    incidents: incidents.map((incident) => ({
      id: incident.id,
      detectedAt: incident.detectedAt.toISOString(),
      type: incident.incidentType,
      severity: incident.severity,
      status: incident.status,
      deployment: incident.deployment ? (nameOf.get(incident.deployment.id) ?? incident.deployment.id) : null,
      summary: incident.summary,
      autoActions: incident.autoActions,
      ...(seesCapital ? { impactedCapital: incident.impactedCapital ?? null } : {}),
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      notes: incident.notes ?? null,
    })),
    events: events.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      deployment: nameOf.get(event.deployment.id) ?? event.deployment.id,
      category: event.category,
      kind: event.kind,
      rule: event.rule ?? null,
      ...(seesEventDetail ? { threshold: event.threshold ?? null, measured: event.measured ?? null, message: event.message } : {}),
    })),
  };
  const windowText = `${window.from ? stamp(window.from) : 'the start'} to ${window.to ? stamp(window.to) : 'now'}`;
  if (format === 'json') {
    return JSON.stringify(
      {
        strategy: { id: strategy.id, name: strategy.name, code: strategy.code, lifecycleState: strategy.lifecycleState },
        window: { from: window.from?.toISOString() ?? null, to: window.to?.toISOString() ?? null },
        limits: { incidents: monitoringLogIncidents, events: monitoringLogEvents },
        ...sections,
      },
      null,
      2,
    );
  }
  if (format === 'csv') {
    const rows: unknown[][] = [
      ...sections.deployments.flatMap((deployment) =>
        (deployment.monitoring?.rules ?? []).map((rule) => [deployment.monitoring!.evaluatedAt, 'rule', deployment.name, rule.rule, rule.status, `${rule.comparator} ${rule.threshold} ${rule.unit}`, rule.measured, rule.message]),
      ),
      ...sections.incidents.map((incident) => [incident.detectedAt, 'incident', incident.deployment, `${incident.type} (${incident.severity})`, incident.status, JSON.stringify(incident.autoActions), 'impactedCapital' in incident ? incident.impactedCapital : null, incident.summary]),
      ...sections.events.map((event) => [event.occurredAt, `event:${event.category}`, event.deployment, event.kind, event.rule, 'threshold' in event ? event.threshold : null, 'measured' in event ? event.measured : null, 'message' in event ? event.message : null]),
    ];
    return csvOf(['time', 'kind', 'deployment', 'what', 'status_or_rule', 'threshold_or_actions', 'measured_or_capital', 'message'], rows);
  }
  const pdf = new PdfReport(`Monitoring log: ${strategy.name}`, `${strategy.code} · ${windowText} · generated ${stamp(ctx.clock.now())}`);
  pdf.heading(`Deployments (${deployments.length})`).table(
    ['Deployment', 'Effective stage', 'Activation', 'Health', 'Started', 'Promotion'],
    sections.deployments.map((deployment) => [deployment.name, deployment.effectiveStage, deployment.activationState, deployment.health, stamp(deployment.createdAt), deployment.monitoring ? (deployment.monitoring.promotionBlocked ? 'blocked by monitoring' : 'not blocked') : 'not evaluated yet']),
    [0.26, 0.14, 0.14, 0.12, 0.18, 0.16],
  );
  for (const deployment of sections.deployments) {
    if (!deployment.monitoring) continue;
    pdf.heading(`Monitoring rules of ${deployment.name}`).paragraph(`Policy ${deployment.monitoring.policyVersion} · evaluated ${stamp(deployment.monitoring.evaluatedAt)} on the mark of ${stamp(deployment.monitoring.lastMarkAt)}`, true);
    pdf.table(
      ['Rule', 'Status', 'Passes when', 'Measured', 'Sustained'],
      deployment.monitoring.rules.map((rule) => [rule.rule, rule.status, `${rule.comparator} ${measure(rule.threshold, rule.unit)}`, measure(rule.measured, rule.unit), rule.sustained ? 'yes' : 'no']),
      [0.26, 0.14, 0.24, 0.22, 0.14],
    );
  }
  pdf.heading(`Incidents (${incidents.length}${incidents.length === monitoringLogIncidents ? `, newest ${monitoringLogIncidents}` : ''})`).table(
    ['Detected', 'Type', 'Severity', 'Status', 'Deployment', 'Summary', 'Automatic actions'],
    sections.incidents.map((incident) => [stamp(incident.detectedAt), incident.type, incident.severity, incident.status, incident.deployment ?? 'strategy', incident.summary, Object.keys(incident.autoActions).length ? Object.entries(incident.autoActions).map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`).join('; ') : 'none']),
    [0.13, 0.1, 0.08, 0.08, 0.14, 0.27, 0.2],
  );
  const listed = sections.events.slice(0, monitoringPdfEvents);
  pdf.heading(`Deployment events (${events.length}${events.length > listed.length ? `, newest ${listed.length} listed; CSV and JSON hold ${events.length}` : ''})`);
  if (!seesEventDetail) pdf.paragraph('Thresholds, measured values and messages of deployment events are left out for your role (they can quote capital figures).', true);
  pdf.table(
    ['When (UTC)', 'Deployment', 'Category', 'Kind', 'Rule', 'Message'],
    listed.map((event) => [stamp(event.occurredAt), event.deployment, event.category, event.kind, event.rule ?? '—', 'message' in event ? (event.message ?? '') : '—']),
    [0.15, 0.17, 0.12, 0.14, 0.14, 0.28],
  );
  return pdf.finish();
}
