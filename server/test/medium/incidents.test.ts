import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/auth/roles.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../src/domain/errors.ts';
import { newId } from '../../src/domain/ids.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

/** Services acting as a user holding `roles` (an API token without a step-up: incidents need none). */
const servicesAs = (email: string, roles: Role[]) => harness.servicesAs(email, roles);

const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);

async function builtIn(template: string): Promise<Strategy> {
  if ((await harness.orm.em.fork().count(Strategy, {})) === 0) await harness.services().strategies.registerBuiltInStrategies();
  return harness.orm.em.fork().findOneOrFail(Strategy, { code: builtInStrategyCode(template) });
}

/** Rejection of `promise` as a ValidationError, with the field it names. */
async function invalidField(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).field;
}

describe('IncidentService: strategy incidents', () => {
  it('a risk user opens an incident: trigger, remediation re-validation job (priority 0), links, notifications and audit in one go', async () => {
    const strategy = await builtIn('sma_crossover');
    const risk = await servicesAs('rita@risk.test', ['risk']);
    const incident = await risk.incidents.openStrategyIncident({ strategyId: strategy.id, incidentType: 'drawdown', severity: 'critical', summary: '  Drawdown of 12 % breached the 10 % limit  ' });
    expect(incident).toMatchObject({ status: 'open', incidentType: 'drawdown', severity: 'critical', summary: 'Drawdown of 12 % breached the 10 % limit' });

    const [row] = await query<{ strategy_id: string; opened_by: string; trigger_event_id: string; follow_up_cycle_id: string; deployment_id: string | null; context: unknown }>(
      `select i.strategy_id, u.email as opened_by, i.trigger_event_id, i.follow_up_cycle_id, i.deployment_id, i.context
         from monitoring_incident i join app_user u on u.id = i.opened_by_id where i.id = ?`,
      [incident.id],
    );
    expect(row).toMatchObject({ strategy_id: strategy.id, opened_by: 'rita@risk.test', deployment_id: null, context: { strategyCode: 'builtin-sma-crossover' } });
    expect(row!.trigger_event_id).toBeTruthy();
    expect(row!.follow_up_cycle_id).toBeTruthy();

    const [trigger] = await query<{ type: string; subject_type: string; subject_id: string; outcome: string; details: Record<string, unknown> }>('select * from trigger_event where id = ?', [row!.trigger_event_id]);
    expect(trigger).toMatchObject({ type: 'monitoring_incident', subject_type: 'MonitoringIncident', subject_id: incident.id, outcome: 'enqueued', details: { incidentType: 'drawdown', severity: 'critical' } });
    const links = await query<{ target_type: string; target_id: string; job_key: string }>('select target_type, target_id, job_key from trigger_link where trigger_event_id = ? order by target_type', [row!.trigger_event_id]);
    expect(links.map((link) => link.target_type)).toEqual(['evaluation_cycle', 'job']);
    expect(links[0]!.target_id).toBe(row!.follow_up_cycle_id);

    const [cycle] = await query<{ status: string; strategy_ids: string[]; reason: string; scope_key: string }>('select status, strategy_ids, reason, scope_key from evaluation_cycle where id = ?', [row!.follow_up_cycle_id]);
    expect(cycle).toMatchObject({ status: 'queued', strategy_ids: [strategy.id], reason: 'monitoring_incident' });
    const jobs = await query<{ task_identifier: string; priority: number; queue_name: string | null; key: string }>(
      `select task_identifier, priority, queue_name, key from graphile_worker.jobs where key = ?`,
      [`evaluation-cycle:${cycle!.scope_key}`],
    );
    expect(jobs).toEqual([{ task_identifier: 'run_evaluation_cycle', priority: 0, queue_name: null, key: links[0]!.job_key }]);

    const notifications = await query<{ audience: string; kind: string; message: string }>(`select audience, kind, message from notification where subject_id = ? order by audience`, [incident.id]);
    expect(notifications.map((notification) => notification.audience)).toEqual(['production', 'research', 'risk']);
    expect(notifications.every((notification) => notification.kind === 'incident.opened' && notification.message.includes('builtin-sma-crossover'))).toBe(true);

    const audit = await query<{ action: string; actor_role: string; details: Record<string, unknown> }>(`select action, actor_role, details from audit_event where subject_id = ? order by sequence`, [incident.id]);
    expect(audit).toEqual([{ action: 'incident.opened', actor_role: 'risk', details: expect.objectContaining({ strategyCode: 'builtin-sma-crossover', followUpCycleId: row!.follow_up_cycle_id, triggerEventId: row!.trigger_event_id }) }]);
  });

  it('refuses research (nothing written, denial audited), names the invalid field, and reports an unknown strategy', async () => {
    const strategy = await builtIn('sma_crossover');
    const count = async () => (await query<{ n: number }>('select count(*)::int as n from monitoring_incident'))[0]!.n;
    const before = await count();
    const valid = { strategyId: strategy.id, incidentType: 'benchmark_lag' as const, severity: 'warning' as const, summary: 'Lagging the basket by 4 % over 30 days' };
    const research = await servicesAs('ada@research.test', ['research']);
    await expect(research.incidents.openStrategyIncident(valid)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count()).toBe(before);
    const [denied] = await query<{ actor_role: string; details: Record<string, unknown> }>(`select actor_role, details from audit_event where action = 'authorization.denied' order by sequence desc limit 1`);
    expect(denied).toMatchObject({ actor_role: 'research', details: { attemptedAction: 'create', productionAction: false } });

    const risk = await servicesAs('rita@risk.test', ['risk']);
    expect(await invalidField(risk.incidents.openStrategyIncident({ ...valid, summary: '  ' }))).toBe('summary');
    expect(await invalidField(risk.incidents.openStrategyIncident({ ...valid, incidentType: 'operational' as never }))).toBe('incidentType');
    expect(await invalidField(risk.incidents.openStrategyIncident({ ...valid, severity: 'minor' as never }))).toBe('severity');
    expect(await invalidField(risk.incidents.openStrategyIncident({ ...valid, strategyId: 'not-an-id' }))).toBe('strategyId');
    await expect(risk.incidents.openStrategyIncident({ ...valid, strategyId: newId() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await count()).toBe(before);

    // Production traders open incidents too, without a TOTP step-up (not a production action).
    const production = await servicesAs('pat@production.test', ['production']);
    const incident = await production.incidents.openStrategyIncident(valid);
    expect(incident.status).toBe('open');
  });

  it('moves through review, resolution (notes required) and closing; refuses other transitions naming both states', async () => {
    const strategy = await builtIn('rsi_mean_reversion');
    const risk = await servicesAs('rita@risk.test', ['risk']);
    const { id } = await risk.incidents.openStrategyIncident({ strategyId: strategy.id, incidentType: 'regime_shift', severity: 'warning', summary: 'Turbulent regime since Monday' });

    await expect((await servicesAs('ada@research.test', ['research'])).incidents.review(id, 'looking')).rejects.toBeInstanceOf(ForbiddenError);
    await expect((await servicesAs('rita@risk.test', ['risk'])).incidents.close(id)).rejects.toThrow(/open cannot move to closed/);
    const reviewed = await (await servicesAs('rita@risk.test', ['risk'])).incidents.review(id, 'checking the regime model');
    expect(reviewed.status).toBe('in_review');
    const conflict = await (await servicesAs('rita@risk.test', ['risk'])).incidents.review(id).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as Error).message).toContain('in_review cannot move to in_review');

    expect(await invalidField((await servicesAs('pat@production.test', ['production'])).incidents.resolve(id, ' '))).toBe('notes');
    const resolved = await (await servicesAs('pat@production.test', ['production'])).incidents.resolve(id, 'Re-validation passed; exposure unchanged');
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBeInstanceOf(Date);
    const closed = await (await servicesAs('rita@risk.test', ['risk'])).incidents.close(id);
    expect(closed.status).toBe('closed');
    expect(closed.notes!.split('\n')).toEqual([
      expect.stringMatching(/ rita@risk\.test → in_review: checking the regime model$/),
      expect.stringMatching(/ pat@production\.test → resolved: Re-validation passed; exposure unchanged$/),
    ]);
    await expect((await servicesAs('rita@risk.test', ['risk'])).incidents.resolve(id, 'again')).rejects.toThrow(/closed cannot move to resolved \(closed is final\)/);
    await expect((await servicesAs('rita@risk.test', ['risk'])).incidents.review(newId())).rejects.toBeInstanceOf(NotFoundError);

    const audit = await query<{ action: string; details: Record<string, unknown> }>(`select action, details from audit_event where subject_id = ? order by sequence`, [id]);
    // The research user's refused review is audited against the incident too.
    expect(audit.map((event) => event.action)).toEqual(['incident.opened', 'authorization.denied', 'incident.reviewed', 'incident.resolved', 'incident.closed']);
    expect(audit[3]!.details).toEqual({ from: 'in_review', to: 'resolved', notes: 'Re-validation passed; exposure unchanged' });

    const research = await servicesAs('ada@research.test', ['research']);
    const closedOnes = await research.incidents.list({}, { status: 'closed' });
    expect(closedOnes.nodes.map((incident) => incident.id)).toEqual([id]);
    const ofStrategy = await research.incidents.list({}, { strategyId: strategy.id });
    expect(ofStrategy.nodes.map((incident) => incident.id)).toEqual([id]);
    expect((await research.incidents.get(id)).status).toBe('closed');
  });

  it('remediation outranks research: graphile-worker picks the incident’s re-validation before a waiting scheduled cycle', async () => {
    const strategy = await builtIn('donchian_breakout');
    const system = harness.services();
    const scheduled = await system.triggers.record({ type: 'scheduled', subjectType: 'Platform', details: { cron: 'test' }, priority: 'research' });
    expect(scheduled.outcome).toBe('enqueued');
    const incident = await (await servicesAs('rita@risk.test', ['risk'])).incidents.openStrategyIncident({ strategyId: strategy.id, incidentType: 'risk_threshold', severity: 'critical', summary: 'VaR above the desk limit' });
    const [remediationKey] = await query<{ job_key: string }>(`select job_key from trigger_link where trigger_event_id = ? and target_type = 'job'`, [incident.triggerEvent!.id]);
    const [researchKey] = await query<{ job_key: string }>(`select job_key from trigger_link where trigger_event_id = ? and target_type = 'job'`, [scheduled.id]);

    // graphile-worker takes the due, unlocked job with the lowest priority number first (then run_at, then id).
    const order = await query<{ key: string; priority: number; queue_name: string | null }>(
      `select key, priority, queue_name from graphile_worker.jobs where task_identifier = 'run_evaluation_cycle' and locked_at is null and key = any(?::text[]) order by priority, run_at, id`,
      [`{${remediationKey!.job_key},${researchKey!.job_key}}`],
    );
    expect(order).toEqual([
      { key: remediationKey!.job_key, priority: 0, queue_name: null },
      { key: researchKey!.job_key, priority: 20, queue_name: 'research' },
    ]);
  });

  it('lists the incidents of a filter, newest first, to every role that reads them', async () => {
    const strategy = await builtIn('macd');
    for (const incidentType of ['drawdown', 'risk_threshold', 'drawdown'] as const) {
      await (await servicesAs('rita@risk.test', ['risk'])).incidents.openStrategyIncident({ strategyId: strategy.id, incidentType, severity: 'warning', summary: `listed ${incidentType}` });
    }
    const compliance = await servicesAs('cora@compliance.test', ['compliance']);
    const page = await compliance.incidents.list({ first: 2 });
    expect(page.nodes).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
    expect(page.nodes[0]!.id > page.nodes[1]!.id).toBe(true);
    const drawdowns = await compliance.incidents.list({}, { incidentType: 'drawdown' });
    expect(drawdowns.nodes.length).toBeGreaterThanOrEqual(2);
    expect(drawdowns.nodes.every((incident) => incident.incidentType === 'drawdown')).toBe(true);
    expect(await invalidField(compliance.incidents.list({ first: 0 }))).toBe('first');
  });
});

describe('IncidentService: escalation', () => {
  it('is for the platform only', async () => {
    const risk = await servicesAs('rita@risk.test', ['risk']);
    await expect(risk.incidents.escalateFailedJob({ jobId: '1', task: 'run_backtest', payload: {}, attempts: 5, maxAttempts: 5, jobKey: null, lastError: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('NotificationService', () => {
  it('shows each viewer the notifications of its roles, counts the unread ones and marks them read for the role', async () => {
    // An incident notifies research, production and risk.
    const strategy = await builtIn('ema_crossover');
    await (await servicesAs('rita@risk.test', ['risk'])).incidents.openStrategyIncident({ strategyId: strategy.id, incidentType: 'drawdown', severity: 'warning', summary: 'notify the roles' });
    const research = await servicesAs('ada@research.test', ['research']);
    const all = await research.notifications.listForViewer({});
    expect(all.totalCount).toBeGreaterThan(0);
    expect(all.nodes.every((notification) => notification.audience === 'research')).toBe(true);
    const unread = await research.notifications.unreadCount();
    expect(unread).toBe(all.totalCount);

    const compliance = await servicesAs('cora@compliance.test', ['compliance']);
    expect((await compliance.notifications.listForViewer({})).totalCount).toBe(0);
    // Marking someone else's notifications read changes nothing.
    expect(await compliance.notifications.markRead([all.nodes[0]!.id])).toEqual([]);

    const marked = await (await servicesAs('ada@research.test', ['research'])).notifications.markRead([all.nodes[0]!.id]);
    expect(marked.map((notification) => notification.id)).toEqual([all.nodes[0]!.id]);
    expect(marked[0]!.readAt).toBeInstanceOf(Date);
    const after = await servicesAs('ada2@research.test', ['research']);
    expect(await after.notifications.unreadCount()).toBe(unread - 1);
    expect((await after.notifications.listForViewer({}, { unreadOnly: true })).nodes.map((notification) => notification.id)).not.toContain(all.nodes[0]!.id);
    expect(await invalidField(after.notifications.markRead(['nope']))).toBe('ids');
  });
});
