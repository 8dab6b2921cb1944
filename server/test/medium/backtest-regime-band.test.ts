import { describe, expect, it } from 'vitest';
import { calculateVolatilityRegimes, makeBarFrame } from '../../src/engine/index.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('BacktestRun.regimeBand', () => {
  it('is the regime of the dataset’s last bar at scheduling time', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const run = await harness.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
    const bars = await harness.orm.em.fork().execute<{ t: number; open: number; high: number; low: number; close: number; volume: number }[]>(
      `select (extract(epoch from "timestamp") * 1000)::float8 as t, open, high, low, close, volume from market_bar where dataset_id = ? order by "timestamp"`,
      [marketDataSet.id],
    );
    const column = (pick: (row: (typeof bars)[number]) => number) => Float64Array.from(bars, pick);
    const frame = makeBarFrame({ timestamp: column((row) => row.t), open: column((row) => row.open), high: column((row) => row.high), low: column((row) => row.low), close: column((row) => row.close), volume: column((row) => row.volume) });
    const expected = calculateVolatilityRegimes(frame, { periodsPerYear: 365 }).labels.at(-1);
    expect(expected).not.toBeNull();
    expect(run.regimeBand).toBe(expected);
  });
});
