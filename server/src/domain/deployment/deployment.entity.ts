import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { MarketDataSet } from '../market-data/market-data-set.entity.ts';
import { timeframes } from '../market-data/timeframe.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { User } from '../user/user.entity.ts';
import { activationStates } from './deployment-activation.lifecycle.ts';
import { degradationReasons, deploymentHealthStates } from './deployment-health.lifecycle.ts';
import { deploymentStages } from './deployment-stage.lifecycle.ts';
import { tradingStates } from './trading-state.lifecycle.ts';
import { exchangeVenues, executionVenues, feedKinds, orderTypes } from './venues.ts';

export const rolloutWaves = ['pilot', 'full'] as const;
export type RolloutWave = (typeof rolloutWaves)[number];

const DeploymentSchema = defineEntity({
  name: 'Deployment',
  tableName: 'deployment',
  properties: {
    id: idColumn(),
    strategy: p.manyToOne(Strategy).deleteRule('no action'),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('no action'),
    parameterConfig: p.manyToOne(ParameterConfig).deleteRule('no action'),
    /** Who started it (production staff, or the promotion ladder's actor). */
    createdBy: p.manyToOne(User).deleteRule('no action'),

    // ── where it stands ────────────────────────────────────────────────────────────────────────────────────────
    /** Whether the runner processes its bars (`deployment-activation.lifecycle.ts`). */
    activationState: p.enum(activationStates).default('pending'),
    /** The stage it was started or promoted to (`deployment-stage.lifecycle.ts`). */
    stage: p.enum(deploymentStages),
    /**
     * The stage the runner actually acted in on the last processed bar: equal to `stage` unless it failed closed to
     * `observe` (a LIVE deployment without a valid confirmation token, an unknown or incomplete configuration).
     */
    effectiveStage: p.enum(deploymentStages),
    /** Why `effectiveStage` differs from `stage`; null when they are equal. */
    effectiveStageReason: p.text().nullable(),
    /** The deployment's own trading state (`trading-state.lifecycle.ts`); the global one applies on top. */
    tradingState: p.enum(tradingStates).default('active'),
    /** Why the trading state was last changed (the operator's reason). */
    tradingStateReason: p.text().nullable(),
    /** Input health (`deployment-health.lifecycle.ts`): `degraded` places no order. */
    health: p.enum(deploymentHealthStates).default('healthy'),
    /** Why it is degraded; null while healthy. */
    healthReason: p.enum(degradationReasons).nullable(),

    // ── feed ───────────────────────────────────────────────────────────────────────────────────────────────────
    feedKind: p.enum(feedKinds),
    /** Replay: the stored dataset replayed (its bars, in time order). Null for a live feed. */
    replayDataset: p.manyToOne(MarketDataSet).nullable().deleteRule('no action'),
    /**
     * Replay speed in milliseconds of clock time per bar (100 = one bar every 100 ms); null = as fast as the runner
     * consumes them (each processed bar queues the next). Null for a live feed.
     */
    replayBarIntervalMs: p.integer().nullable(),
    /** Replay: open time of the first bar processed; null = the first bar after the warm-up prefix. */
    replayStartAt: p.datetime().nullable(),
    /** Replay: open time of the last bar processed (inclusive); null = the dataset's last bar. */
    replayEndAt: p.datetime().nullable(),
    /** Live: the exchange whose OHLCV is polled (ccxt id). Null for a replay. */
    feedVenue: p.enum(exchangeVenues).nullable(),
    /** Traded instrument, ccxt unified symbol (`BTC/USDT`): base/quote. */
    symbol: p.string(),
    /** Bar length of the feed. */
    timeframe: p.enum(timeframes),
    /** Currency of every money amount of this deployment (cash, equity, P&L, fees, notional): the symbol's quote. */
    quoteCurrency: p.string(),
    /**
     * Bars before the first processed bar given to the template as history (warm-up prefix), so indicators are
     * formed when trading starts. 0 = none (a backtest over the same bars: bar 0 never trades).
     */
    warmUpBars: p.integer().default(0),

    // ── execution venue and fill model (shadow, paper) ─────────────────────────────────────────────────────────
    /** Where orders go: `shadow` (fill model), `paper` (order store matched on the feed), or an exchange. */
    venue: p.enum(executionVenues),
    /** Slippage against the trader, basis points of the reference price (10 bps = 0.1 %), on market fills. */
    slippageBps: doubleColumn(),
    /** Taker fee, basis points of traded notional (market orders; Binance US default 10). */
    takerFeeBps: doubleColumn(),
    /** Maker fee, basis points of traded notional (resting limit orders; Binance US default 10). */
    makerFeeBps: doubleColumn(),
    /** Largest fraction of a bar's base volume one order may fill in that bar (0.1 = 10 %); null = no cap. */
    participationCap: doubleColumn().nullable(),
    /** Decision-to-order latency, milliseconds of clock time between the decision and the order reaching the venue. */
    latencyMs: p.integer().default(0),
    /** Order type the runner places. */
    orderType: p.enum(orderTypes).default('market'),
    /** Limit orders: limit price offset from the reference price in the trader's favour, basis points; null for market. */
    limitOffsetBps: doubleColumn().nullable(),
    /** Seed of the fill model's randomness (deterministic replays). */
    seed: p.bigint('number'),

    // ── limits (pre-trade checks) ──────────────────────────────────────────────────────────────────────────────
    /** Largest notional of one order, quote currency. */
    maxNotionalPerOrder: doubleColumn(),
    /** Fraction of the portfolio this deployment may use (0.05 = 5 %), in [0, 1]; 0 after a rollback or deactivation (capital back in the reserve: nothing new opens). */
    capitalAllocation: doubleColumn(),
    /** Largest |position notional| / deployment equity (1 = fully invested), > 0. */
    maxPositionFraction: doubleColumn(),
    /** Freshness limit: clock now − the last closed bar's close time, milliseconds; beyond it no order and `degraded`. */
    maxBarAgeMs: p.integer(),
    /** Starting equity, quote currency (the deployment's capital; P&L is measured against it). */
    initialEquity: doubleColumn(),

    // ── runner state after the last processed bar ──────────────────────────────────────────────────────────────
    /**
     * Feed cursor: open time of the last bar taken from the feed, accepted or refused (bars at or before it are
     * skipped, so a retried job never processes a bar twice); null before the first.
     */
    lastProcessedBarAt: p.datetime().nullable(),
    /** Open time of the last bar accepted and traded on (a refused bar is recorded but never becomes it). */
    lastAcceptedBarAt: p.datetime().nullable(),
    /**
     * Open time of the first bar of the history the template computes its targets over (the warm-up prefix's first
     * bar), fixed when the first bar is processed so every later target is computed over the same frame start.
     */
    historyStartAt: p.datetime().nullable(),
    /**
     * Paced replay: the clock time at which the replay clock started; the replay clock reads
     * replay start bar open + (clock now − this) × bar length / replayBarIntervalMs. Null before the start.
     */
    replayClockStartedAt: p.datetime().nullable(),
    /** When that bar was received (clock time), for feed latency. */
    lastBarReceivedAt: p.datetime().nullable(),
    /** Cash, quote currency. Starts at `initialEquity`. */
    cash: doubleColumn(),
    /** Position, base units (negative = short). */
    positionQuantity: doubleColumn().default(0),
    /** Quantity-weighted entry price of the open position, quote per base; 0 when flat. */
    averageEntryPrice: doubleColumn().default(0),
    /** Target position in force (fraction of equity, signed) — the last target an order was generated for. */
    targetInForce: doubleColumn().default(0),
    /** Target decided at the close of the last processed bar, to be acted on at the next bar's open; null = none. */
    pendingTarget: doubleColumn().nullable(),
    /** Equity marked at the last processed bar's close, quote currency. */
    equity: doubleColumn(),
    /** Highest equity marked so far (drawdown reference), quote currency. */
    peakEquity: doubleColumn(),
    /** Realized P&L so far, quote currency, net of fees. */
    realizedPnl: doubleColumn().default(0),
    /** Fees paid so far, quote currency. */
    feesPaid: doubleColumn().default(0),
    /** Equity reached 0: the account was closed out and stays flat at 0 (the backtest's liquidation rule). */
    liquidated: p.boolean().default(false),
    /**
     * A manual flatten waiting for the next bar: the runner then places an order closing the whole position (intent
     * `flatten`) and clears this. What trades afterwards is the trading state's business (REDUCING or HALTED keeps the
     * position closed).
     */
    flattenRequestedAt: p.datetime().nullable(),
    /**
     * LIVE: when the deployment's open orders and holdings were last reconciled with the exchange (on start, and after
     * any connector error or order of unknown outcome). Null = never: no LIVE order is placed before the first.
     */
    venueReconciledAt: p.datetime().nullable(),
    /**
     * LIVE: base units of the exchange account that are not this deployment's (the venue's total minus the
     * deployment's position at its first reconciliation), so later reconciliations compare like with like.
     */
    venueBaseBaseline: doubleColumn().nullable(),
    /**
     * LIVE: the job that holds the deployment's venue lease (record, send, reconcile, cancel happen partly outside
     * any transaction, so two jobs of one deployment must not interleave them) and until when. Null = free.
     */
    venueLeaseOwner: p.uuid().nullable(),
    venueLeaseUntil: p.datetime().nullable(),
    /**
     * The DENIED order a refusal repeated on the next bars is counted on (its `repeatCount`), and what makes a refusal
     * the same one (`rule:side:intent`); null when the last decision was not refused by an order limit.
     */
    repeatingDenialOrderId: p.uuid().nullable(),
    repeatingDenialKey: p.text().nullable(),

    // ── approval and rollout (promotion ladder, monitoring) ────────────────────────────────────────────────────
    approvedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    approvedAt: p.datetime().nullable(),
    rolloutWave: p.enum(rolloutWaves).nullable(),
    /**
     * When the activation of its current stage started: the runner's first processed bar, or the promotion into the
     * stage (promotion ladder).
     */
    activationStartedAt: p.datetime().nullable(),
    /**
     * When the activation of its current stage completed: at once for a stage without capital, when the rollout reached
     * the `full` wave for PAPER and LIVE (null while a `pilot` wave runs).
     */
    activationCompletedAt: p.datetime().nullable(),
    /**
     * Why the monitor released the deployment's capital (rollback or deactivation): the first release's reason, then one
     * line per later release (`<ISO time> <kind> by the monitor: <message>`); null before any.
     */
    rollbackReason: p.text().nullable(),
    createdAt: createdAtColumn(),
    updatedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  indexes: [{ properties: ['strategy', 'activationState'] }, { properties: ['activationState', 'feedKind'] }],
  checks: [
    {
      name: 'deployment_feed_check',
      expression: `(feed_kind = 'replay' and replay_dataset_id is not null and feed_venue is null) or (feed_kind = 'live' and feed_venue is not null and replay_dataset_id is null and replay_bar_interval_ms is null)`,
    },
    { name: 'deployment_replay_interval_check', expression: 'replay_bar_interval_ms is null or replay_bar_interval_ms > 0' },
    { name: 'deployment_limit_offset_check', expression: `(order_type = 'limit') = (limit_offset_bps is not null)` },
    {
      name: 'deployment_fill_model_check',
      expression: 'slippage_bps >= 0 and taker_fee_bps >= 0 and maker_fee_bps >= 0 and latency_ms >= 0 and (participation_cap is null or (participation_cap > 0 and participation_cap <= 1)) and warm_up_bars >= 0',
    },
    {
      name: 'deployment_limits_check',
      expression: 'max_notional_per_order > 0 and capital_allocation >= 0 and capital_allocation <= 1 and max_position_fraction > 0 and max_bar_age_ms > 0 and initial_equity > 0',
    },
    { name: 'deployment_degraded_reason_check', expression: `(health = 'degraded') = (health_reason is not null)` },
  ],
});

/**
 * One strategy version's parameter configuration running on a market feed (replayed or live) at a stage, with its
 * fill model, limits and the runner's state after the last processed bar. Its bars are processed in order, each in
 * one transaction that locks this row.
 */
export class Deployment extends DeploymentSchema.class {}
DeploymentSchema.setClass(Deployment);
