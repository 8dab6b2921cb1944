import 'reflect-metadata';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { TradingState } from '../../domain/deployment/trading-state.lifecycle.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import type { MonitoringRuleStatus } from '../../domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { ExchangeVenueEnum, TradingStateEnum } from '../deployment/deployment-enums.ts';
import { DeploymentType } from '../deployment/deployment.type.ts';
import { TimeframeEnum } from '../enums.ts';
import { MonitoringRuleStatusEnum, TopAltReasonEnum } from './risk-enums.ts';

@ObjectType('BenchmarkBasketMember', { description: 'One instrument of the basket: symbol, target weight and the certified dataset its bars come from.' })
export class BenchmarkBasketMemberType {
  @Field(() => String, { description: 'BASE-QUOTE, e.g. BTC-USDT.' })
  symbol!: string;

  @Field(() => Float, { description: 'Target weight, a fraction (0.6 = 60 %); reset at the first bar of each UTC day.' })
  weight!: number;

  @Field(() => ID, { nullable: true, description: 'Global id of the certified MarketDataSet whose bars it uses; null when its bars come from a venue (a live feed’s basket).' })
  marketDataSetId!: string | null;

  @Field(() => ExchangeVenueEnum, { nullable: true, description: 'The exchange its bars were read from, for a live feed’s basket; null for a certified dataset’s bars.' })
  venue!: ExchangeVenue | null;
}

@ObjectType('TopAltSelection', { description: 'The basket’s top alt and why: a policy override, or the largest trailing quote volume (we have no market-cap feed).' })
export class TopAltSelectionType {
  @Field(() => String)
  symbol!: string;

  @Field(() => TopAltReasonEnum)
  reason!: 'override' | 'largest_trailing_quote_volume';

  @Field(() => Float, { nullable: true, description: 'Σ volume × close over the window, quote currency; null for an override without bars in the window.' })
  quoteVolume!: number | null;

  @Field(() => Date, { description: 'First bar open time the volumes were summed over (inclusive).' })
  windowStart!: Date;

  @Field(() => Date, { description: 'End of the volume window (exclusive): the close of the basket window’s last bar.' })
  windowEnd!: Date;
}

@ObjectType('BenchmarkBasketPoint', { description: 'The basket at one bar close.' })
export class BenchmarkBasketPointType {
  @Field(() => Date, { description: 'Bar open time (a time present in every member’s bars).' })
  timestamp!: Date;

  @Field(() => Float, { description: 'Basket equity at the bar close, 1 at the window’s first common bar close (a growth multiple).' })
  equity!: number;

  @Field(() => Float, { description: 'Drawdown from the running peak of the window, a fraction ≤ 0.' })
  drawdown!: number;

  @Field(() => Float, { nullable: true, description: 'Return of the bar, a fraction; 0 at the first bar; null where a member’s close is not a number.' })
  returnFraction!: number | null;
}

@ObjectType('BenchmarkBasket', {
  description:
    'The benchmark basket as a series: BTC 60 % / ETH 30 % / top alt 10 %, rebalanced daily, computed by the engine from the certified bars the deployments trade on. The top alt is the policy’s override or the bundled non-BTC/ETH asset with the largest trailing 30-day quote volume (no market-cap feed) — `description` says which and why.',
})
export class BenchmarkBasketType {
  @Field(() => TimeframeEnum)
  timeframe!: Timeframe;

  @Field(() => String, { description: 'The monitoring policy whose benchmark settings applied.' })
  policyVersion!: string;

  @Field(() => String, { description: 'Quote currency of every member.' })
  quoteCurrency!: string;

  @Field(() => String, { description: 'The basket in words: weights, daily rebalancing, the bars used, and how the top alt was chosen.' })
  description!: string;

  @Field(() => [BenchmarkBasketMemberType])
  members!: BenchmarkBasketMemberType[];

  @Field(() => TopAltSelectionType)
  topAlt!: TopAltSelectionType;

  @Field(() => Int, { description: 'Times the holdings were reset to the target weights over the window (the first bar included).' })
  rebalanceCount!: number;

  @Field(() => Int, { description: 'Bars in the window before thinning.' })
  barCount!: number;

  /** Resolved by BenchmarkBasketResolver.points (thinned to its maxPoints). */
  points?: BenchmarkBasketPointType[];
}

@ObjectType('PostureSparkPoint', { description: 'A deployment’s return and the basket’s over the lag window, both from the window’s first mark.' })
export class PostureSparkPointType {
  @Field(() => Date, { description: 'Open time of the marked bar.' })
  barAt!: Date;

  @Field(() => Float, { description: 'Deployment equity / equity at the window’s first mark − 1, a fraction.' })
  returnFraction!: number;

  @Field(() => Float, { nullable: true, description: 'Basket equity / basket equity at the window’s first mark − 1 (read at or before each mark), a fraction; null without a basket bar.' })
  basketReturnFraction!: number | null;
}

@ObjectType('DeploymentPosture', { description: 'One deployment on the risk wall.' })
export class DeploymentPostureType {
  @Field(() => DeploymentType, { description: 'The deployment: stage, P&L (capital figures hidden from research), drawdown, total return, health.' })
  deployment!: Deployment;

  @Field(() => TradingStateEnum, { description: 'The trading state in force: the stricter of the deployment’s and the global one.' })
  effectiveTradingState!: TradingState;

  @Field(() => Boolean, { description: 'The global or its strategy’s kill switch is on.' })
  killSwitchOn!: boolean;

  @Field(() => Int, { description: 'Incidents OPEN or IN_REVIEW about this deployment, or about its strategy without a deployment named.' })
  openIncidents!: number;

  @Field(() => Date, { nullable: true, description: 'Open time of the last P&L mark; null before the first.' })
  lastMarkAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Lag vs the basket in basis points: the monitoring rule benchmarkLag’s own measurement (evaluateMonitoringRules) — the active return (live − basket) over the policy’s window (30 days by default) × 10,000; negative = behind the basket. Null when it could not be measured (see lagStatus).',
  })
  lagVsBasketBps!: number | null;

  @Field(() => MonitoringRuleStatusEnum, {
    description:
      'The benchmarkLag rule’s status on the last mark: UNKNOWN fails closed (missing or stale mark, a basket that should exist but is missing, stale or short — blocks promotion); NOT_APPLICABLE when the platform defines no benchmark basket at the deployment’s timeframe (no certified BTC, ETH and alt bars of one quote there, e.g. 1m) — not comparable, no block.',
  })
  lagStatus!: MonitoringRuleStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the lag was not measured: the NOT_APPLICABLE reason (e.g. “no benchmark basket is defined at 1m (…)”) or the UNKNOWN one; null when lagVsBasketBps is measured.',
  })
  lagReason!: string | null;

  @Field(() => String, { description: 'The benchmarkLag rule’s message: window, live and basket returns, threshold, or why it is unknown or not applicable.' })
  lagMessage!: string;

  @Field(() => [String], { description: 'Monitoring rules breaching on the last mark, among benchmarkLag, drawdownVsBenchmark, underperformance, drawdown, dailyLoss, valueAtRisk, conditionalValueAtRisk.' })
  breachedRules!: string[];

  @Field(() => [PostureSparkPointType], { description: 'Its return vs the basket’s over the lag window, at most 60 points (thinned evenly, keeping the latest).' })
  sparkline!: PostureSparkPointType[];
}

@ObjectType('StrategyCorrelation', { description: 'Correlation of two active deployments’ daily returns (the monitoring correlation rule, evaluateStrategyRedundancy).' })
export class StrategyCorrelationType {
  @Field(() => ID, { description: 'Global id of the first deployment (the pair is ordered by database id).' })
  firstDeploymentId!: string;

  @Field(() => ID)
  secondDeploymentId!: string;

  @Field(() => MonitoringRuleStatusEnum, { description: 'PASS, BREACH (above the policy’s maxCorrelation), UNKNOWN (a constant series) or NOT_APPLICABLE (too few shared days).' })
  status!: MonitoringRuleStatus;

  @Field(() => Float, { nullable: true, description: 'Pearson correlation of the daily returns on the shared UTC days of the window, −1 … 1; null unless measured.' })
  correlation!: number | null;

  @Field(() => Int, { description: 'Shared UTC days measured.' })
  overlapDays!: number;
}

@ObjectType('PostureBenchmark', { description: 'The basket the lags of one timeframe were measured against.' })
export class PostureBenchmarkType {
  @Field(() => TimeframeEnum)
  timeframe!: Timeframe;

  @Field(() => ExchangeVenueEnum, { nullable: true, description: 'The venue whose bars the basket of this timeframe’s live feeds on it comes from; null for the replays’ basket, from certified bars.' })
  venue!: ExchangeVenue | null;

  @Field(() => String, { nullable: true, description: 'The basket’s top alt; null when it could not be computed.' })
  topAltSymbol!: string | null;

  @Field(() => String, { nullable: true, description: 'The basket in words; null when it could not be computed.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Why there is no basket for this timeframe (then every lag of it is UNKNOWN, or NOT_APPLICABLE when notApplicable); null when there is one.' })
  problem!: string | null;

  @Field(() => Boolean, { description: 'True when the platform defines no basket at this timeframe at all (no certified BTC, ETH and alt bars of one quote): its lags are NOT_APPLICABLE, not UNKNOWN.' })
  notApplicable!: boolean;
}

@ObjectType('RiskPosture', { description: 'The risk desk’s view of every active (pending, active, paused) deployment, as of `asOf`.' })
export class RiskPostureType {
  @Field(() => Date, { description: 'When it was computed (platform clock).' })
  asOf!: Date;

  @Field(() => String, { nullable: true, description: 'The monitoring policy the lags were measured under; null when no valid policy is active.' })
  policyVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'Why no valid monitoring policy applies (every lag is then UNKNOWN); null when one does.' })
  policyProblem!: string | null;

  @Field(() => [DeploymentPostureType], { description: 'Oldest first, at most 200.' })
  deployments!: DeploymentPostureType[];

  @Field(() => Boolean, { description: 'More than 200 deployments are active: the newest beyond 200 are left off.' })
  truncated!: boolean;

  @Field(() => [StrategyCorrelationType], { description: 'Every pair of the deployments listed, for the correlation heatmap.' })
  correlations!: StrategyCorrelationType[];

  @Field(() => [PostureBenchmarkType], { description: 'The basket per timeframe traded (and per venue of the live feeds at it).' })
  benchmarks!: PostureBenchmarkType[];
}
