import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { activationStates } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import { deploymentEventCategories, deploymentEventKindNames } from '../../domain/deployment/deployment-event-kinds.ts';
import { degradationReasons, deploymentHealthStates } from '../../domain/deployment/deployment-health.lifecycle.ts';
import { deploymentStages } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { killSwitchScopes, killSwitchStates } from '../../domain/deployment/kill-switch.lifecycle.ts';
import { orderStates } from '../../domain/deployment/order-state.lifecycle.ts';
import { pretradeRules } from '../../domain/deployment/pretrade-rules.ts';
import { tradingStates } from '../../domain/deployment/trading-state.lifecycle.ts';
import { exchangeVenues, executionVenues, feedKinds, liquiditySides, orderIntentKinds, orderSides, orderTypes } from '../../domain/deployment/venues.ts';
import { screamingEnum } from '../screaming-enum.ts';

export const DeploymentStageEnum = screamingEnum(deploymentStages);
export const ActivationStateEnum = screamingEnum(activationStates);
export const TradingStateEnum = screamingEnum(tradingStates);
export const DeploymentHealthEnum = screamingEnum(deploymentHealthStates);
export const DegradationReasonEnum = screamingEnum(degradationReasons);
export const FeedKindEnum = screamingEnum(feedKinds);
export const ExecutionVenueEnum = screamingEnum(executionVenues);
export const ExchangeVenueEnum = screamingEnum(exchangeVenues);
export const OrderTypeEnum = screamingEnum(orderTypes);
export const OrderSideEnum = screamingEnum(orderSides);
export const OrderStateEnum = screamingEnum(orderStates);
export const OrderIntentEnum = screamingEnum(orderIntentKinds);
export const LiquiditySideEnum = screamingEnum(liquiditySides);
export const DeploymentEventCategoryEnum = screamingEnum(deploymentEventCategories);
export const DeploymentEventKindEnum = screamingEnum(deploymentEventKindNames);
export const PretradeRuleEnum = screamingEnum(pretradeRules);
export const KillSwitchScopeEnum = screamingEnum(killSwitchScopes);
export const KillSwitchStateEnum = screamingEnum(killSwitchStates);

registerEnumType(DeploymentStageEnum, {
  name: 'DeploymentStage',
  description:
    'How far a deployment may act: OBSERVE records signals only; SHADOW fills simulated orders on the feed (no broker); PAPER places orders in the paper order store; LIVE places real orders, only with a valid LIVE confirmation token.',
});
registerEnumType(ActivationStateEnum, {
  name: 'ActivationState',
  description: 'Whether the runner processes the bars: PENDING (not yet), ACTIVE, PAUSED (manual pause; resume catches up), ROLLED_BACK, RETIRED.',
});
registerEnumType(TradingStateEnum, {
  name: 'TradingState',
  description: 'ACTIVE trades; REDUCING allows only orders that reduce exposure (and cancels); HALTED places no new orders (cancels allowed). The stricter of a deployment’s and the global state applies; a kill switch overrides both.',
});
registerEnumType(DeploymentHealthEnum, { name: 'DeploymentHealth', description: 'HEALTHY, or DEGRADED while the feed is stale or skewed or the connector unavailable (no orders then).' });
registerEnumType(DegradationReasonEnum, { name: 'DegradationReason', description: 'Why a deployment is DEGRADED.' });
registerEnumType(FeedKindEnum, { name: 'FeedKind', description: 'REPLAY of a stored dataset, or LIVE polling of an exchange’s bars.' });
registerEnumType(ExecutionVenueEnum, { name: 'ExecutionVenue', description: 'Where orders go: SHADOW (fill model), PAPER (paper order store), BINANCEUS (Binance US), COINBASE (Coinbase Advanced Trade).' });
registerEnumType(ExchangeVenueEnum, { name: 'ExchangeVenue', description: 'A real exchange (ccxt id): BINANCEUS (Binance US) or COINBASE (Coinbase Advanced Trade).' });
registerEnumType(OrderTypeEnum, { name: 'OrderType', description: 'MARKET fills at the next tradable price; LIMIT only at its limit price or better.' });
registerEnumType(OrderSideEnum, { name: 'OrderSide' });
registerEnumType(OrderStateEnum, {
  name: 'OrderState',
  description:
    'NEW → SUBMITTED → ACCEPTED → PARTIALLY_FILLED → FILLED, or CANCELED, REJECTED (by the venue), EXPIRED, DENIED (refused by a pre-trade check, never sent); UNRESOLVED while the venue’s status is unknown, until reconciliation.',
});
registerEnumType(OrderIntentEnum, { name: 'OrderIntent', description: 'Why an order exists: REBALANCE (the strategy’s target changed) or FLATTEN (a manual flatten closes the position).' });
registerEnumType(LiquiditySideEnum, { name: 'LiquiditySide', description: 'TAKER (market orders, marketable limits) or MAKER (resting limits).' });
registerEnumType(DeploymentEventCategoryEnum, { name: 'DeploymentEventCategory', description: 'REFUSAL (pre-trade), DATA_INTEGRITY (feed), CONNECTOR, RECONCILIATION, RUNTIME.' });
registerEnumType(DeploymentEventKindEnum, { name: 'DeploymentEventKind', description: 'What a deployment event records (see its category).' });
registerEnumType(PretradeRuleEnum, {
  name: 'PretradeRule',
  description:
    'The pre-trade checks, in the order applied: KILL_SWITCH, TRADING_STATE, FRESHNESS (ms since the last bar closed), MAX_NOTIONAL_PER_ORDER (quote currency), CAPITAL_ALLOCATION (fraction of the portfolio), MAX_POSITION_FRACTION (fraction of equity), AVAILABLE_BALANCE (quote currency), INVALID_ORDER.',
});
registerEnumType(KillSwitchScopeEnum, { name: 'KillSwitchScope', description: 'GLOBAL (every deployment) or STRATEGY (one strategy’s deployments).' });
registerEnumType(KillSwitchStateEnum, { name: 'KillSwitchState', description: 'OFF, or ON: every broker-side action in scope is denied (cancels allowed) and open orders are cancelled.' });
