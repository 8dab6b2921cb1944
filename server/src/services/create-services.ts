import { AuditService } from './audit/audit.service.ts';
import { AuthService } from './auth/auth.service.ts';
import { Governance } from './auth/authorize.ts';
import { UserService } from './auth/user.service.ts';
import { BacktestService } from './backtest/backtest.service.ts';
import { GovernanceSimulationService } from './simulation/governance-simulation.service.ts';
import { RunComparisonService } from './backtest/run-comparison.service.ts';
import { RunReplayService } from './backtest/run-replay.service.ts';
import { LineageService } from './reporting/lineage.service.ts';
import { ReportService } from './reporting/report.service.ts';
import { MarketDataService } from './market-data/market-data.service.ts';
import { OptimizationService } from './optimization/optimization.service.ts';
import type { ServiceContext, ServiceSettings } from './service-context.ts';
import { StrategyService } from './strategy/strategy.service.ts';
import { EvaluationCycleService } from './cycle/evaluation-cycle.service.ts';
import { ScorecardService } from './scoring/scorecard.service.ts';
import { TriggerService } from './trigger/trigger.service.ts';
import { OperationsService } from './operations/operations.service.ts';
import { IncidentService } from './incident/incident.service.ts';
import { NotificationService } from './notification/notification.service.ts';
import { NotificationChannelService } from './notification/notification-channel.service.ts';
import { NotificationDeliveryService } from './notification/notification-delivery.service.ts';
import { DailyReportService } from './reporting/daily-report.service.ts';
import { defaultNotificationDeliverySettings } from '../infra/notification/delivery-settings.ts';
import { EventSnapshots } from './events/event-snapshots.ts';
import { DeploymentControlService } from './deployment/deployment-control.service.ts';
import { DeploymentQueryService } from './deployment/deployment-query.service.ts';
import { KillSwitchService } from './deployment/kill-switch.service.ts';
import { LiveConfirmationTokenService } from './deployment/live-confirmation-token.service.ts';
import { ExchangeCredentialService } from './deployment/exchange-credential.service.ts';
import { DeploymentRunnerService } from './deployment/deployment-runner.service.ts';
import { demoSecuritySettings } from '../infra/security/security-settings.ts';
import { PromotionPolicyService } from './promotion/promotion-policy.service.ts';
import { PromotionRequestService } from './promotion/promotion-request.service.ts';
import { StageControlService } from './promotion/stage-control.service.ts';
import { BenchmarkBasketService } from './benchmark/benchmark-basket.service.ts';
import { RiskPostureService } from './risk/risk-posture.service.ts';
import { PromotionCandidateService } from './promotion/promotion-candidate.service.ts';
import { PromotionBoardService } from './promotion/promotion-board.service.ts';
import { CapitalService } from './promotion/capital.service.ts';
import { MonitoringService } from './monitoring/monitoring.service.ts';
import { ReconciliationService } from './monitoring/reconciliation.service.ts';
import { StrategyRedundancyService } from './monitoring/strategy-redundancy.service.ts';

/** Every use-case, bound to one context. The one factory the GraphQL context and worker tasks both call. */
export function createServices(ctx: ServiceContext, settings: ServiceSettings) {
  const governance = new Governance(ctx, settings.security ?? demoSecuritySettings);
  const backtests = new BacktestService(ctx, governance);
  const triggers = new TriggerService(ctx, governance, backtests);
  const strategies = new StrategyService(ctx, governance, triggers);
  const delivery = settings.notificationDelivery ?? defaultNotificationDeliverySettings;
  const notifications = new NotificationService(ctx, governance, delivery.retry);
  const scorecards = new ScorecardService(ctx, governance, notifications);
  const benchmarkBasket = new BenchmarkBasketService(ctx, governance);
  const runReplays = new RunReplayService(ctx, governance, benchmarkBasket);
  const lineage = new LineageService(ctx, governance);
  const audit = new AuditService(ctx, governance);
  const runComparisons = new RunComparisonService(ctx, governance);
  const cycles = new EvaluationCycleService(ctx, governance, { triggers, scorecards, strategies });
  const governanceSimulations = new GovernanceSimulationService(ctx, governance);
  const deploymentControl = new DeploymentControlService(ctx, governance, notifications);
  return {
    /** Authorization and the audit recorder of this context (the API edge checks mutations with it too). */
    governance,
    auth: new AuthService(ctx, governance, settings.signInThrottle),
    users: new UserService(ctx, governance),
    audit,
    marketData: new MarketDataService(ctx, settings, governance, triggers),
    backtests,
    optimizations: new OptimizationService(ctx, governance),
    governanceSimulations,
    runComparisons,
    /** Trades, price chart and report analytics of a completed run (engine replay). */
    runReplays,
    /** Lineage of a run, scorecard entry, version approval or promotion record (compliance). */
    lineage,
    /** Downloadable reports (PDF, CSV, JSON). */
    reports: new ReportService(ctx, governance, { runReplays, lineage, strategies, audit, runComparisons, cycles, simulations: governanceSimulations }),
    strategies,
    triggers,
    scorecards,
    promotionPolicies: new PromotionPolicyService(ctx, governance),
    promotionRequests: new PromotionRequestService(ctx, governance, notifications, settings.venues),
    /** Capital policy, allocations per deployment, rollout completion. */
    capital: new CapitalService(ctx, governance),
    /** Demotion, freeze, unfreeze and regulatory hold by hand (the monitor uses the same mechanics automatically). */
    stageControl: new StageControlService(ctx, governance, notifications),
    /** The production pipeline board (read-only). */
    promotionBoard: new PromotionBoardService(ctx, governance),
    promotionCandidates: new PromotionCandidateService(ctx, governance, notifications, deploymentControl),
    cycles,
    operations: new OperationsService(ctx, governance),
    notifications,
    /** Notification channels (webhooks, email) configured by admins. */
    notificationChannels: new NotificationChannelService(ctx, governance, delivery.retry.maxAttempts),
    /** Sending queued deliveries (worker) and the delivery log. */
    notificationDeliveries: new NotificationDeliveryService(ctx, governance, delivery),
    /** Daily performance reports per strategy (the daily job writes them). */
    dailyReports: new DailyReportService(ctx, governance),
    incidents: new IncidentService(ctx, governance, triggers, notifications),
    /** Continuous monitoring: every P&L mark evaluated against the monitoring policy and the basket; actions taken once. */
    monitoring: new MonitoringService(ctx, governance, triggers, notifications, settings.venues),
    /** The correlation rule between live (PAPER, LIVE) strategies: a redundancy flag on the lower-ranked, once per episode (hourly job). */
    strategyRedundancy: new StrategyRedundancyService(ctx, governance, triggers, notifications),
    /** Live-vs-backtest reconciliation of a deployment. */
    reconciliation: new ReconciliationService(ctx, governance),
    /** Deployments and their records (orders, fills, events, position and P&L series). */
    deployments: new DeploymentQueryService(ctx, governance),
    /** Start, pause, resume, halt, flatten; the global trading state. */
    deploymentControl,
    killSwitches: new KillSwitchService(ctx, governance, notifications),
    liveConfirmationTokens: new LiveConfirmationTokenService(ctx, governance),
    /** Exchange credentials per venue: status, set/rotate, delete. */
    exchangeCredentials: new ExchangeCredentialService(ctx, governance),
    /** The deployment runner: bar processing and the freshness check (worker tasks). */
    /** The benchmark basket (BTC / ETH / top alt) as a series. */
    benchmarkBasket,
    /** The risk desk's posture of every active deployment. */
    riskPosture: new RiskPostureService(ctx, governance),
    deploymentRunner: new DeploymentRunnerService(ctx, governance, settings, notifications),
    /** Event snapshots → entities, for subscriptions. */
    events: new EventSnapshots(ctx, governance),
  };
}

export type Services = ReturnType<typeof createServices>;
