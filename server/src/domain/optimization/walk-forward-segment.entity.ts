import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, doubleColumn, idColumn } from '../columns.ts';
import { MarketDataSet } from '../market-data/market-data-set.entity.ts';
import { ParameterConfig } from '../strategy/parameter-config.entity.ts';
import { Optimization } from './optimization.entity.ts';

const WalkForwardSegmentSchema = defineEntity({
  name: 'WalkForwardSegment',
  tableName: 'walk_forward_segment',
  properties: {
    id: idColumn(),
    optimization: p.manyToOne(Optimization).deleteRule('cascade'),
    marketDataSet: p.manyToOne(MarketDataSet).deleteRule('no action'),
    /** Position of the segment within its dataset's walk-forward, from 0. */
    segmentIndex: p.integer(),
    /** Train window as a `tstzrange` literal `[first bar open, first test bar open)`. */
    trainWindow: p.string().columnType('tstzrange'),
    /** Test window as a `tstzrange` literal `[first test bar open, last test bar open]`. */
    testWindow: p.string().columnType('tstzrange'),
    /** Seed of this segment's search. */
    seed: p.bigint('number'),
    /** The chosen parameters (deduplicated config, source `optimization`). */
    parameterConfig: p.manyToOne(ParameterConfig).deleteRule('no action'),
    parameters: p.json<Record<string, number | string | boolean>>().columnType('jsonb'),
    feasible: p.boolean(),
    trialCount: p.integer(),
    inSampleMetrics: p.json<Record<string, number | string | null>>().columnType('jsonb'),
    outOfSampleMetrics: p.json<Record<string, number | string | null>>().columnType('jsonb'),
    /** OOS CAGR ÷ IS CAGR of this segment; null when not defined (IS CAGR ≤ 0). */
    walkForwardEfficiency: doubleColumn().nullable(),
    /** PBO (CSCV, 16 blocks) over this segment's trial-return matrix, 0–1; null when too short. */
    probabilityOfBacktestOverfitting: doubleColumn().nullable(),
    /** Deflated Sharpe Ratio of the chosen trial given all trials of the segment, 0–1. */
    deflatedSharpeRatio: doubleColumn().nullable(),
    /** Little-endian float64 test-bar open times (ms since epoch). */
    outOfSampleTimestamps: p.blob(),
    /** Little-endian float64 per-bar OOS returns of the chosen parameters. */
    outOfSampleReturns: p.blob(),
    /**
     * Trial-return matrix used for PBO, row-major by trial: `trialCount × matrixRows` little-endian float64.
     * Train-window returns compounded in groups of `matrixGroupBars` bars (the most recent whole groups).
     */
    trialReturnMatrix: p.blob(),
    matrixRows: p.integer(),
    matrixGroupBars: p.integer(),
    engineVersion: p.string(),
    datasetChecksum: p.string().length(64),
    /** Checksum of the chosen parameters (ParameterConfig checksum). */
    parameterChecksum: p.string().length(64),
    createdAt: createdAtColumn(),
  },
  uniques: [{ properties: ['optimization', 'marketDataSet', 'segmentIndex'] }],
});

/** One optimize-then-test segment of a walk-forward optimization, written once with its trials. */
export class WalkForwardSegment extends WalkForwardSegmentSchema.class {}
WalkForwardSegmentSchema.setClass(WalkForwardSegment);
