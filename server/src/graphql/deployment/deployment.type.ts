import 'reflect-metadata';
import { DetailEntryType } from '../detail-entry.type.ts';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import type { DeploymentFill } from '../../domain/deployment/deployment-fill.entity.ts';
import type { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import { rolloutWaves, type Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { GlobalTradingState } from '../../domain/deployment/global-trading-state.entity.ts';
import type { KillSwitchChange } from '../../domain/deployment/kill-switch-change.entity.ts';
import type { KillSwitch } from '../../domain/deployment/kill-switch.entity.ts';
import type { LiveConfirmationToken } from '../../domain/deployment/live-confirmation-token.entity.ts';
import type { PnlSnapshot } from '../../domain/deployment/pnl-snapshot.entity.ts';
import type { PositionSnapshot } from '../../domain/deployment/position-snapshot.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import { TimeframeEnum } from '../enums.ts';
import { makeConnectionType, NodeInterface } from '../relay.ts';
import { screamingEnum } from '../screaming-enum.ts';
import {
  ActivationStateEnum,
  DegradationReasonEnum,
  DeploymentEventCategoryEnum,
  DeploymentEventKindEnum,
  DeploymentHealthEnum,
  DeploymentStageEnum,
  ExchangeVenueEnum,
  ExecutionVenueEnum,
  FeedKindEnum,
  KillSwitchScopeEnum,
  KillSwitchStateEnum,
  LiquiditySideEnum,
  OrderIntentEnum,
  OrderSideEnum,
  OrderStateEnum,
  OrderTypeEnum,
  PretradeRuleEnum,
  TradingStateEnum,
} from './deployment-enums.ts';

export const RolloutWaveEnum = screamingEnum(rolloutWaves);
registerEnumType(RolloutWaveEnum, { name: 'RolloutWave', description: 'PILOT (a first slice of capital) or FULL.' });

const money = (what: string) => `${what}, in the deployment's quote currency (quoteCurrency). Capital figure: null with a FORBIDDEN error for research.`;

@ObjectType('Deployment', {
  implements: NodeInterface,
  description:
    'One strategy version’s parameter configuration running on a market feed (a replayed dataset or an exchange’s live bars) at a stage, with its fill model, limits and its state after the last processed bar. Money in `quoteCurrency`; research sees no capital figures.',
})
export class DeploymentType
  extends NodeInterface
  implements
    EntityFields<Deployment, 'strategy' | 'strategyVersion' | 'parameterConfig' | 'createdBy' | 'replayDataset' | 'approvedBy' | 'venueLeaseOwner' | 'venueLeaseUntil' | 'repeatingDenialOrderId' | 'repeatingDenialKey'>
{
  @Field(() => String, { description: 'The row UUID.' })
  databaseId!: string;

  @Field(() => ActivationStateEnum)
  activationState!: Deployment['activationState'];

  @Field(() => DeploymentStageEnum, { description: 'The stage it was started or promoted to.' })
  stage!: Deployment['stage'];

  @Field(() => DeploymentStageEnum, { description: 'The stage the runner acted in on the last bar: equal to `stage` unless it failed closed to OBSERVE (see effectiveStageReason).' })
  effectiveStage!: Deployment['effectiveStage'];

  @Field(() => String, { nullable: true, description: 'Why effectiveStage differs from stage (no valid LIVE token, an unknown configuration); null when equal.' })
  effectiveStageReason!: string | null;

  @Field(() => TradingStateEnum, { description: 'The deployment’s own trading state; the global one applies on top (see effectiveTradingState).' })
  tradingState!: Deployment['tradingState'];

  @Field(() => String, { nullable: true, description: 'The operator’s reason for the last trading-state change.' })
  tradingStateReason!: string | null;

  @Field(() => DeploymentHealthEnum)
  health!: Deployment['health'];

  @Field(() => DegradationReasonEnum, { nullable: true, description: 'Why it is DEGRADED; null while HEALTHY.' })
  healthReason!: Deployment['healthReason'];

  @Field(() => FeedKindEnum)
  feedKind!: Deployment['feedKind'];

  @Field(() => Int, { nullable: true, description: 'Replay pace: clock milliseconds per bar (100 = ten bars a second); null = as fast as the runner goes, or a live feed.' })
  replayBarIntervalMs!: number | null;

  @Field(() => Date, { nullable: true, description: 'Replay: open time of the first bar processed (set when the runner starts it if not given).' })
  replayStartAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Replay: open time of the last bar processed; null = to the dataset’s end.' })
  replayEndAt!: Date | null;

  @Field(() => ExchangeVenueEnum, { nullable: true, description: 'Live feed: the exchange whose bars are polled; null for a replay.' })
  feedVenue!: Deployment['feedVenue'];

  @Field(() => String, { description: 'Traded instrument, ccxt unified symbol BASE/QUOTE (BTC/USDT).' })
  symbol!: string;

  @Field(() => TimeframeEnum, { description: 'Bar length of the feed.' })
  timeframe!: Deployment['timeframe'];

  @Field(() => String, { description: 'Currency of every money amount of this deployment (the symbol’s quote).' })
  quoteCurrency!: string;

  @Field(() => Int, { description: 'Bars of history before the first processed bar, given to the template as warm-up (never traded on).' })
  warmUpBars!: number;

  @Field(() => ExecutionVenueEnum, { description: 'Where orders go: SHADOW (fill model), PAPER, or an exchange.' })
  venue!: Deployment['venue'];

  @Field(() => Float, { description: 'Fill model: slippage against the trader on market fills, basis points of the reference price.' })
  slippageBps!: number;

  @Field(() => Float, { description: 'Fill model: taker fee, basis points of filled notional.' })
  takerFeeBps!: number;

  @Field(() => Float, { description: 'Fill model: maker fee, basis points of filled notional.' })
  makerFeeBps!: number;

  @Field(() => Float, { nullable: true, description: 'Fill model: largest fraction of a bar’s base volume one order fills in that bar (0.1 = 10 %); null = no cap. The unfilled rest is cancelled, never re-ordered.' })
  participationCap!: number | null;

  @Field(() => Int, { description: 'Fill model: decision-to-order latency, milliseconds.' })
  latencyMs!: number;

  @Field(() => OrderTypeEnum)
  orderType!: Deployment['orderType'];

  @Field(() => Float, { nullable: true, description: 'Limit orders: offset from the reference price in the trader’s favour, basis points; null for market orders.' })
  limitOffsetBps!: number | null;

  @Field(() => Float, { description: 'Fill model seed, a whole number 0–4294967295 (deterministic replays).' })
  seed!: number;

  @Field(() => Float, { nullable: true, description: money('Largest notional of one order (pre-trade check max_notional_per_order)') })
  maxNotionalPerOrder!: number;

  @Field(() => Float, { nullable: true, description: 'Fraction of the portfolio this deployment may use (0.05 = 5 %). Capital figure: null with a FORBIDDEN error for research.' })
  capitalAllocation!: number;

  @Field(() => Float, { description: 'Largest |position notional| / equity (pre-trade check max_position_fraction), a fraction.' })
  maxPositionFraction!: number;

  @Field(() => Int, { description: 'Freshness limit: clock now − last closed bar’s close, milliseconds; beyond it no order and DEGRADED.' })
  maxBarAgeMs!: number;

  @Field(() => Float, { nullable: true, description: money('Starting equity') })
  initialEquity!: number;

  @Field(() => Date, { nullable: true, description: 'Feed cursor: open time of the last bar taken from the feed (accepted or refused).' })
  lastProcessedBarAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Open time of the last bar accepted and traded on.' })
  lastAcceptedBarAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Open time of the first bar of the template’s history (warm-up included).' })
  historyStartAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Paced replay: when its replay clock started (platform clock).' })
  replayClockStartedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the last bar was received (platform clock).' })
  lastBarReceivedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: money('Cash') })
  cash!: number;

  @Field(() => Float, { nullable: true, description: 'Position, base units (negative = short). Capital figure: null with a FORBIDDEN error for research.' })
  positionQuantity!: number;

  @Field(() => Float, { description: 'Quantity-weighted entry price of the open position, quote per base; 0 when flat.' })
  averageEntryPrice!: number;

  @Field(() => Float, { description: 'Target position in force, a signed fraction of equity (1 = fully long, 0 = flat, −1 = fully short).' })
  targetInForce!: number;

  @Field(() => Float, { nullable: true, description: 'Target decided at the last bar’s close, acted on at the next bar’s open; null = none.' })
  pendingTarget!: number | null;

  @Field(() => Float, { nullable: true, description: money('Equity marked at the last bar’s close (cash + position × close)') })
  equity!: number;

  @Field(() => Float, { nullable: true, description: money('Highest equity marked so far') })
  peakEquity!: number;

  @Field(() => Float, { nullable: true, description: money('Realized P&L so far, net of fees') })
  realizedPnl!: number;

  @Field(() => Float, { nullable: true, description: money('Fees paid so far') })
  feesPaid!: number;

  @Field(() => Boolean, { description: 'Equity reached 0: the account was closed out and stays flat.' })
  liquidated!: boolean;

  @Field(() => Date, { nullable: true, description: 'A manual flatten waiting for the next bar (then an order closes the whole position); null when none.' })
  flattenRequestedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'LIVE: when open orders and holdings were last reconciled with the exchange; null = never (no LIVE order before the first).' })
  venueReconciledAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'LIVE: base units of the exchange account that are not this deployment’s (measured at its first reconciliation). Capital figure: null with a FORBIDDEN error for research.' })
  venueBaseBaseline!: number | null;

  @Field(() => Date, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => RolloutWaveEnum, { nullable: true })
  rolloutWave!: Deployment['rolloutWave'];

  @Field(() => Date, { nullable: true, description: 'When the activation of its current stage started (the runner’s first bar, or the promotion into the stage).' })
  activationStartedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the activation of its current stage completed (at once without capital; when the rollout reached the full wave for PAPER and LIVE; null during a pilot wave).' })
  activationCompletedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why the monitor released the deployment's capital (rollback or deactivation): the first release's reason, then one line per later release ('<ISO time> <kind> by the monitor: <message>'); null before any.",
  })
  rollbackReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const DeploymentConnection = makeConnectionType('Deployment', DeploymentType);

@ObjectType('DeploymentOrder', { implements: NodeInterface, description: 'One order of a deployment, from intent to its final state; its fills are DeploymentFill rows. Quantities in base units, prices in quote per base.' })
export class DeploymentOrderType extends NodeInterface implements EntityFields<DeploymentOrder, 'deployment'> {
  @Field(() => String, { description: 'Deterministic from (deployment, decision bar, intent): a retried job computes the same id, so an order is never placed twice.' })
  clientOrderId!: string;

  @Field(() => Date, { description: 'Open time of the bar at whose close the target behind this order was decided.' })
  decisionBarAt!: Date;

  @Field(() => OrderIntentEnum)
  intent!: DeploymentOrder['intent'];

  @Field(() => DeploymentStageEnum, { description: 'The stage it was placed in.' })
  stage!: DeploymentOrder['stage'];

  @Field(() => ExecutionVenueEnum)
  venue!: DeploymentOrder['venue'];

  @Field(() => OrderSideEnum)
  side!: DeploymentOrder['side'];

  @Field(() => OrderTypeEnum)
  orderType!: DeploymentOrder['orderType'];

  @Field(() => Float, { nullable: true, description: 'Ordered quantity, base units. Capital figure: null with a FORBIDDEN error for research.' })
  quantity!: number;

  @Field(() => Float, { nullable: true, description: 'Limit price, quote per base; null for market orders.' })
  limitPrice!: number | null;

  @Field(() => Float, { description: 'Price it was sized at (the next bar’s open, or the venue’s price at submission), quote per base.' })
  referencePrice!: number;

  @Field(() => OrderStateEnum)
  state!: DeploymentOrder['state'];

  @Field(() => Float, { nullable: true, description: 'Filled quantity so far, base units. Capital figure: null with a FORBIDDEN error for research.' })
  filledQuantity!: number;

  @Field(() => Float, { description: 'Fill ratio: filledQuantity / quantity, a fraction in [0, 1] (a partial fill’s remainder is never re-ordered).' })
  fillRatio!: number;

  @Field(() => Float, { nullable: true, description: 'Quantity-weighted average fill price, quote per base; null before the first fill.' })
  averagePrice!: number | null;

  @Field(() => Float, { nullable: true, description: money('Fees charged so far') })
  fees!: number;

  @Field(() => String, { nullable: true, description: 'The venue’s order id; null for simulated orders.' })
  venueOrderId!: string | null;

  @Field(() => String, { nullable: true, description: 'The venue’s own status word as last read (e.g. Coinbase FAILED); null for simulated venues.' })
  rawVenueStatus!: string | null;

  @Field(() => PretradeRuleEnum, { nullable: true, description: 'DENIED orders: the pre-trade rule that refused it.' })
  refusalRule!: DeploymentOrder['refusalRule'];

  @Field(() => String, { nullable: true, description: 'DENIED orders: the rule’s threshold as the engine states it, in the rule’s unit (see PretradeRule). Research: null with FORBIDDEN.' })
  refusalThreshold!: string | null;

  @Field(() => String, { nullable: true, description: 'DENIED orders: the measured value, same unit. Research: null with FORBIDDEN.' })
  refusalMeasured!: string | null;

  @Field(() => String, { nullable: true, description: 'DENIED orders: the refusal in words; a cancelled order: why (kill switch, halt, expiry). Research: null with FORBIDDEN.' })
  reason!: string | null;

  @Field(() => Int, { description: 'DENIED orders: bars in a row on which the same limit (rule) refused the same kind of order (side, intent), this order’s bar included. A denial repeated on every bar is one order, counted. 1 for every other order.' })
  repeatCount!: number;

  @Field(() => Date, { nullable: true, description: 'DENIED orders: open time of the last bar whose decision repeated this denial; null when it was not repeated.' })
  lastRepeatedBarAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const DeploymentOrderConnection = makeConnectionType('DeploymentOrder', DeploymentOrderType);

@ObjectType('DeploymentFill', { implements: NodeInterface, description: 'One execution of an order (immutable).' })
export class DeploymentFillType extends NodeInterface implements EntityFields<DeploymentFill, 'deployment' | 'order'> {
  @Field(() => Int, { description: '1, 2, … per order.' })
  sequence!: number;

  @Field(() => OrderSideEnum)
  side!: DeploymentFill['side'];

  @Field(() => Float, { nullable: true, description: 'Filled quantity, base units. Capital figure: null with a FORBIDDEN error for research.' })
  quantity!: number;

  @Field(() => Float, { description: 'Fill price, quote per base (slippage included).' })
  price!: number;

  @Field(() => Float, { nullable: true, description: money('Fee of this fill') })
  fee!: number;

  @Field(() => LiquiditySideEnum)
  liquidity!: DeploymentFill['liquidity'];

  @Field(() => Date, { description: 'Open time of the bar whose prices filled it (simulated), or of the bar in progress at a venue fill.' })
  barAt!: Date;

  @Field(() => Date, { description: 'The simulated fill time (bar open + latency) or the venue’s trade time.' })
  filledAt!: Date;

  @Field(() => String, { nullable: true, description: 'The venue’s trade id; null for simulated fills.' })
  venueTradeId!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const DeploymentFillConnection = makeConnectionType('DeploymentFill', DeploymentFillType);

@ObjectType('PositionSnapshot', { description: 'The position of a deployment at one bar’s close.' })
export class PositionSnapshotType implements EntityFields<PositionSnapshot, 'deployment'> {
  @Field(() => Date, { description: 'Open time of the bar at whose close the position was marked.' })
  barAt!: Date;

  @Field(() => Float, { nullable: true, description: 'Position, base units (negative = short). Capital figure: null with a FORBIDDEN error for research.' })
  quantity!: number;

  @Field(() => Float, { nullable: true, description: 'Quantity-weighted entry price, quote per base; null or 0 when flat.' })
  averageEntryPrice!: number | null;

  @Field(() => Float, { description: 'Mark price: the bar’s close, quote per base.' })
  markPrice!: number;

  @Field(() => Float, { nullable: true, description: money('quantity × markPrice (signed)') })
  notional!: number;

  @Field(() => Float, { description: 'Target position in force during the bar, a signed fraction of equity.' })
  targetInForce!: number;
}

@ObjectType('PnlSnapshot', { description: 'Profit and loss of a deployment at one bar’s close (also what livePnl delivers).' })
export class PnlSnapshotType implements EntityFields<PnlSnapshot, 'deployment' | 'returnFraction' | 'cash'> {
  @Field(() => Date, { description: 'Open time of the bar at whose close equity was marked.' })
  barAt!: Date;

  @Field(() => Float, { nullable: true, description: money('cash + quantity × close') })
  equity!: number;

  @Field(() => Float, { nullable: true, description: money('Cash (null in livePnl, which carries no cash)') })
  cash!: number | null;

  @Field(() => Float, { nullable: true, description: money('Realized P&L since the start, net of fees') })
  realizedPnl!: number;

  @Field(() => Float, { nullable: true, description: money('quantity × (close − average entry price)') })
  unrealizedPnl!: number;

  @Field(() => Float, { nullable: true, description: money('Fees paid since the start') })
  fees!: number;

  @Field(() => Float, { description: 'Drawdown: equity / peak equity − 1, a fraction ≤ 0 (0 at a new high; −0.2 = 20 % below the peak).' })
  drawdown!: number;

  @Field(() => Float, { description: 'Exposure: signed position value / equity, a fraction (0 when flat).' })
  exposure!: number;

  @Field(() => Float, { nullable: true, description: 'Return of the bar: equity / previous bar’s equity − 1, a fraction (null in livePnl).' })
  returnFraction!: number | null;
}

@ObjectType('DeploymentEvent', {
  implements: NodeInterface,
  description: 'Something that happened to a deployment besides orders and fills: a refusal (pre-trade check), a data-integrity finding (stale, skewed, out-of-order or invalid bar), a connector or reconciliation event, a runtime event (fallback to OBSERVE, orders cancelled).',
})
export class DeploymentEventType extends NodeInterface implements EntityFields<DeploymentEvent, 'deployment' | 'order' | 'evidence'> {
  @Field(() => Date, { description: 'Clock time of the event.' })
  occurredAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Open time of the bar concerned; null when none.' })
  barAt!: Date | null;

  @Field(() => DeploymentEventCategoryEnum)
  category!: DeploymentEvent['category'];

  @Field(() => DeploymentEventKindEnum)
  kind!: DeploymentEvent['kind'];

  @Field(() => String, { nullable: true, description: 'The rule that fired, as the engine names it: a pre-trade rule (kill_switch, freshness, max_notional_per_order …) or a bar rule (bar_out_of_order, bar_future_dated …).' })
  rule!: string | null;

  @Field(() => String, { nullable: true, description: 'The limit that was crossed, in the rule’s unit (times and ages: milliseconds). Research: null with FORBIDDEN.' })
  threshold!: string | null;

  @Field(() => String, { nullable: true, description: 'The measured value, same unit. Research: null with FORBIDDEN.' })
  measured!: string | null;

  @Field(() => String, { nullable: true, description: 'What happened, in a sentence naming the field, row or rule. Research: null with FORBIDDEN (it may quote amounts).' })
  message!: string;

  @Field(() => [DetailEntryType], { nullable: true, description: 'Evidence, one entry per value: the offending bar’s values, the venue’s raw status, counts … (small); null when none. Research: null with FORBIDDEN.' })
  evidence!: DetailEntryType[] | null;
}

export const DeploymentEventConnection = makeConnectionType('DeploymentEvent', DeploymentEventType);

@ObjectType('KillSwitch', {
  implements: NodeInterface,
  description: 'A kill switch, global or per strategy. While ON every broker-side action in its scope is denied (cancels allowed), open orders are cancelled, and it wins over every approval, stage and policy.',
})
export class KillSwitchType extends NodeInterface implements EntityFields<KillSwitch, 'strategy' | 'changedBy'> {
  @Field(() => KillSwitchScopeEnum)
  scope!: KillSwitch['scope'];

  @Field(() => KillSwitchStateEnum)
  state!: KillSwitch['state'];

  @Field(() => String, { nullable: true, description: 'Why it was last turned on or off.' })
  reason!: string | null;

  @Field(() => Date, { description: 'When it was last turned.' })
  changedAt!: Date;
}

@ObjectType('KillSwitchChange', { description: 'One turn of a kill switch: who, when, why (append-only history).' })
export class KillSwitchChangeType implements EntityFields<KillSwitchChange, 'killSwitch' | 'strategy' | 'changedBy' | 'scope' | 'id'> {
  @Field(() => KillSwitchStateEnum)
  from!: KillSwitchChange['from'];

  @Field(() => KillSwitchStateEnum)
  to!: KillSwitchChange['to'];

  @Field(() => String)
  reason!: string;

  @Field(() => Date)
  changedAt!: Date;
}

@ObjectType('GlobalTradingState', { description: 'The platform-wide trading state: the stricter of it and each deployment’s own applies.' })
export class GlobalTradingStateType implements EntityFields<GlobalTradingState, 'changedBy' | 'id'> {
  @Field(() => TradingStateEnum)
  tradingState!: GlobalTradingState['tradingState'];

  @Field(() => String, { nullable: true, description: 'Why it was last changed.' })
  reason!: string | null;

  @Field(() => Date)
  changedAt!: Date;
}

@ObjectType('LiveConfirmationToken', {
  implements: NodeInterface,
  description: 'A time-bounded confirmation that a deployment may place real orders (LIVE). Only its SHA-256 is stored; the token is shown once, to its creator.',
})
export class LiveConfirmationTokenType extends NodeInterface implements EntityFields<LiveConfirmationToken, 'deployment' | 'tokenHash' | 'createdBy' | 'revokedBy'> {
  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'After this instant it enables nothing (the deployment runs as OBSERVE).' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the runner first acted LIVE under it.' })
  usedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('DeploymentFillStatistics', { description: 'How a deployment’s orders filled: counts by outcome and the overall fill ratio.' })
export class DeploymentFillStatisticsType {
  @Field(() => Int, { description: 'Orders placed (sent to the venue or the fill model), DENIED ones not counted.' })
  placed!: number;

  @Field(() => Int, { description: 'Orders filled in full.' })
  filled!: number;

  @Field(() => Int, { description: 'Orders that ended with part of their quantity filled (the rest cancelled, never re-ordered).' })
  partiallyFilled!: number;

  @Field(() => Int, { description: 'Orders refused by a pre-trade check (DENIED).' })
  denied!: number;

  @Field(() => Float, { nullable: true, description: 'Fill ratio over placed orders: Σ filled quantity / Σ ordered quantity, a fraction in [0, 1]; null before the first order.' })
  fillRatio!: number | null;
}
