import { defineEntity, p } from '@mikro-orm/core';
import { ohlcvColumns } from '../columns.ts';
import { MarketDataSet } from './market-data-set.entity.ts';

const MarketBarSchema = defineEntity({
  name: 'MarketBar',
  tableName: 'market_bar',
  properties: {
    dataset: p.manyToOne(MarketDataSet).primary().deleteRule('cascade'),
    /** Bar open time (UTC). */
    timestamp: p.datetime().primary(),
    ...ohlcvColumns(),
  },
});

/**
 * One OHLCV bar. Narrow rows keyed by (dataset, timestamp) — no per-row id — so millions of bars stay
 * compact and a dataset's range scan is one index walk. Written in bulk with `unnest` arrays, never one by one.
 */
export class MarketBar extends MarketBarSchema.class {}
MarketBarSchema.setClass(MarketBar);
