import type { EntityClass } from '@mikro-orm/core';
import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { SimulationRun } from '../../domain/simulation/simulation-run.entity.ts';
import { EvaluationCycle } from '../../domain/cycle/evaluation-cycle.entity.ts';
import { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { KillSwitch } from '../../domain/deployment/kill-switch.entity.ts';
import type { EventTopic, EventTopics } from '../../domain/events.ts';
import { GlobalTradingState } from '../../domain/deployment/global-trading-state.entity.ts';
import { LiveConfirmationToken } from '../../domain/deployment/live-confirmation-token.entity.ts';
import { MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { Notification } from '../../domain/notification/notification.entity.ts';
import { NotificationDelivery } from '../../domain/notification/notification-delivery.entity.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { PromotionRequest } from '../../domain/promotion/promotion-request.entity.ts';
import { Optimization } from '../../domain/optimization/optimization.entity.ts';
import { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { TriggerEvent } from '../../domain/trigger/trigger-event.entity.ts';

/** The object an event is about: its entity and how to find its id in the payload. */
export interface EventObject<T extends EventTopic> {
  entity: EntityClass<object>;
  idOf(payload: EventTopics[T]): string;
}

/**
 * The object each topic carries a snapshot of (topics not listed carry none). Every subscription delivers this
 * snapshot — the object's row as of the event — instead of re-reading the row later.
 */
export const eventObjects: { [T in EventTopic]?: EventObject<T> } = {
  GLOBAL_TRADING_STATE_CHANGED: { entity: GlobalTradingState, idOf: (payload) => payload.id },
  LIVE_CONFIRMATION_TOKEN_UPDATED: { entity: LiveConfirmationToken, idOf: (payload) => payload.id },

  BACKTEST_RUN_UPDATED: { entity: BacktestRun, idOf: (payload) => payload.id },
  SIMULATION_RUN_UPDATED: { entity: SimulationRun, idOf: (payload) => payload.id },
  MARKET_DATA_SET_CERTIFIED: { entity: MarketDataSet, idOf: (payload) => payload.id },
  STRATEGY_UPDATED: { entity: Strategy, idOf: (payload) => payload.id },
  STRATEGY_VERSION_UPDATED: { entity: StrategyVersion, idOf: (payload) => payload.id },
  NOTIFICATION_CREATED: { entity: Notification, idOf: (payload) => payload.id },
  NOTIFICATION_READ: { entity: Notification, idOf: (payload) => payload.id },
  NOTIFICATION_DELIVERY_UPDATED: { entity: NotificationDelivery, idOf: (payload) => payload.id },
  SCORECARD_UPDATED: { entity: EvaluationCycle, idOf: (payload) => payload.cycleId },
  TRIGGER_RECORDED: { entity: TriggerEvent, idOf: (payload) => payload.id },
  OPTIMIZATION_PROGRESS: { entity: Optimization, idOf: (payload) => payload.id },
  DEPLOYMENT_UPDATED: { entity: Deployment, idOf: (payload) => payload.id },
  PROMOTION_REQUEST_UPDATED: { entity: PromotionRequest, idOf: (payload) => payload.id },
  PROMOTION_POLICY_UPDATED: { entity: PromotionPolicyVersion, idOf: (payload) => payload.id },
  DEPLOYMENT_ORDER_UPDATED: { entity: DeploymentOrder, idOf: (payload) => payload.id },
  KILL_SWITCH_CHANGED: { entity: KillSwitch, idOf: (payload) => payload.id },
  INCIDENT_UPDATED: { entity: MonitoringIncident, idOf: (payload) => payload.id },
};
