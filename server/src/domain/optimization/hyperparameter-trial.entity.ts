import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { MarketDataSet } from '../market-data/market-data-set.entity.ts';
import { regimeBands } from '../market-data/regime-band.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../strategy/strategy-version.entity.ts';
import { Optimization } from './optimization.entity.ts';
import { searchMethods } from './search-method.ts';
import { WalkForwardSegment } from './walk-forward-segment.entity.ts';

export { searchMethods, type SearchMethod } from './search-method.ts';

const HyperparameterTrialSchema = defineEntity({
  name: 'HyperparameterTrial',
  tableName: 'hyperparameter_trial',
  properties: {
    id: idColumn(),
    strategyVersion: p.manyToOne(StrategyVersion).deleteRule('cascade'),
    marketDataSet: p.manyToOne(MarketDataSet).deleteRule('no action'),
    /** Set once a trial's parameters are promoted to a config (`ParameterConfig.source = optimization`). */
    parameterConfig: p.manyToOne(ParameterConfig).nullable().deleteRule('set null'),
    seed: p.bigint('number'),
    searchMethod: p.enum(searchMethods),
    parameters: p.json<Record<string, number | string | boolean>>().columnType('jsonb'),
    /** Train segment as a PostgreSQL `tstzrange` literal, e.g. `[2020-01-01T00:00:00Z,2021-01-01T00:00:00Z)`. */
    trainWindow: p.string().columnType('tstzrange'),
    /** Test segment as a `tstzrange` literal. */
    testWindow: p.string().columnType('tstzrange'),
    /** Out-of-sample metrics (same conventions as BacktestRun.metrics). */
    resultMetrics: p.json<Record<string, number | string | null>>().columnType('jsonb'),
    regimeBand: p.enum(regimeBands).nullable(),
    /** Robustness across regimes: share (fraction 0–1) of regimes with ≥ 30 test bars whose OOS Sharpe is positive. */
    robustnessScore: doubleColumn().nullable(),
    /** The optimization that ran this trial (null for trials recorded outside one). */
    optimization: p.manyToOne(Optimization).nullable().deleteRule('cascade'),
    /** The walk-forward segment whose train window this trial searched. */
    segment: p.manyToOne(WalkForwardSegment).nullable().deleteRule('cascade'),
    /** Evaluation order within the segment's search, from 0: with the segment, the idempotency key. */
    trialIndex: p.integer().nullable(),
    /** In-sample (train-window) metrics, same conventions as `resultMetrics`. */
    inSampleMetrics: p.json<Record<string, number | string | null>>().columnType('jsonb').nullable(),
    /** Whether the trial met the objective's constraints in-sample. */
    feasible: p.boolean().nullable(),
    engineVersion: p.string().nullable(),
    datasetChecksum: p.string().length(64).nullable(),
    /** Checksum of `parameters` (same function as ParameterConfig.checksum). */
    parameterChecksum: p.string().length(64).nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['strategyVersion'] }, { properties: ['createdAt'] }, { properties: ['optimization'] }],
  uniques: [{ properties: ['optimization', 'segment', 'trialIndex'] }],
});

/** One evaluation during a parameter search, with its seed and windows. */
export class HyperparameterTrial extends HyperparameterTrialSchema.class {}
HyperparameterTrialSchema.setClass(HyperparameterTrial);
