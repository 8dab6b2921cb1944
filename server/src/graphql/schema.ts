import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver.ts';
import { AuthResolver, UserResolver } from './auth/auth.resolver.ts';
import { guardSchemaFields } from './authorization.middleware.ts';
import { documentInputLimits } from './input-limits.ts';
import { BacktestRunResolver } from './backtest/backtest-run.resolver.ts';
import { GovernanceSimulationResolver } from './simulation/governance-simulation.resolver.ts';
import { GovernanceSimulationResultResolver, SimulationArmReportResolver } from './simulation/governance-simulation-result.resolver.ts';
import { RunComparisonResolver } from './backtest/run-comparison.resolver.ts';
import { RunAnalyticsResolver, RunReplayResolver } from './backtest/run-replay.resolver.ts';
import { LineageResolver } from './reporting/lineage.resolver.ts';
import { MarketDataSetResolver } from './market-data/market-data.resolver.ts';
import { NodeResolver } from './node.resolver.ts';
import { HyperparameterTrialResolver, OptimizationResolver, WalkForwardSegmentResolver } from './optimization/optimization.resolver.ts';
import { ParameterConfigResolver, StrategyResolver, StrategyVersionResolver } from './strategy/strategy.resolver.ts';
import { StrategyRegistryResolver } from './strategy/strategy-registry.resolver.ts';
import { CycleConfigurationResolver, EvaluationCycleResolver, ScorecardEntryResolver } from './scoring/scorecard.resolver.ts';
import { TriggerEventResolver } from './trigger/trigger.resolver.ts';
import { OperationsResolver } from './operations/operations.resolver.ts';
import { MonitoringIncidentResolver } from './incident/incident.resolver.ts';
import { NotificationResolver } from './notification/notification.resolver.ts';
import { NotificationChannelResolver, NotificationDeliveryResolver } from './notification/notification-channel.resolver.ts';
import { DailyReportResolver } from './reporting/daily-report.resolver.ts';
import { PromotionPolicyResolver } from './promotion/promotion-policy.resolver.ts';
import { PromotionRequestResolver } from './promotion/promotion-request.resolver.ts';
import { StageControlResolver } from './promotion/stage-control.resolver.ts';
import { PromotionBoardResolver } from './promotion/promotion-board.resolver.ts';
import { PromotionCandidateResolver } from './promotion/promotion-candidate.resolver.ts';
import { CapitalResolver } from './promotion/capital.resolver.ts';
import { ReconciliationResolver } from './monitoring/reconciliation.resolver.ts';
import { DeploymentEventResolver, DeploymentFillResolver, DeploymentOrderResolver, DeploymentResolver } from './deployment/deployment.resolver.ts';
import { KillSwitchResolver, LiveConfirmationTokenResolver } from './deployment/kill-switch.resolver.ts';
import { BenchmarkBasketResolver, RiskResolver, riskPostureThrottleMs } from './risk/risk.resolver.ts';
import { throttleSubscriptionField } from './throttled-subscription.ts';
import { ExchangeCredentialResolver } from './deployment/exchange-credential.resolver.ts';

export const resolvers = [
  NodeResolver,
  MarketDataSetResolver,
  BacktestRunResolver,
  GovernanceSimulationResolver,
  GovernanceSimulationResultResolver,
  SimulationArmReportResolver,
  RunComparisonResolver,
  RunReplayResolver,
  RunAnalyticsResolver,
  LineageResolver,
  OptimizationResolver,
  WalkForwardSegmentResolver,
  HyperparameterTrialResolver,
  StrategyResolver,
  StrategyVersionResolver,
  ParameterConfigResolver,
  StrategyRegistryResolver,
  ScorecardEntryResolver,
  EvaluationCycleResolver,
  CycleConfigurationResolver,
  TriggerEventResolver,
  OperationsResolver,
  MonitoringIncidentResolver,
  NotificationResolver,
  NotificationChannelResolver,
  NotificationDeliveryResolver,
  DailyReportResolver,
  PromotionPolicyResolver,
  PromotionRequestResolver,
  StageControlResolver,
  PromotionBoardResolver,
  PromotionCandidateResolver,
  CapitalResolver,
  ReconciliationResolver,
  DeploymentResolver,
  DeploymentOrderResolver,
  DeploymentFillResolver,
  DeploymentEventResolver,
  KillSwitchResolver,
  LiveConfirmationTokenResolver,
  RiskResolver,
  BenchmarkBasketResolver,
  ExchangeCredentialResolver,
  AuthResolver,
  UserResolver,
  AuditResolver,
] as const;

/** Builds the executable schema; `pubSub` carries subscription events (Postgres LISTEN/NOTIFY in the server). */
export async function makeSchema(pubSub: PubSub): Promise<GraphQLSchema> {
  // One field guard authorizes every field read (queries, subscription payloads; stack-notes §8) and bounds every
  // text and list argument (input-limits.ts, whose limits the descriptions document). It wraps the built schema's
  // resolvers synchronously rather than being a type-graphql global middleware, which would make every field of
  // every response a promise (issue 9 "Under load").
  // riskPosture recomputes every active deployment's posture per push: at most one push a second per subscriber.
  return throttleSubscriptionField(guardSchemaFields(documentInputLimits(await buildSchema({ resolvers, pubSub, validate: false }))), 'riskPosture', riskPostureThrottleMs);
}

/** The schema in SDL, sorted, as committed in `schema.graphql`. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
