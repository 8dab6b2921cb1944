import { AuditCheckpoint } from './audit/audit-checkpoint.entity.ts';
import { AuditEvent } from './audit/audit-event.entity.ts';
import { AuditSigningKey } from './audit/audit-signing-key.entity.ts';
import { ApiToken } from './auth/api-token.entity.ts';
import { UserSession } from './auth/user-session.entity.ts';
import { BacktestEquityCurve } from './backtest/backtest-equity-curve.entity.ts';
import { BacktestRun } from './backtest/backtest-run.entity.ts';
import { SimulationRun } from './simulation/simulation-run.entity.ts';
import { DeploymentAudit } from './deployment/deployment-audit.entity.ts';
import { Deployment } from './deployment/deployment.entity.ts';
import { DeploymentBar } from './deployment/deployment-bar.entity.ts';
import { VenueBar } from './market-data/venue-bar.entity.ts';
import { DeploymentEvent } from './deployment/deployment-event.entity.ts';
import { DeploymentFill } from './deployment/deployment-fill.entity.ts';
import { DeploymentOrder } from './deployment/deployment-order.entity.ts';
import { DeploymentSignal } from './deployment/deployment-signal.entity.ts';
import { GlobalTradingState } from './deployment/global-trading-state.entity.ts';
import { KillSwitchChange } from './deployment/kill-switch-change.entity.ts';
import { KillSwitch } from './deployment/kill-switch.entity.ts';
import { LiveConfirmationToken } from './deployment/live-confirmation-token.entity.ts';
import { ExchangeCredential } from './deployment/exchange-credential.entity.ts';
import { PnlSnapshot } from './deployment/pnl-snapshot.entity.ts';
import { PositionSnapshot } from './deployment/position-snapshot.entity.ts';
import { MarketBar } from './market-data/market-bar.entity.ts';
import { MarketDataSet } from './market-data/market-data-set.entity.ts';
import { MonitoringIncident } from './monitoring/monitoring-incident.entity.ts';
import { HyperparameterTrial } from './optimization/hyperparameter-trial.entity.ts';
import { Optimization } from './optimization/optimization.entity.ts';
import { WalkForwardSegment } from './optimization/walk-forward-segment.entity.ts';
import { ScorecardEntry } from './scoring/scorecard-entry.entity.ts';
import { ScoringPolicyVersion } from './scoring/scoring-policy.entity.ts';
import { CapitalPolicyVersion } from './promotion/capital-policy.entity.ts';
import { PromotionPolicyVersion } from './promotion/promotion-policy.entity.ts';
import { PromotionRecord } from './promotion/promotion-record.entity.ts';
import { PromotionApproval, PromotionRequest } from './promotion/promotion-request.entity.ts';
import { PromotionCandidate } from './promotion/promotion-candidate.entity.ts';
import { DeploymentMonitoringState } from './monitoring/deployment-monitoring-state.entity.ts';
import { MonitoringPolicyVersion } from './monitoring/policy/monitoring-policy.entity.ts';
import { CycleConfiguration } from './cycle/cycle-configuration.entity.ts';
import { EvaluationCycle } from './cycle/evaluation-cycle.entity.ts';
import { Notification } from './notification/notification.entity.ts';
import { NotificationChannel } from './notification/notification-channel.entity.ts';
import { DailyReport } from './reporting/daily-report.entity.ts';
import { NotificationDelivery } from './notification/notification-delivery.entity.ts';
import { NotificationDeliveryAttempt } from './notification/notification-delivery-attempt.entity.ts';
import { TriggerEvent } from './trigger/trigger-event.entity.ts';
import { TriggerLink } from './trigger/trigger-link.entity.ts';
import { EventOverflow } from './event-log/event-overflow.entity.ts';
import { WorkerHeartbeat } from './operations/worker-heartbeat.entity.ts';
import { ParameterConfig } from './strategy/parameter-config.entity.ts';
import { Strategy } from './strategy/strategy.entity.ts';
import { StrategyVersion } from './strategy/strategy-version.entity.ts';
import { User } from './user/user.entity.ts';

/** Every entity the ORM maps; the migrations are generated from these. */
export const entities = [
  User,
  Strategy,
  StrategyVersion,
  ParameterConfig,
  MarketDataSet,
  MarketBar,
  BacktestRun,
  BacktestEquityCurve,
  SimulationRun,
  Optimization,
  WalkForwardSegment,
  HyperparameterTrial,
  ScorecardEntry,
  Deployment,
  DeploymentAudit,
  DeploymentOrder,
  DeploymentFill,
  PositionSnapshot,
  PnlSnapshot,
  DeploymentSignal,
  DeploymentEvent,
  DeploymentBar,
  VenueBar,
  KillSwitch,
  KillSwitchChange,
  GlobalTradingState,
  LiveConfirmationToken,
  ExchangeCredential,
  MonitoringIncident,
  UserSession,
  ApiToken,
  AuditEvent,
  AuditCheckpoint,
  AuditSigningKey,
  ScoringPolicyVersion,
  PromotionPolicyVersion,
  PromotionRecord,
  PromotionRequest,
  PromotionApproval,
  PromotionCandidate,
  CapitalPolicyVersion,
  MonitoringPolicyVersion,
  DeploymentMonitoringState,
  EvaluationCycle,
  CycleConfiguration,
  TriggerEvent,
  TriggerLink,
  Notification,
  NotificationChannel,
  NotificationDelivery,
  NotificationDeliveryAttempt,
  DailyReport,
  WorkerHeartbeat,
  EventOverflow,
];
