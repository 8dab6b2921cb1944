import { defineEntity, p } from '@mikro-orm/core';
import type { ParameterSpace } from '../../engine/index.ts';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { searchMethods } from './search-method.ts';
import { optimizationStatuses } from './optimization.lifecycle.ts';
import type {
  ObjectiveSpec,
  OptimizationDataset,
  ParameterOverride,
  StoredRegimeMetrics,
  StoredSensitivity,
  WalkForwardWindowsSpec,
} from './optimization-settings.ts';

const OptimizationSchema = defineEntity({
  name: 'Optimization',
  tableName: 'optimization',
  properties: {
    id: idColumn(),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('cascade'),
    /** Datasets searched, in order, with their checksums at queue time. */
    datasets: p.json<OptimizationDataset[]>().columnType('jsonb'),
    /** The template's parameter space after the overrides (what was searched). */
    parameterSpace: p.json<ParameterSpace>().columnType('jsonb'),
    parameterOverrides: p.json<ParameterOverride[]>().columnType('jsonb'),
    /** SHA-256 of the searched parameter space and search settings (sorted-key JSON). */
    parameterChecksum: p.string().length(64),
    searchMethod: p.enum(searchMethods),
    /** Trials per walk-forward segment. */
    trialBudget: p.integer(),
    seed: p.bigint('number'),
    windows: p.json<WalkForwardWindowsSpec>().columnType('jsonb'),
    objective: p.json<ObjectiveSpec>().columnType('jsonb'),
    /** Fee in basis points of traded notional. */
    feeBps: doubleColumn(),
    /** Slippage in basis points of traded notional. */
    slippageBps: doubleColumn(),
    status: p.enum(optimizationStatuses).default('queued'),
    /** Progress counters, updated after each stored segment. */
    trialsCompleted: p.integer().default(0),
    trialsTotal: p.integer().default(0),
    segmentsCompleted: p.integer().default(0),
    segmentsTotal: p.integer().default(0),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    failureReason: p.text().nullable(),
    engineVersion: p.string().nullable(),
    /** Results summary (set on completion). The chosen parameters, as a config with source `optimization`. */
    bestParameterConfig: p.manyToOne(ParameterConfig).nullable().deleteRule('set null'),
    bestParameters: p.json<Record<string, number | string | boolean>>().columnType('jsonb').nullable(),
    /** Mean PBO (CSCV) over the segments' trial-return matrices, 0–1. */
    probabilityOfBacktestOverfitting: doubleColumn().nullable(),
    /** Mean Deflated Sharpe Ratio over segments (probability, 0–1; > 0.95 significant). */
    deflatedSharpeRatio: doubleColumn().nullable(),
    /** Probabilistic Sharpe Ratio (vs 0) of the stitched out-of-sample returns, 0–1. */
    probabilisticSharpeRatio: doubleColumn().nullable(),
    /** Stitched OOS CAGR ÷ mean IS CAGR, averaged over datasets (Pardo). */
    walkForwardEfficiency: doubleColumn().nullable(),
    /** Share of regimes with a positive OOS Sharpe, 0–1 (mean over datasets). */
    robustnessScore: doubleColumn().nullable(),
    /** Stitched out-of-sample metrics of the first dataset (metrics conventions; non-finite as strings/null). */
    outOfSampleMetrics: p.json<Record<string, number | string | null>>().columnType('jsonb').nullable(),
    regimeMetrics: p.json<StoredRegimeMetrics>().columnType('jsonb').nullable(),
    sensitivity: p.json<StoredSensitivity>().columnType('jsonb').nullable(),
    correlationId: p.string(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['status'] }, { properties: ['createdAt'] }, { properties: ['strategyVersion'] }],
});

/** A walk-forward optimization of one strategy version over one or more datasets. Immutable apart from status and progress. */
export class Optimization extends OptimizationSchema.class {}
OptimizationSchema.setClass(Optimization);
