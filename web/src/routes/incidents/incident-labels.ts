import type { IncidentSeverity, IncidentStatus, IncidentType, StrategyIncidentType } from '#lib/gql/graphql.ts';

/** Human labels of the incident enums (GraphQL spelling → text). */
export const incidentTypeLabels: Record<IncidentType, string> = {
  BENCHMARK_LAG: 'Benchmark lag',
  DRAWDOWN: 'Drawdown',
  RISK_THRESHOLD: 'Risk threshold',
  REGIME_SHIFT: 'Regime shift',
  OPERATIONAL: 'Operational',
};

/** The types a person opens on a strategy, in form order. */
export const strategyIncidentTypes: StrategyIncidentType[] = ['DRAWDOWN', 'RISK_THRESHOLD', 'BENCHMARK_LAG', 'REGIME_SHIFT'];

export const severityLabels: Record<IncidentSeverity, string> = { WARNING: 'Warning', CRITICAL: 'Critical' };

export const statusLabels: Record<IncidentStatus, string> = { OPEN: 'Open', IN_REVIEW: 'In review', RESOLVED: 'Resolved', CLOSED: 'Closed' };

/** Statuses in lifecycle order (the status filter). */
export const incidentStatuses: IncidentStatus[] = ['OPEN', 'IN_REVIEW', 'RESOLVED', 'CLOSED'];
