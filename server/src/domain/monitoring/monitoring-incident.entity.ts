import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { BacktestRun } from '../backtest/backtest-run.entity.ts';
import { LiveDeployment } from '../deployment/live-deployment.entity.ts';

export const incidentTypes = ['benchmark_lag', 'drawdown', 'risk_threshold', 'regime_shift', 'operational'] as const;
export type IncidentType = (typeof incidentTypes)[number];

export const incidentSeverities = ['warning', 'critical'] as const;
export type IncidentSeverity = (typeof incidentSeverities)[number];

export const incidentStatuses = ['open', 'in_review', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

const MonitoringIncidentSchema = defineEntity({
  name: 'MonitoringIncident',
  tableName: 'monitoring_incident',
  properties: {
    id: idColumn(),
    liveDeployment: p.manyToOne(LiveDeployment).deleteRule('no action'),
    incidentType: p.enum(incidentTypes),
    detectedAt: p.datetime(),
    severity: p.enum(incidentSeverities),
    status: p.enum(incidentStatuses).default('open'),
    /** Automatic actions taken: capital throttle, pause flags. */
    autoActions: p.json<Record<string, unknown>>().columnType('jsonb'),
    /** The re-test run this incident caused; integrity kept by the application when it completes. */
    followUpRun: p.manyToOne(BacktestRun).nullable().deleteRule('set null'),
    resolvedAt: p.datetime().nullable(),
    notes: p.text().nullable(),
  },
  indexes: [{ properties: ['liveDeployment', 'status'] }],
});

/** A monitoring finding on a live deployment, with what was done about it. */
export class MonitoringIncident extends MonitoringIncidentSchema.class {}
MonitoringIncidentSchema.setClass(MonitoringIncident);
