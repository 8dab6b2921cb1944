import 'reflect-metadata';
import { ParameterSettingInput } from '../strategy/parameter-space.type.ts';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { ExchangeVenue, OrderType } from '../../domain/deployment/venues.ts';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import { TimeframeEnum } from '../enums.ts';
import { DeploymentStageEnum, ExchangeVenueEnum, OrderTypeEnum } from './deployment-enums.ts';

@InputType('ReplayFeedInput', { description: 'Replay a stored dataset on the runner’s clock.' })
export class ReplayFeedInput {
  @Field(() => ID, { description: 'A certified dataset of one symbol (BASE-QUOTE, e.g. BTC-USD) at 1m, 5m, 1h or 1d.' })
  marketDataSetId!: string;

  @Field(() => Int, { nullable: true, description: 'Pace: clock milliseconds per bar, 10–3,600,000 (default 1,000: one bar a second; 100 = ten bars a second).' })
  barIntervalMs?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True: as fast as the runner consumes bars (no pacing); then give no barIntervalMs. Default false.' })
  asFastAsPossible?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'Open time of the first bar processed, inside the dataset (default: its first bar after the warm-up prefix).' })
  startAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Open time of the last bar processed, inside the dataset (default: its last bar).' })
  endAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Bars of history before the first processed bar given to the template as warm-up, 0–100,000 (default 0: as a backtest over the same bars).' })
  warmUpBars?: number | null;
}

@InputType('LiveFeedInput', { description: 'Poll an exchange’s closed bars (public market data: no order reaches the exchange at OBSERVE or SHADOW).' })
export class LiveFeedInput {
  @Field(() => ExchangeVenueEnum)
  venue!: ExchangeVenue;

  @Field(() => String, { description: 'ccxt unified symbol BASE/QUOTE in capitals, e.g. BTC/USDT.' })
  symbol!: string;

  @Field(() => TimeframeEnum, { description: 'ONE_MINUTE, FIVE_MINUTES, ONE_HOUR or ONE_DAY.' })
  timeframe!: Timeframe;

  @Field(() => Int, { nullable: true, description: 'Closed bars fetched at start as warm-up history, 0–1,000 (default 0).' })
  warmUpBars?: number | null;
}

@InputType('FillModelInput', { description: 'How SHADOW fills are simulated; every field optional (defaults: the fee venue’s published fees, 5 bps slippage, no participation cap, no latency, market orders, seed 0).' })
export class FillModelInput {
  @Field(() => ExchangeVenueEnum, { nullable: true, description: 'Whose fee schedule is the default: BINANCEUS (10/10 bps) or COINBASE (entry tier 120 taker / 60 maker bps). Default: the live feed’s venue, else BINANCEUS.' })
  feeVenue?: ExchangeVenue | null;

  @Field(() => Float, { nullable: true, description: 'Slippage against the trader on market fills, basis points of the reference price, 0–1,000 (default 5, the backtest default).' })
  slippageBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Taker fee, basis points of filled notional, 0–1,000.' })
  takerFeeBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Maker fee, basis points of filled notional, 0–1,000.' })
  makerFeeBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest fraction of a bar’s base volume one order fills in that bar, in (0, 1]; absent = no cap. The unfilled rest is cancelled, never re-ordered.' })
  participationCap?: number | null;

  @Field(() => Int, { nullable: true, description: 'Decision-to-order latency, milliseconds, 0–86,400,000 (default 0).' })
  latencyMs?: number | null;

  @Field(() => OrderTypeEnum, { nullable: true, description: 'Default MARKET.' })
  orderType?: OrderType | null;

  @Field(() => Float, { nullable: true, description: 'LIMIT orders only: offset from the reference price in the trader’s favour, basis points 0–1,000 (default 0).' })
  limitOffsetBps?: number | null;

  @Field(() => Float, { nullable: true, description: 'Seed of the fill model, a whole number 0–4294967295 (default 0).' })
  seed?: number | null;
}

@InputType('DeploymentLimitsInput', { description: 'Starting capital and pre-trade limits; every field optional. Money in the deployment’s quote currency.' })
export class DeploymentLimitsInput {
  @Field(() => Float, { nullable: true, description: 'Starting equity, 1–10¹² (default 10,000).' })
  initialEquity?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest notional of one order, > 0 (default 100 × initialEquity: a backstop; maxPositionFraction bounds the position against equity).' })
  maxNotionalPerOrder?: number | null;

  @Field(() => Float, { nullable: true, description: 'Fraction of the portfolio the deployment may use, in (0, 1] (default 1).' })
  capitalAllocation?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest |position notional| / equity, in (0, 1] (default 1: fully invested, no leverage).' })
  maxPositionFraction?: number | null;

  @Field(() => Int, { nullable: true, description: 'Freshness limit in milliseconds of the feed’s clock, 1,000–2,000,000,000 (default two bar lengths; a paced replay at least the bars its clock passes in 2 s, so a worker a few hundred ms late is not stale).' })
  maxBarAgeMs?: number | null;
}

@InputType('StartDeploymentInput', { description: 'Starts a deployment at OBSERVE or SHADOW (PAPER and LIVE come only through the promotion ladder). Give exactly one of replay and live.' })
export class StartDeploymentInput {
  @Field(() => ID, { description: 'An APPROVED strategy version.' })
  strategyVersionId!: string;

  @Field(() => ID, { nullable: true, description: 'A configuration of that version (from a backtest, optimization or scorecard entry). Or give parameters; neither = the template’s defaults.' })
  parameterConfigId?: string | null;

  @Field(() => [ParameterSettingInput], {
    nullable: true,
    description: 'Template parameters, e.g. [{ name: "fastPeriod", value: 20 }, { name: "slowPeriod", value: 50 }]; each name at most once; missing ones take defaults.',
  })
  parameters?: ParameterSettingInput[] | null;

  @Field(() => DeploymentStageEnum, { description: 'OBSERVE or SHADOW; PAPER and LIVE are refused (rule stage_requires_promotion).' })
  stage!: DeploymentStage;

  @Field(() => ReplayFeedInput, { nullable: true })
  replay?: ReplayFeedInput | null;

  @Field(() => LiveFeedInput, { nullable: true })
  live?: LiveFeedInput | null;

  @Field(() => FillModelInput, { nullable: true })
  fillModel?: FillModelInput | null;

  @Field(() => DeploymentLimitsInput, { nullable: true })
  limits?: DeploymentLimitsInput | null;
}

@InputType('DeploymentControlInput', { description: 'A manual control of one deployment, with the reason recorded in the audit trail.' })
export class DeploymentControlInput {
  @Field(() => ID)
  deploymentId!: string;

  @Field(() => String, { description: 'Why, 3–2,000 characters (audited).' })
  reason!: string;
}

@InputType('TradingControlInput', { description: 'A change of the global trading state, with the reason recorded in the audit trail.' })
export class TradingControlInput {
  @Field(() => String, { description: 'Why, 3–2,000 characters (audited).' })
  reason!: string;
}

@InputType('KillSwitchInput', { description: 'Which kill switch — the global one, or one strategy’s — and why.' })
export class KillSwitchInput {
  @Field(() => ID, { nullable: true, description: 'The strategy whose switch to turn; absent or null for the global switch.' })
  strategyId?: string | null;

  @Field(() => String, { description: 'Why, 3–2,000 characters (audited).' })
  reason!: string;
}

@InputType('CreateLiveConfirmationTokenInput')
export class CreateLiveConfirmationTokenInput {
  @Field(() => ID)
  deploymentId!: string;

  @Field(() => Int, { nullable: true, description: 'How long it enables LIVE, minutes 1–1,440 (default 60).' })
  ttlMinutes?: number | null;
}

@InputType('RevokeLiveConfirmationTokenInput')
export class RevokeLiveConfirmationTokenInput {
  @Field(() => ID)
  tokenId!: string;

  @Field(() => String, { description: 'Why, 3–2,000 characters (audited).' })
  reason!: string;
}
