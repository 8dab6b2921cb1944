import { defaultFillModelConfig, EngineInputError, type ExecutionVenue as FeeVenue, type FillModelConfig } from '../../engine/index.ts';
import { ValidationError } from '../errors.ts';
import { timeframeMilliseconds, type Timeframe } from '../market-data/timeframe.ts';
import { brokerFreeStages, deploymentStages, type DeploymentStage } from './deployment-stage.lifecycle.ts';
import { exchangeVenues, type ExchangeVenue, type OrderType } from './venues.ts';

/**
 * Bounds and defaults of everything a deployment is started with (`resolveDeploymentStart`). Money in the
 * deployment's quote currency; times in milliseconds; fractions as numbers (0.5 = 50 %).
 */
export const deploymentStartBounds = {
  /** Replay pace: clock milliseconds per bar. Default one bar per second; 10 ms (100 bars/s) to one hour. */
  barIntervalMs: { min: 10, max: 3_600_000, default: 1_000 },
  /** Bars of history before the first processed bar (indicator warm-up). Default 0 (a backtest over the same bars). */
  warmUpBars: { min: 0, maxReplay: 100_000, maxLive: 1_000, default: 0 },
  /** Starting equity. Default 10,000. */
  initialEquity: { min: 1, max: 1e12, default: 10_000 },
  /**
   * Largest notional of one order. Default 100 × initialEquity: a backstop against a sizing fault (maxPositionFraction
   * already bounds the position against the current equity, which grows over a long replay — a tight absolute default
   * would refuse every order once equity had doubled).
   */
  maxNotionalPerOrder: { max: 1e15, defaultMultipleOfEquity: 100 },
  /** Fraction of the portfolio the deployment may use, in (0, 1]. Default 1. */
  capitalAllocation: { max: 1, default: 1 },
  /** Largest |position notional| / equity, in (0, 1] (no leverage). Default 1 (fully invested). */
  maxPositionFraction: { max: 1, default: 1 },
  /**
   * Freshness limit, measured on the feed's clock (a paced replay's replay clock, a live feed's platform clock): 1 second
   * to 2,000,000,000 ms (about 23 days; the column is a 32-bit integer). Default two bar lengths — and, for a paced
   * replay, at least the bars its clock passes in `replayLagToleranceMs` of platform time (at 100 ms a bar a worker
   * 300 ms late is three bars behind: two bar lengths would call every such bar stale).
   */
  maxBarAgeMs: { min: 1_000, max: 2_000_000_000, defaultBars: 2, replayLagToleranceMs: 2_000 },
} as const;

/** A stored dataset to replay: its facts as imported. */
export interface ReplayDatasetFacts {
  /** The dataset's symbol as imported (`BTC-USDT`, `BTC-USD`). */
  symbol: string;
  timeframe: Timeframe;
  /** Open time of its first and last bar. */
  startAt: Date;
  endAt: Date;
  rowCount: number;
}

/** The feed: a replay of a stored dataset, or live polling of an exchange's OHLCV. */
export type FeedRequest =
  | {
      kind: 'replay';
      dataset: ReplayDatasetFacts;
      /** Clock milliseconds per bar; default {@link deploymentStartBounds}.barIntervalMs.default. */
      barIntervalMs?: number | null;
      /** True: as fast as the runner consumes bars (no pacing); `barIntervalMs` must then be absent. */
      asFastAsPossible?: boolean | null;
      /** Open time of the first / last bar processed (inclusive); default the dataset's (after the warm-up prefix). */
      startAt?: Date | null;
      endAt?: Date | null;
      warmUpBars?: number | null;
    }
  | {
      kind: 'live';
      /** ccxt exchange id whose OHLCV is polled (`binanceus`, `coinbase`). */
      venue: string;
      /** ccxt unified symbol, `BASE/QUOTE` (`BTC/USDT`). */
      symbol: string;
      timeframe: string;
      warmUpBars?: number | null;
    };

/** The fill model of SHADOW fills (and later PAPER matching); every field optional, defaults from the fee venue. */
export interface FillModelRequest {
  /** Whose published fees are the default: `binanceus` (10/10 bps) or `coinbase` (entry tier 120/60 bps). Default: the live feed's venue, else `binanceus`. */
  feeVenue?: string | null;
  slippageBps?: number | null;
  takerFeeBps?: number | null;
  makerFeeBps?: number | null;
  /** Fraction of a bar's volume one order may fill, (0, 1]; null or absent = no cap. */
  participationCap?: number | null;
  latencyMs?: number | null;
  orderType?: OrderType | null;
  /** Limit orders only. */
  limitOffsetBps?: number | null;
  seed?: number | null;
}

/** Pre-trade limits and starting capital; every field optional ({@link deploymentStartBounds}). */
export interface LimitsRequest {
  initialEquity?: number | null;
  maxNotionalPerOrder?: number | null;
  capitalAllocation?: number | null;
  maxPositionFraction?: number | null;
  maxBarAgeMs?: number | null;
}

/** What starting a deployment asks for, once ids are resolved. */
export interface DeploymentStartRequest {
  stage: string;
  feed: FeedRequest;
  fillModel?: FillModelRequest | null;
  limits?: LimitsRequest | null;
}

/** Every column a new deployment takes from the request (feed, fill model, limits, capital), defaults applied. */
export interface DeploymentStartSettings {
  stage: DeploymentStage;
  feedKind: 'replay' | 'live';
  replayBarIntervalMs: number | null;
  replayStartAt: Date | null;
  replayEndAt: Date | null;
  feedVenue: ExchangeVenue | null;
  symbol: string;
  timeframe: Timeframe;
  quoteCurrency: string;
  warmUpBars: number;
  venue: 'shadow';
  slippageBps: number;
  takerFeeBps: number;
  makerFeeBps: number;
  participationCap: number | null;
  latencyMs: number;
  orderType: OrderType;
  limitOffsetBps: number | null;
  seed: number;
  initialEquity: number;
  maxNotionalPerOrder: number;
  capitalAllocation: number;
  maxPositionFraction: number;
  maxBarAgeMs: number;
}

const refuse = (field: string, message: string): never => {
  throw new ValidationError(`${field}: ${message}`, field);
};

/**
 * Resolves a start request into the new deployment's settings (pure): the stage (OBSERVE or SHADOW only — PAPER and
 * LIVE come through the promotion ladder, rule `stage_requires_promotion`), the feed (replay bounds inside the
 * dataset, live venue, symbol and timeframe), the fill model (the engine's `defaultFillModelConfig` for the fee venue,
 * then the request's values, checked by the engine) and the limits, each with the default and bound of
 * {@link deploymentStartBounds}. Both stages execute on the simulated `shadow` venue: neither contacts a broker.
 * @throws ValidationError naming the field (`stage`, `replay.barIntervalMs`, `fillModel.slippageBps`, `limits.initialEquity` …).
 */
export function resolveDeploymentStart(request: DeploymentStartRequest): DeploymentStartSettings {
  const stage = resolveStage(request.stage);
  const feed = resolveFeed(request.feed);
  const fill = resolveFillModel(request.fillModel ?? {}, request.feed.kind === 'live' ? request.feed.venue : null);
  const limits = resolveLimits(request.limits ?? {}, feed.timeframe, feed.replayBarIntervalMs);
  return {
    stage,
    ...feed,
    venue: 'shadow',
    slippageBps: fill.slippageBps,
    takerFeeBps: fill.takerFeeBps,
    makerFeeBps: fill.makerFeeBps,
    participationCap: fill.participationCap,
    latencyMs: fill.latencyMs,
    orderType: fill.orderType,
    limitOffsetBps: fill.orderType === 'limit' ? fill.limitOffsetBps : null,
    seed: fill.seed,
    ...limits,
  };
}

function resolveStage(value: string): DeploymentStage {
  if (!(deploymentStages as readonly string[]).includes(value)) refuse('stage', `must be one of ${brokerFreeStages.join(', ')}`);
  const stage = value as DeploymentStage;
  if (!brokerFreeStages.includes(stage)) {
    refuse('stage', `rule stage_requires_promotion — a ${stage} deployment comes only through the promotion ladder; start at ${brokerFreeStages.join(' or ')} (neither contacts a broker)`);
  }
  return stage;
}

type FeedSettings = Pick<DeploymentStartSettings, 'feedKind' | 'replayBarIntervalMs' | 'replayStartAt' | 'replayEndAt' | 'feedVenue' | 'symbol' | 'timeframe' | 'quoteCurrency' | 'warmUpBars'>;

function resolveFeed(feed: FeedRequest): FeedSettings {
  if (feed.kind === 'replay') {
    const { dataset } = feed;
    if (dataset.timeframe === 'tick') refuse('replay.marketDataSetId', 'a tick dataset has no bars to replay; choose a 1m, 5m, 1h or 1d dataset');
    const pair = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(dataset.symbol);
    if (!pair) refuse('replay.marketDataSetId', `cannot tell base and quote currency of the dataset's symbol ${dataset.symbol} (expected BASE-QUOTE, e.g. BTC-USDT)`);
    if (feed.asFastAsPossible && feed.barIntervalMs != null) refuse('replay.barIntervalMs', 'give a pace or asFastAsPossible, not both');
    const barIntervalMs = feed.asFastAsPossible ? null : integerIn('replay.barIntervalMs', feed.barIntervalMs ?? deploymentStartBounds.barIntervalMs.default, deploymentStartBounds.barIntervalMs.min, deploymentStartBounds.barIntervalMs.max, 'ms per bar');
    const warmUpBars = integerIn('replay.warmUpBars', feed.warmUpBars ?? deploymentStartBounds.warmUpBars.default, 0, Math.min(deploymentStartBounds.warmUpBars.maxReplay, dataset.rowCount - 1), 'bars (fewer than the dataset holds)');
    const startAt = feed.startAt ?? null;
    const endAt = feed.endAt ?? null;
    const span = `${dataset.startAt.toISOString()} … ${dataset.endAt.toISOString()}`;
    if (startAt && !(startAt >= dataset.startAt && startAt <= dataset.endAt)) refuse('replay.startAt', `must lie within the dataset, ${span}`);
    if (endAt && !(endAt >= dataset.startAt && endAt <= dataset.endAt)) refuse('replay.endAt', `must lie within the dataset, ${span}`);
    if (startAt && endAt && endAt <= startAt) refuse('replay.endAt', 'must be after replay.startAt');
    return {
      feedKind: 'replay',
      replayBarIntervalMs: barIntervalMs,
      replayStartAt: startAt,
      replayEndAt: endAt,
      feedVenue: null,
      symbol: `${pair![1]}/${pair![2]}`,
      timeframe: dataset.timeframe,
      quoteCurrency: pair![2]!,
      warmUpBars,
    };
  }
  if (!(exchangeVenues as readonly string[]).includes(feed.venue)) refuse('live.venue', `must be one of ${exchangeVenues.join(', ')}`);
  const pair = /^([A-Z0-9]{2,12})\/([A-Z0-9]{2,12})$/.exec(feed.symbol);
  if (!pair) refuse('live.symbol', 'must be a ccxt unified symbol BASE/QUOTE in capitals, e.g. BTC/USDT');
  const timeframes = Object.keys(timeframeMilliseconds);
  if (!timeframes.includes(feed.timeframe)) refuse('live.timeframe', `must be one of ${timeframes.join(', ')}`);
  return {
    feedKind: 'live',
    replayBarIntervalMs: null,
    replayStartAt: null,
    replayEndAt: null,
    feedVenue: feed.venue as ExchangeVenue,
    symbol: feed.symbol,
    timeframe: feed.timeframe as Timeframe,
    quoteCurrency: pair![2]!,
    warmUpBars: integerIn('live.warmUpBars', feed.warmUpBars ?? deploymentStartBounds.warmUpBars.default, 0, deploymentStartBounds.warmUpBars.maxLive, 'bars'),
  };
}

function resolveFillModel(request: FillModelRequest, liveVenue: string | null): FillModelConfig {
  const feeVenue = request.feeVenue ?? liveVenue ?? 'binanceus';
  if (!(exchangeVenues as readonly string[]).includes(feeVenue)) refuse('fillModel.feeVenue', `must be one of ${exchangeVenues.join(', ')}`);
  const orderType = request.orderType ?? 'market';
  if (orderType === 'market' && request.limitOffsetBps != null) refuse('fillModel.limitOffsetBps', 'only limit orders have a limit offset');
  const overrides: Partial<{ -readonly [K in keyof FillModelConfig]: FillModelConfig[K] }> = { orderType };
  for (const field of ['slippageBps', 'takerFeeBps', 'makerFeeBps', 'latencyMs', 'limitOffsetBps', 'seed'] as const) {
    const value = request[field];
    if (value != null) overrides[field] = value;
  }
  if (request.participationCap != null) overrides.participationCap = request.participationCap;
  try {
    return defaultFillModelConfig(feeVenue as FeeVenue, overrides);
  } catch (error) {
    if (error instanceof EngineInputError) refuse(`fillModel.${error.field}`, error.message);
    throw error;
  }
}

function resolveLimits(request: LimitsRequest, timeframe: Timeframe, replayBarIntervalMs: number | null): Pick<DeploymentStartSettings, 'initialEquity' | 'maxNotionalPerOrder' | 'capitalAllocation' | 'maxPositionFraction' | 'maxBarAgeMs'> {
  const bounds = deploymentStartBounds;
  const initialEquity = numberIn('limits.initialEquity', request.initialEquity ?? bounds.initialEquity.default, bounds.initialEquity.min, bounds.initialEquity.max, 'quote currency');
  const maxNotionalPerOrder = positiveUpTo('limits.maxNotionalPerOrder', request.maxNotionalPerOrder ?? initialEquity * bounds.maxNotionalPerOrder.defaultMultipleOfEquity, bounds.maxNotionalPerOrder.max, 'quote currency');
  const capitalAllocation = positiveUpTo('limits.capitalAllocation', request.capitalAllocation ?? bounds.capitalAllocation.default, bounds.capitalAllocation.max, 'of the portfolio');
  const maxPositionFraction = positiveUpTo('limits.maxPositionFraction', request.maxPositionFraction ?? bounds.maxPositionFraction.default, bounds.maxPositionFraction.max, 'of equity');
  const barMs = timeframeMilliseconds[timeframe as Exclude<Timeframe, 'tick'>];
  const defaultBars = Math.max(bounds.maxBarAgeMs.defaultBars, replayBarIntervalMs ? Math.ceil(bounds.maxBarAgeMs.replayLagToleranceMs / replayBarIntervalMs) : 0);
  const maxBarAgeMs = integerIn('limits.maxBarAgeMs', request.maxBarAgeMs ?? Math.min(bounds.maxBarAgeMs.max, barMs * defaultBars), bounds.maxBarAgeMs.min, bounds.maxBarAgeMs.max, 'ms');
  return { initialEquity, maxNotionalPerOrder, capitalAllocation, maxPositionFraction, maxBarAgeMs };
}

function numberIn(field: string, value: number, min: number, max: number, unit: string): number {
  if (!(Number.isFinite(value) && value >= min && value <= max)) refuse(field, `must be a number from ${min} to ${max} (${unit}); got ${value}`);
  return value;
}

function positiveUpTo(field: string, value: number, max: number, unit: string): number {
  if (!(Number.isFinite(value) && value > 0 && value <= max)) refuse(field, `must be a number above 0 and at most ${max} (${unit}); got ${value}`);
  return value;
}

function integerIn(field: string, value: number, min: number, max: number, unit: string): number {
  if (!(Number.isInteger(value) && value >= min && value <= max)) refuse(field, `must be a whole number from ${min} to ${max} (${unit}); got ${value}`);
  return value;
}
