import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import type { DeploymentDayFigures } from './daily-report-figures.ts';

/** A deployment's section of a daily report: its state when the report was written, and its day's figures. */
export interface DailyReportDeployment extends DeploymentDayFigures {
  deploymentId: string;
  symbol: string;
  timeframe: string;
  /** Currency of the money figures. */
  quoteCurrency: string;
  stage: string;
  effectiveStage: string;
  activationState: string;
  tradingState: string;
  health: string;
  healthReason: string | null;
}

/** An incident of the report's day (detected within it) on the strategy or one of its deployments. */
export interface DailyReportIncident {
  incidentId: string;
  incidentType: string;
  severity: string;
  /** Status when the report was written. */
  status: string;
  summary: string;
  detectedAt: string;
  deploymentId: string | null;
}

const DailyReportSchema = defineEntity({
  name: 'DailyReport',
  tableName: 'daily_report',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    /** The UTC calendar day reported, `YYYY-MM-DD`. */
    reportDate: p.string().length(10),
    generatedAt: p.datetime(),
    /** One section per deployment of the strategy that was running or paused, or marked P&L in the day. */
    deployments: p.json<DailyReportDeployment[]>().columnType('jsonb'),
    incidents: p.json<DailyReportIncident[]>().columnType('jsonb'),
  },
  uniques: [{ name: 'daily_report_strategy_date_unique', properties: ['strategy', 'reportDate'] }],
});

/**
 * The daily performance report of one strategy (orchestration-spec FR-015): P&L, equity, drawdown and risk metrics
 * of each of its deployments for one UTC day, their health and trading state, and the day's incidents. One per
 * (strategy, day), written by the daily job and kept (append-only).
 */
export class DailyReport extends DailyReportSchema.class {}
DailyReportSchema.setClass(DailyReport);
