import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { timeframes } from './timeframe.ts';

/** Where a dataset came from (data-model.md). */
export const marketDataSources = ['exchange_dump', 'vendor_feed', 'synthetic'] as const;
export type MarketDataSource = (typeof marketDataSources)[number];

/** One run of missing bars: the last bar before it, the first after it and how many bars are missing. */
export interface DataGap {
  after: string;
  before: string;
  missingBars: number;
}

/** What import found about a dataset's quality; travels with every run on it. */
export interface QualityFlags {
  gaps: DataGap[];
  /** Bars with zero volume (exchange placeholders around outages): treat as "no trading". */
  zeroVolumeBars: string[];
  /** Bars with open = high = low = close. */
  flatBarCount: number;
}

const MarketDataSetSchema = defineEntity({
  name: 'MarketDataSet',
  tableName: 'market_data_set',
  properties: {
    id: idColumn(),
    symbolUniverse: p.array().columnType('text[]'),
    timeframe: p.enum(timeframes),
    startAt: p.datetime(),
    endAt: p.datetime(),
    source: p.enum(marketDataSources),
    /** SHA-256 (hex) of the canonical bytes of the bars: identity of the data. */
    checksum: p.string().length(64).unique(),
    qualityFlags: p.json<QualityFlags>().columnType('jsonb'),
    rowCount: p.integer(),
    gapCount: p.integer(),
    missingBarCount: p.integer(),
    fileName: p.string(),
    certifiedAt: p.datetime().nullable(),
    createdAt: createdAtColumn(),
  },
  indexes: [{ properties: ['timeframe', 'startAt'] }],
});

/** An immutable, checksummed, certified set of OHLCV bars for a symbol universe. */
export class MarketDataSet extends MarketDataSetSchema.class {}
MarketDataSetSchema.setClass(MarketDataSet);
