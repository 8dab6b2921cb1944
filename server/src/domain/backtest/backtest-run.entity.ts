import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { MarketDataSet } from '../market-data/market-data-set.entity.ts';
import { regimeBands } from '../market-data/regime-band.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import type { StoredRegimeMetrics } from '../optimization/optimization-settings.ts';
import { backtestRunStatuses } from './backtest-run.lifecycle.ts';

/** What caused a run (lifecycle-spec FR-007..010). */
export const triggerTypes = ['new_data', 'regime_change', 'version_update', 'manual'] as const;
export type TriggerType = (typeof triggerTypes)[number];

export const backtestModes = ['historical', 'live_replay'] as const;
export type BacktestMode = (typeof backtestModes)[number];

/**
 * Stored metrics of a completed run, per research/metrics-conventions.md. Fractions (0.05 = 5 %), ratios
 * annualized with the dataset's periods per year where the convention annualizes. Non-finite values
 * (NaN, ±∞ from degenerate inputs) are stored as `null`, `"Infinity"` or `"-Infinity"` — JSON has no NaN.
 */
export type StoredMetrics = Record<string, number | string | null>;

/** Warnings that travel with a run: the dataset's quality flags and anything the engine noticed. */
export interface RunWarningFlags {
  gapCount: number;
  missingBarCount: number;
  zeroVolumeBarCount: number;
  noTrades?: boolean;
}

const BacktestRunSchema = defineEntity({
  name: 'BacktestRun',
  tableName: 'backtest_run',
  properties: {
    id: idColumn(),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('cascade'),
    parameterConfig: p.manyToOne(ParameterConfig).deleteRule('cascade'),
    marketDataSet: p.manyToOne(MarketDataSet).deleteRule('no action'),
    triggerType: p.enum(triggerTypes),
    mode: p.enum(backtestModes).default('historical'),
    regimeBand: p.enum(regimeBands).nullable(),
    status: p.enum(backtestRunStatuses).default('queued'),
    /** Set when the run enters `running`. */
    startedAt: p.datetime().nullable(),
    /** Set when the run ends (`completed`, `failed` or `cancelled`). */
    completedAt: p.datetime().nullable(),
    metrics: p.json<StoredMetrics>().columnType('jsonb').nullable(),
    /**
     * Metrics per volatility regime (calm/neutral/turbulent; the return of bar t belongs to the regime of bar t − 1),
     * stored like `metrics`; null until completed (and for runs completed before regimes were recorded).
     */
    regimeMetrics: p.json<StoredRegimeMetrics>().columnType('jsonb').nullable(),
    /** Share of regimes (0–1) with at least 30 bars whose Sharpe is positive; null when none has 30 bars. */
    robustnessScore: doubleColumn().nullable(),
    telemetryRef: p.string().nullable(),
    warningFlags: p.json<RunWarningFlags>().columnType('jsonb'),
    /** Why the run failed, readable by a person. */
    failureReason: p.text().nullable(),
    /** Engine version that computed the results (set when the run starts). */
    engineVersion: p.string().nullable(),
    /** Checksum of the dataset at queue time: the run is reproducible only against exactly this data. */
    datasetChecksum: p.string().length(64),
    /** Checksum of the parameter config. */
    parameterChecksum: p.string().length(64),
    /** Fee in basis points of traded notional. */
    feeBps: doubleColumn(),
    /** Slippage in basis points of traded notional. */
    slippageBps: doubleColumn(),
    /** Correlation id from the request or trigger that queued the run, for logs. */
    correlationId: p.string(),
    /** Time the run was queued. */
    createdAt: createdAtColumn(),
  },
  indexes: [
    { properties: ['strategyVersion', 'status'] },
    { properties: ['triggerType', 'startedAt'], columns: [{ name: 'trigger_type' }, { name: 'started_at', sort: 'DESC' }] },
    { properties: ['marketDataSet'] },
    { properties: ['createdAt'] },
  ],
});

/** One simulation of one parameter config on one dataset. Immutable apart from its status fields. */
export class BacktestRun extends BacktestRunSchema.class {}
BacktestRunSchema.setClass(BacktestRun);
