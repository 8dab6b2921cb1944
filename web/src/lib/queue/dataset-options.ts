import { formatTimeframe, timeframeOrder } from '#lib/format/timeframe.ts';
import type { DatasetOptionFragment } from '#lib/gql/graphql.ts';

type DatasetNaming = Pick<DatasetOptionFragment, 'symbolUniverse' | 'timeframe'>;

/** How a form names a dataset: its symbols and timeframe, e.g. `BTC-USDT · 1d`. */
export function datasetLabel(dataset: DatasetNaming): string {
  return `${dataset.symbolUniverse.join(', ')} · ${formatTimeframe(dataset.timeframe)}`;
}

/** Datasets by symbols, then timeframe (the server lists them newest first), so a dataset is found where expected. */
export function byDatasetName(left: DatasetNaming, right: DatasetNaming): number {
  return left.symbolUniverse.join(',').localeCompare(right.symbolUniverse.join(',')) || timeframeOrder(left.timeframe) - timeframeOrder(right.timeframe);
}
