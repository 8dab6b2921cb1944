import 'reflect-metadata';
import type { EntityFields } from '../entity-fields.ts';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { DataGap, MarketDataSet, QualityFlags } from '../../domain/market-data/market-data-set.entity.ts';
import { MarketDataSourceEnum, TimeframeEnum } from '../enums.ts';
import { makeConnectionType, NodeInterface } from '../relay.ts';

@ObjectType('DataGap', { description: 'A run of missing bars (not filled; the engine treats rows as consecutive).' })
export class DataGapType implements DataGap {
  @Field(() => String, { description: 'Open time (ISO-8601 UTC) of the last bar before the gap.' })
  after!: string;

  @Field(() => String, { description: 'Open time (ISO-8601 UTC) of the first bar after the gap.' })
  before!: string;

  @Field(() => Int)
  missingBars!: number;
}

@ObjectType('QualityFlags', { description: 'What import found about a dataset; travels with every run on it.' })
export class QualityFlagsType implements QualityFlags {
  @Field(() => [DataGapType])
  gaps!: DataGapType[];

  @Field(() => [String], { description: 'Open times of zero-volume bars (exchange placeholders: "no trading").' })
  zeroVolumeBars!: string[];

  @Field(() => Int, { description: 'Bars with open = high = low = close.' })
  flatBarCount!: number;
}

@ObjectType('Bar', { description: 'One OHLCV bar; `timestamp` is the bar open time (UTC). Prices in quote currency.' })
export class BarType {
  @Field(() => Date)
  timestamp!: Date;

  @Field(() => Float)
  open!: number;

  @Field(() => Float)
  high!: number;

  @Field(() => Float)
  low!: number;

  @Field(() => Float)
  close!: number;

  @Field(() => Float, { description: 'Volume in base-asset units.' })
  volume!: number;
}


@ObjectType('MarketDataSet', {
  implements: NodeInterface,
  description: 'An immutable, checksummed, certified set of OHLCV bars for a symbol universe.',
})
export class MarketDataSetType extends NodeInterface implements EntityFields<MarketDataSet, 'timeframe' | 'source'> {
  @Field(() => String, { description: 'The row UUID (for notebooks; `id` is the Relay global id).' })
  databaseId!: string;

  @Field(() => [String], { description: 'Symbols covered, e.g. ["BTC-USDT"].' })
  symbolUniverse!: string[];

  @Field(() => TimeframeEnum)
  timeframe!: string;

  @Field(() => Date, { description: 'Open time of the first bar.' })
  startAt!: Date;

  @Field(() => Date, { description: 'Open time of the last bar.' })
  endAt!: Date;

  @Field(() => MarketDataSourceEnum)
  source!: string;

  @Field(() => String, { description: 'SHA-256 (hex) of the canonical bytes of the bars: the identity of the data.' })
  checksum!: string;

  @Field(() => QualityFlagsType)
  qualityFlags!: QualityFlags;

  @Field(() => Int, { description: 'Number of bars.' })
  rowCount!: number;

  @Field(() => Int, { description: 'Number of gaps (runs of missing bars).' })
  gapCount!: number;

  @Field(() => Int, { description: 'Total bars missing across all gaps.' })
  missingBarCount!: number;

  @Field(() => String, { description: 'Name of the imported file.' })
  fileName!: string;

  @Field(() => Date, { nullable: true, description: 'When validation passed and the dataset was frozen; only certified data is scheduled.' })
  certifiedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const MarketDataSetConnection = makeConnectionType('MarketDataSet', MarketDataSetType);
