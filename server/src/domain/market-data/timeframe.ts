/** Bar lengths a dataset can have (data-model.md `MarketDataSet.timeframe`). */
export const timeframes = ['tick', '1m', '5m', '1h', '1d'] as const;
export type Timeframe = (typeof timeframes)[number];

/** Bar length in milliseconds; `tick` has none. */
export const timeframeMilliseconds: Readonly<Record<Exclude<Timeframe, 'tick'>, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** Parses a timeframe name such as `1h`. @throws Error listing the accepted values. */
export function parseTimeframe(value: string): Timeframe {
  if ((timeframes as readonly string[]).includes(value)) return value as Timeframe;
  throw new Error(`unknown timeframe "${value}"; expected one of ${timeframes.join(', ')}`);
}
