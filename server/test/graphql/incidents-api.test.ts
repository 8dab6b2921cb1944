import { describe, expect, it } from 'vitest';
import { Notification } from '../../src/domain/notification/notification.entity.ts';
import { toGlobalId } from '../../src/graphql/relay.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const incidentFields = `id incidentType severity status summary detectedAt resolvedAt notes context { path text }
  strategy { code } triggerEvent { type outcome } followUpCycle { id status }`;

interface IncidentNode {
  id: string;
  incidentType: string;
  severity: string;
  status: string;
  summary: string;
  resolvedAt: string | null;
  notes: string | null;
  strategy: { code: string } | null;
  triggerEvent: { type: string; outcome: string } | null;
  followUpCycle: { id: string; status: string } | null;
  context: { path: string; text: string | null }[];
}

const open = `mutation($input: OpenStrategyIncidentInput!) { openStrategyIncident(input: $input) { incident { ${incidentFields} } } }`;

async function smaStrategyId(): Promise<string> {
  const strategies = await api.request<{ strategies: { edges: { node: { id: string; code: string } }[] } }>(`{ strategies(first: 50) { edges { node { id code } } } }`);
  const found = strategies.data?.strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover');
  if (found) return found.node.id;
  await api.services().strategies.registerBuiltInStrategies();
  return smaStrategyId();
}

describe('GraphQL incidents', () => {
  it('risk opens an incident with its trigger and follow-up cycle; research reads it but may not open one', async () => {
    const strategyId = await smaStrategyId();
    const input = { strategyId, incidentType: 'DRAWDOWN', severity: 'CRITICAL', summary: 'Drawdown beyond the desk limit' };
    const refused = await api.request(open, { input }, { role: 'research' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });

    const invalid = await api.request(open, { input: { ...input, summary: '' } }, { role: 'risk' });
    expect(invalid.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'summary' });

    const opened = await api.request<{ openStrategyIncident: { incident: IncidentNode } }>(open, { input }, { role: 'risk' });
    expect(opened.errors).toBeUndefined();
    const incident = opened.data!.openStrategyIncident.incident;
    expect(incident).toMatchObject({
      incidentType: 'DRAWDOWN',
      severity: 'CRITICAL',
      status: 'OPEN',
      strategy: { code: 'builtin-sma-crossover' },
      triggerEvent: { type: 'MONITORING_INCIDENT', outcome: 'ENQUEUED' },
      followUpCycle: { status: 'QUEUED' },
    });
    // The facts at detection are typed entries (a strategy incident: the strategy's code and lifecycle state).
    expect(incident.context).toContainEqual({ path: 'strategyCode', text: 'builtin-sma-crossover' });

    const listed = await api.request<{ incidents: { totalCount: number; edges: { node: IncidentNode }[] } }>(
      `query($status: IncidentStatus, $strategyId: ID) { incidents(first: 10, status: $status, strategyId: $strategyId) { totalCount edges { node { ${incidentFields} } } } }`,
      { status: 'OPEN', strategyId },
      { role: 'research' },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.incidents.edges.map((edge) => edge.node.id)).toContain(incident.id);
    // Other tests in this file may close their own incidents: the filter must leave this open one out.
    const closed = await api.request<{ incidents: { edges: { node: { id: string; status: string } }[] } }>(`{ incidents(first: 200, status: CLOSED) { edges { node { id status } } } }`, {}, { role: 'compliance' });
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.incidents.edges.map((edge) => edge.node.id)).not.toContain(incident.id);
    expect(closed.data!.incidents.edges.every((edge) => edge.node.status === 'CLOSED')).toBe(true);
    const node = await api.request<{ node: { __typename: string; summary: string } }>(`query($id: ID!) { node(id: $id) { __typename ... on MonitoringIncident { summary } } }`, { id: incident.id });
    expect(node.data!.node).toEqual({ __typename: 'MonitoringIncident', summary: 'Drawdown beyond the desk limit' });
  });

  it('reviews, resolves (notes required) and closes; an invalid transition is a CONFLICT', async () => {
    const strategyId = await smaStrategyId();
    const opened = await api.request<{ openStrategyIncident: { incident: IncidentNode } }>(open, { input: { strategyId, incidentType: 'BENCHMARK_LAG', severity: 'WARNING', summary: 'Lagging the basket' } }, { role: 'production' });
    const incidentId = opened.data!.openStrategyIncident.incident.id;
    const change = (name: string, notes: string | null, role: 'risk' | 'research' = 'risk') =>
      api.request<Record<string, { incident: IncidentNode }>>(`mutation($input: ChangeIncidentStatusInput!) { ${name}(input: $input) { incident { status resolvedAt notes } } }`, { input: { incidentId, notes } }, { role });

    expect((await change('reviewIncident', 'looking', 'research')).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await change('reviewIncident', 'looking into it')).data!.reviewIncident!.incident.status).toBe('IN_REVIEW');
    expect((await change('closeIncident', null)).errors![0]).toMatchObject({ message: expect.stringContaining('in_review cannot move to closed'), extensions: { code: 'CONFLICT' } });
    expect((await change('resolveIncident', null)).errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'notes' });
    const resolved = (await change('resolveIncident', 'benchmark recovered')).data!.resolveIncident!.incident;
    expect(resolved.status).toBe('RESOLVED');
    expect(resolved.resolvedAt).not.toBeNull();
    expect((await change('closeIncident', null)).data!.closeIncident!.incident.status).toBe('CLOSED');
  });
});

describe('GraphQL notifications', () => {
  it('shows each caller the notifications of its roles only, counts unread ones and marks them read', async () => {
    // An incident this test opens notifies the risk desk (kind incident.opened), whatever ran before it.
    const strategyId = await smaStrategyId();
    const opened = await api.request(open, { input: { strategyId, incidentType: 'DRAWDOWN', severity: 'WARNING', summary: 'Notifies the desks' } }, { role: 'risk' });
    expect(opened.errors).toBeUndefined();
    const em = api.orm.em.fork();
    const riskOnly = em.create(Notification, { audience: 'risk', kind: 'job.escalated', message: 'For the risk desk only', subjectType: null, subjectId: null, details: {}, readAt: null });
    await em.flush();
    const list = `query($unreadOnly: Boolean) { notifications(first: 200, unreadOnly: $unreadOnly) { totalCount edges { node { id audience kind message readAt } } } unreadNotificationCount }`;
    type Listed = { notifications: { totalCount: number; edges: { node: { id: string; audience: string; kind: string; message: string; readAt: string | null } }[] }; unreadNotificationCount: number };

    const research = await api.request<Listed>(list, {}, { role: 'research' });
    expect(research.errors).toBeUndefined();
    expect(research.data!.notifications.edges.every((edge) => edge.node.audience === 'RESEARCH')).toBe(true);
    expect(research.data!.notifications.edges.map((edge) => edge.node.message)).not.toContain('For the risk desk only');
    const hidden = await api.request<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId('Notification', riskOnly.id) }, { role: 'research' });
    expect(hidden.data!.node).toBeNull();
    const mark = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { notifications { id readAt } unreadCount } }`;
    const ignored = await api.request<{ markNotificationsRead: { notifications: unknown[] } }>(mark, { input: { ids: [toGlobalId('Notification', riskOnly.id)] } }, { role: 'research' });
    expect(ignored.data!.markNotificationsRead.notifications).toEqual([]);

    const risk = await api.request<Listed>(list, { unreadOnly: true }, { role: 'risk' });
    const riskKinds = risk.data!.notifications.edges.map((edge) => edge.node.kind);
    expect(risk.data!.notifications.edges.map((edge) => edge.node.message)).toContain('For the risk desk only');
    expect(riskKinds).toContain('incident.opened');
    expect(risk.data!.unreadNotificationCount).toBe(risk.data!.notifications.totalCount);
    const riskOnlyId = risk.data!.notifications.edges.find((edge) => edge.node.message === 'For the risk desk only')!.node.id;
    const marked = await api.request<{ markNotificationsRead: { notifications: { id: string; readAt: string | null }[]; unreadCount: number } }>(mark, { input: { ids: [riskOnlyId] } }, { role: 'risk' });
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markNotificationsRead.notifications).toEqual([{ id: riskOnlyId, readAt: expect.any(String) }]);
    expect(marked.data!.markNotificationsRead.unreadCount).toBe(risk.data!.unreadNotificationCount - 1);
    const invalid = await api.request(mark, { input: { ids: ['nope'] } }, { role: 'risk' });
    expect(invalid.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });
});
