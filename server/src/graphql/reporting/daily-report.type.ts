import 'reflect-metadata';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { DailyRiskFigures } from '../../domain/reporting/daily-report-figures.ts';
import type { DailyReport, DailyReportDeployment, DailyReportIncident } from '../../domain/reporting/daily-report.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import { NodeInterface, makeConnectionType } from '../relay.ts';

@ObjectType('DailyRiskFigures', { description: 'Risk over the trailing 30 days of marks ending with the report’s day (engine metrics, empyrical conventions).' })
export class DailyRiskFiguresType implements DailyRiskFigures {
  @Field(() => Int, { description: 'Per-bar returns the metrics use.' })
  returnCount!: number;

  @Field(() => String, { description: 'Window start (exclusive), ISO 8601.' })
  windowStart!: string;

  @Field(() => String, { description: 'Window end (inclusive: the report day’s end), ISO 8601.' })
  windowEnd!: string;

  @Field(() => String, { description: 'What one return spans, e.g. "1 bar of 1h": VaR and CVaR are of a one-bar return.' })
  horizon!: string;

  @Field(() => Float, { nullable: true, description: 'Historical VaR 95 % of a one-bar return (5th percentile, a negative fraction); null without returns.' })
  valueAtRisk!: number | null;

  @Field(() => Float, { nullable: true, description: 'Historical CVaR 95 % (expected shortfall) of a one-bar return, a fraction; null without returns.' })
  conditionalValueAtRisk!: number | null;

  @Field(() => Float, { nullable: true, description: 'Annualized Sharpe ratio (risk-free 0, periods per year of the timeframe); null where undefined (< 2 returns, zero volatility).' })
  sharpeRatio!: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum drawdown over the window (a fraction ≤ 0).' })
  maxDrawdown!: number | null;
}

@ObjectType('DailyReportDeployment', { description: 'One deployment’s day: P&L and equity (quote currency), drawdown and risk (fractions), its state when the report was written.' })
export class DailyReportDeploymentType implements Omit<DailyReportDeployment, 'risk'> {
  @Field(() => ID, { description: 'Database id (UUID) of the deployment.' })
  deploymentId!: string;

  @Field(() => String)
  symbol!: string;

  @Field(() => String)
  timeframe!: string;

  @Field(() => String, { description: 'Currency of every money figure.' })
  quoteCurrency!: string;

  @Field(() => String, { description: 'observe, shadow, paper or live.' })
  stage!: string;

  @Field(() => String)
  effectiveStage!: string;

  @Field(() => String, { description: 'pending, active, paused, rolled_back or retired.' })
  activationState!: string;

  @Field(() => String, { description: 'active, reducing or halted.' })
  tradingState!: string;

  @Field(() => String, { description: 'healthy or degraded.' })
  health!: string;

  @Field(() => String, { nullable: true })
  healthReason!: string | null;

  @Field(() => Int, { description: 'P&L marks whose bar closed within the day.' })
  markCount!: number;

  @Field(() => Float, { description: 'Equity at the day’s start (last mark closing at or before it, else the initial equity).' })
  openingEquity!: number;

  @Field(() => Float, { description: 'Equity at the day’s end (its last mark).' })
  closingEquity!: number;

  @Field(() => Float, { description: 'P&L of the day: closing − opening equity.' })
  pnl!: number;

  @Field(() => Float, { nullable: true, description: 'Return of the day, closing / opening − 1 (a fraction).' })
  returnFraction!: number | null;

  @Field(() => Float, { nullable: true, description: 'Realized P&L since the start, net of fees, as of the day’s last mark.' })
  realizedPnl!: number | null;

  @Field(() => Float, { nullable: true })
  unrealizedPnl!: number | null;

  @Field(() => Float, { nullable: true, description: 'Fees since the start.' })
  fees!: number | null;

  @Field(() => Float, { nullable: true, description: 'Drawdown from the peak at the day’s end (a fraction ≤ 0).' })
  closingDrawdown!: number | null;

  @Field(() => Float, { nullable: true, description: 'Deepest drawdown from the peak among the day’s marks.' })
  worstDrawdown!: number | null;

  @Field(() => DailyRiskFiguresType)
  risk!: DailyRiskFiguresType;
}

@ObjectType('DailyReportIncident', { description: 'An incident detected within the report’s day.' })
export class DailyReportIncidentType implements DailyReportIncident {
  @Field(() => ID, { description: 'Database id (UUID) of the incident.' })
  incidentId!: string;

  @Field(() => String)
  incidentType!: string;

  @Field(() => String)
  severity!: string;

  @Field(() => String, { description: 'Status when the report was written.' })
  status!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => String)
  detectedAt!: string;

  @Field(() => ID, { nullable: true })
  deploymentId!: string | null;
}

@ObjectType('DailyReport', {
  implements: NodeInterface,
  description: 'The daily performance report of a strategy (orchestration FR-015) for one UTC day, written by the daily job at 00:15 UTC and kept; one per strategy and day.',
})
export class DailyReportType extends NodeInterface implements EntityFields<DailyReport, 'strategy' | 'deployments' | 'incidents'> {
  @Field(() => String, { description: 'The UTC day reported, YYYY-MM-DD.' })
  reportDate!: string;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => [DailyReportDeploymentType])
  deployments!: DailyReportDeploymentType[];

  @Field(() => [DailyReportIncidentType])
  incidents!: DailyReportIncidentType[];
}

export const DailyReportConnection = makeConnectionType('DailyReport', DailyReportType);
