import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { loadRegimeTimeline, regimeBandAt } from '../../src/services/monitoring/deployment-regimes.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const day = 86_400_000;

/** A live-feed deployment of `symbol` at 1d that has received `bars` daily bars from 2026-01-01 (prices at `level` with a small wiggle). */
async function liveDeploymentWithBars(symbol: string, bars: number, level = 100) {
  const { deployment } = await arrangeShadowDeployment(harness, { feedKind: 'live', replayDataset: null, feedVenue: 'binanceus', symbol, timeframe: '1d', maxBarAgeMs: 2 * day });
  const first = Date.UTC(2026, 0, 1);
  for (let index = 0; index < bars; index++) {
    const close = level * (1 + 0.01 * Math.sin(index));
    await harness.orm.em.fork().execute(
      `insert into deployment_bar (deployment_id, bar_at, open, high, low, close, volume, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [deployment.id, new Date(first + index * day), level, Math.max(level, close) * 1.001, Math.min(level, close) * 0.999, close, 10, new Date(first + (index + 1) * day)],
    );
  }
  return { deployment: await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id }), lastBarMs: first + (bars - 1) * day };
}

describe('regime labels of a live feed (monitoring rule regimeChange)', () => {
  it('a new live feed is labelled from its first bars on its asset’s certified history (BTC/USDT 1d after BTC-USDT_1d.csv)', async () => {
    // arrangeShadowDeployment imports the bundled BTC-USDT 1d (2019 → 2026-06): its bars before the feed's first come first.
    const { deployment, lastBarMs } = await liveDeploymentWithBars('BTC/USDT', 3);
    const timeline = await loadRegimeTimeline(harness.orm.em.fork(), deployment);
    expect(regimeBandAt(timeline, lastBarMs)).toMatch(/^(calm|neutral|turbulent)$/);
    // The received bars are the timeline's last ones, unchanged.
    expect(Array.from(timeline.timestamp.subarray(-3))).toEqual([lastBarMs - 2 * day, lastBarMs - day, lastBarMs]);
    expect(timeline.timestamp.length).toBeGreaterThan(2_000);
  });

  it('the price move across the gap between the history and the feed does not label the feed (a feed 1,000× below its history reads as one at its level)', async () => {
    // BTC-USDT 1d (imported with the first deployment) closed near 10⁵ before 2026-01-01; one feed starts at 100, another
    // at that close: a −99.9 % "return" across the gap would be the window's volatility for 30 bars (turbulent) if the
    // history were joined unscaled.
    const bars = 12;
    const farBelow = await liveDeploymentWithBars('BTC/USDT', bars, 100);
    const [{ close }] = await harness.orm.em
      .fork()
      .execute<{ close: number }[]>(
        `select b.close from market_bar b join market_data_set d on d.id = b.dataset_id where d.symbol_universe[1] = 'BTC-USDT' and d.timeframe = '1d' and b."timestamp" < '2026-01-01' order by b."timestamp" desc limit 1`,
      );
    const atLevel = await liveDeploymentWithBars('BTC/USDT', bars, Number(close));
    const labels = async ({ deployment, lastBarMs }: { deployment: Deployment; lastBarMs: number }) => {
      const timeline = await loadRegimeTimeline(harness.orm.em.fork(), deployment);
      return Array.from({ length: bars }, (_, index) => regimeBandAt(timeline, lastBarMs - (bars - 1 - index) * day));
    };
    const expected = await labels(atLevel);
    expect(expected.every((label) => label !== null)).toBe(true);
    expect(expected).not.toContain('turbulent');
    expect(await labels(farBelow)).toEqual(expected);
  });

  it('with no certified dataset of its symbol, the received bars alone: unlabelled until they span the window and its history (unknown, fail closed)', async () => {
    const { deployment, lastBarMs } = await liveDeploymentWithBars('ZZZ/USDT', 3);
    const timeline = await loadRegimeTimeline(harness.orm.em.fork(), deployment);
    expect(timeline.timestamp.length).toBe(3);
    expect(regimeBandAt(timeline, lastBarMs)).toBeNull();
  });
});
