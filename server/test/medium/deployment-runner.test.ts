import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { getStrategyTemplate, makeBarFrame, runBacktest } from '../../src/engine/index.ts';
import { rememberTargetHistory } from '../../src/services/deployment/target-history.ts';
import { loadBarFrame } from '../../src/services/market-data/bar-frame.repository.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runnerFor, runToEnd } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const day = 86_400_000;

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return harness.orm.em.fork().execute<T[]>(sql, params);
}

describe('deployment runner: SHADOW replay', () => {
  it('replays a real dataset as fast as possible, in batches, into orders, fills, signals and snapshots', async () => {
    const { deployment, marketDataSet } = await arrangeShadowDeployment(harness);
    const jobs = await runToEnd(harness, deployment.id, makeManualClock('2026-12-01T00:00:00Z'), { deploymentBatchBars: 700 });
    expect(jobs).toBeGreaterThan(3);
    const [{ bars }] = await rows<{ bars: number }>('select count(*)::int as bars from market_bar where dataset_id = ?', [marketDataSet.id]);
    const [counts] = await rows<{ signals: number; positions: number; pnl: number; orders: number; filled: number; fills: number; distinct_ids: number }>(
      `select (select count(*)::int from deployment_signal where deployment_id = ?) as signals,
              (select count(*)::int from position_snapshot where deployment_id = ?) as positions,
              (select count(*)::int from pnl_snapshot where deployment_id = ?) as pnl,
              (select count(*)::int from deployment_order where deployment_id = ?) as orders,
              (select count(*)::int from deployment_order where deployment_id = ? and state = 'filled') as filled,
              (select count(*)::int from deployment_fill where deployment_id = ?) as fills,
              (select count(distinct client_order_id)::int from deployment_order where deployment_id = ?) as distinct_ids`,
      Array(7).fill(deployment.id),
    );
    expect(counts).toMatchObject({ signals: bars, positions: bars, pnl: bars, fills: counts!.filled, distinct_ids: counts!.orders });
    expect(counts!.orders).toBeGreaterThan(10);
    const row = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id });
    expect(row).toMatchObject({ activationState: 'active', effectiveStage: 'shadow', health: 'healthy' });
    const [completed] = await rows<{ count: number }>(`select count(*)::int as count from deployment_event where deployment_id = ? and kind = 'replay_completed'`, [deployment.id]);
    expect(completed!.count).toBe(1);
  });

  it('parity: with the cap off, no latency and market orders, it gives runBacktest’s trades and equity over the same bars', async () => {
    const parameters = { fastPeriod: 5, slowPeriod: 20, allowShort: true };
    const { deployment, marketDataSet } = await arrangeShadowDeployment(harness, { slippageBps: 5, takerFeeBps: 10 }, { parameters });
    await runToEnd(harness, deployment.id, makeManualClock('2026-12-01T00:00:00Z'), { deploymentBatchBars: 500 });
    const frame = await loadBarFrame(harness.orm.em.fork(), marketDataSet.id);
    const backtest = runBacktest(frame, getStrategyTemplate('sma_crossover'), parameters, { feeBps: 10, slippageBps: 5, periodsPerYear: 365, initialEquity: 10_000, cashFloor: true });
    const equity = await rows<{ equity: number }>('select equity from pnl_snapshot where deployment_id = ? order by bar_at', [deployment.id]);
    expect(equity.length).toBe(frame.length);
    expect(Float64Array.from(equity.map((mark) => mark.equity))).toEqual(backtest.equity);
    // Every trade's entry and exit is one fill at the backtest's bar and price (the trade's price is a quantity-weighted
    // average over its fills, so it may differ in the last bit).
    const samePrice = (fill: number | undefined, trade: number | null) => expect(Math.abs(fill! - trade!) / trade!).toBeLessThan(1e-12);
    const fills = await rows<{ t: number; side: string; price: number; quantity: number }>(
      `select (extract(epoch from bar_at) * 1000)::float8 as t, side, price, quantity from deployment_fill where deployment_id = ? order by bar_at`,
      [deployment.id],
    );
    const fillAt = new Map(fills.map((fill) => [fill.t, fill]));
    expect(backtest.trades.length).toBeGreaterThan(20);
    for (const trade of backtest.trades) {
      samePrice(fillAt.get(trade.entryTime)?.price, trade.entryPrice);
      if (trade.exitTime !== null) samePrice(fillAt.get(trade.exitTime)?.price, trade.exitPrice);
    }
    // The cash floor: no mark with negative cash; every buy that cash could not pay in full says so on the order.
    const [cash] = await rows<{ lowest: number }>('select min(cash) as lowest from pnl_snapshot where deployment_id = ?', [deployment.id]);
    expect(cash!.lowest).toBeGreaterThanOrEqual(0);
    const capped = await rows<{ reason: string }>(`select reason from deployment_order where deployment_id = ? and reason like 'cash floor:%'`, [deployment.id]);
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]!.reason).toMatch(/^cash floor: [\d.e-]+ of the [\d.e-]+ the target asked for, so that cash [\d.e-]+ stays ≥ 0 after a fill at up to [\d.e-]+ plus a 10 bps fee$/);
  });
});

describe('deployment runner: two jobs of one deployment at once', () => {
  it('run one after the other on the deployment row: every bar once, in order, no client order id twice', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, {}, { parameters: { fastPeriod: 2, slowPeriod: 4 } });
    const clock = makeManualClock('2026-12-01T00:00:00Z');
    const settings = { deploymentBatchBars: 60 };
    await runnerFor(harness, clock, settings).processBars(deployment.id);
    // A resume racing the deployment's own next bar job: both run now, each on its own connection.
    const outcomes = await Promise.all([runnerFor(harness, clock, settings).processBars(deployment.id), runnerFor(harness, clock, settings).processBars(deployment.id)]);
    expect(outcomes.map((outcome) => outcome.barsAccepted)).toEqual([60, 60]);
    const signals = await rows<{ t: number }>(`select (extract(epoch from bar_at) * 1000)::float8 as t from deployment_signal where deployment_id = ? order by bar_at`, [deployment.id]);
    const dataset = await rows<{ t: number }>(
      `select (extract(epoch from "timestamp") * 1000)::float8 as t from market_bar where dataset_id = (select replay_dataset_id from deployment where id = ?) order by "timestamp"`,
      [deployment.id],
    );
    // The 180 bars processed are the dataset's bars after the warm-up prefix, each once and contiguous.
    const first = dataset.findIndex((bar) => bar.t === signals[0]!.t);
    expect(signals.map((bar) => bar.t)).toEqual(dataset.slice(first, first + 180).map((bar) => bar.t));
    const [ids] = await rows<{ orders: number; distinct_ids: number }>(
      `select count(*)::int as orders, count(distinct client_order_id)::int as distinct_ids from deployment_order where deployment_id = ?`,
      [deployment.id],
    );
    expect(ids!.orders).toBeGreaterThan(5);
    expect(ids!.distinct_ids).toBe(ids!.orders);
  });
});

describe('deployment runner: target history kept in memory between jobs', () => {
  it('is used only while it ends at the deployment’s last accepted bar: a stale one is ignored and the database read gives the same trades', async () => {
    const parameters = { fastPeriod: 5, slowPeriod: 20 };
    const clock = makeManualClock('2026-12-01T00:00:00Z');
    const settings = { deploymentBatchBars: 400 };
    const { deployment: remembered } = await arrangeShadowDeployment(harness, {}, { parameters });
    await runToEnd(harness, remembered.id, clock, settings);
    // The twin: before each job, this process holds a history for it that ends one bar early with doubled prices
    // (what another process's job would leave behind); used, it would change the targets and the trades.
    const { deployment: twin } = await arrangeShadowDeployment(harness, {}, { parameters });
    for (let job = 0; job < 100; job++) {
      const row = await harness.orm.em.fork().findOneOrFail(Deployment, { id: twin.id });
      if (row.historyStartAt && row.lastAcceptedBarAt) {
        const stale = await rows<{ t: number; open: number; high: number; low: number; close: number; volume: number }>(
          `select (extract(epoch from "timestamp") * 1000)::float8 as t, 2 * open as open, 2 * high as high, 2 * low as low, 2 * close as close, volume
             from market_bar where dataset_id = ? and "timestamp" >= ? and "timestamp" < ? order by "timestamp"`,
          [row.replayDataset!.id, row.historyStartAt, row.lastAcceptedBarAt],
        );
        const column = (pick: (bar: (typeof stale)[number]) => number) => Float64Array.from(stale, pick);
        rememberTargetHistory(twin.id, row.historyStartAt, makeBarFrame({ timestamp: column((bar) => bar.t), open: column((bar) => bar.open), high: column((bar) => bar.high), low: column((bar) => bar.low), close: column((bar) => bar.close), volume: column((bar) => bar.volume) }));
      }
      if ((await runnerFor(harness, clock, settings).processBars(twin.id)).nextBarMs === null) break;
    }
    const trades = async (id: string) =>
      rows<{ decided: string; side: string; quantity: number; price: number }>(
        `select o.decision_bar_at as decided, o.side, f.quantity, f.price from deployment_order o join deployment_fill f on f.order_id = o.id where o.deployment_id = ? order by o.decision_bar_at`,
        [id],
      );
    const expected = await trades(remembered.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(await trades(twin.id)).toEqual(expected);
    const equity = async (id: string) => (await rows<{ equity: number }>('select equity from pnl_snapshot where deployment_id = ? order by bar_at', [id])).map((mark) => mark.equity);
    expect(await equity(twin.id)).toEqual(await equity(remembered.id));
  });
});

describe('deployment runner: gates', () => {
  it('kill switch on: no order is created for the following bars, refusals are recorded and open orders are cancelled', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, {}, { parameters: { fastPeriod: 2, slowPeriod: 4 } });
    const clock = makeManualClock('2026-12-01T00:00:00Z');
    const settings = { deploymentBatchBars: 300 };
    await runnerFor(harness, clock, settings).processBars(deployment.id);
    const [{ before }] = await rows<{ before: number }>('select count(*)::int as before from deployment_order where deployment_id = ?', [deployment.id]);
    expect(before).toBeGreaterThan(5);
    // An order still working at a venue (as a LIVE order would be), and the global kill switch turned on.
    await harness.orm.em.fork().execute(
      `insert into deployment_order (id, deployment_id, client_order_id, decision_bar_at, intent, stage, venue, side, order_type, quantity, reference_price, state)
       values (gen_random_uuid(), ?, 'open-order-kill-switch-test', now(), 'rebalance', 'shadow', 'shadow', 'buy', 'market', 1, 100, 'accepted')`,
      [deployment.id],
    );
    await harness.orm.em.fork().execute(`update kill_switch set state = 'on', reason = 'drill' where scope = 'global'`);
    try {
      const outcome = await runnerFor(harness, clock, settings).processBars(deployment.id);
      expect(outcome.barsAccepted).toBe(300);
      const [after] = await rows<{ orders: number; refusals: number; open: number }>(
        `select (select count(*)::int from deployment_order where deployment_id = ? and client_order_id <> 'open-order-kill-switch-test') as orders,
                (select count(*)::int from deployment_event where deployment_id = ? and kind = 'order_refused' and rule = 'kill_switch') as refusals,
                (select count(*)::int from deployment_order where deployment_id = ? and state in ('new', 'submitted', 'accepted', 'partially_filled', 'unresolved')) as open`,
        [deployment.id, deployment.id, deployment.id],
      );
      expect(after).toMatchObject({ orders: before, open: 0 });
      expect(after!.refusals).toBeGreaterThan(5);
      const [cancelled] = await rows<{ state: string; reason: string }>(`select state, reason from deployment_order where client_order_id = 'open-order-kill-switch-test'`);
      expect(cancelled).toEqual({ state: 'canceled', reason: 'kill switch on (global: drill)' });
    } finally {
      await harness.orm.em.fork().execute(`update kill_switch set state = 'off', reason = null where scope = 'global'`);
    }
  });

  it('stale feed: a paced replay paused past the freshness limit becomes DEGRADED with an event, places no order, and recovers', async () => {
    const start = Date.parse('2026-12-01T00:00:00Z');
    const clock = makeManualClock(start);
    // One daily bar per second of clock time; stale after 3 days of market time (3 s of clock time).
    const { deployment } = await arrangeShadowDeployment(harness, { replayBarIntervalMs: 1000, maxBarAgeMs: 3 * day, warmUpBars: 10 }, { parameters: { fastPeriod: 2, slowPeriod: 4 } });
    await runnerFor(harness, clock).processBars(deployment.id);
    clock.advance(40_000);
    const first = await runnerFor(harness, clock).processBars(deployment.id);
    expect(first.barsAccepted).toBe(40);
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).health).toBe('healthy');
    // The replay is paused (nothing processes its bars) while its clock runs on: 20 days of market time.
    await harness.orm.em.fork().execute(`update deployment set activation_state = 'paused' where id = ?`, [deployment.id]);
    const before = (await rows<{ id: string }>('select id from deployment_order where deployment_id = ?', [deployment.id])).map((row) => row.id);
    clock.advance(20_000);
    expect(await runnerFor(harness, clock).checkFreshness()).toMatchObject({ degraded: 1 });
    const degraded = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id });
    expect(degraded).toMatchObject({ health: 'degraded', healthReason: 'stale_feed' });
    const [stale] = await rows<{ rule: string; threshold: string; measured: string; message: string }>(
      `select rule, threshold, measured, message from deployment_event where deployment_id = ? and kind = 'stale_feed'`,
      [deployment.id],
    );
    expect(stale).toMatchObject({ rule: 'freshness', threshold: String(3 * day), measured: String(20 * day) });
    expect((await runnerFor(harness, clock).processBars(deployment.id)).idle).toBe('paused');
    // Resume: the 20 pending bars are caught up in one batch; those older than the limit are refused, never traded.
    await harness.orm.em.fork().execute(`update deployment set activation_state = 'active' where id = ?`, [deployment.id]);
    const catchUp = await runnerFor(harness, clock).processBars(deployment.id);
    expect(catchUp.barsAccepted).toBe(20);
    const recovered = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id });
    expect(recovered).toMatchObject({ health: 'healthy', healthReason: null });
    // Orders of the catch-up were all acted on at a fresh bar: decided at most 4 days before the last bar (the acting bar
    // opens a day after the decision and must have closed within the 3-day limit of the clock, one day past the last bar).
    const caughtUp = await rows<{ decided: string }>(`select decision_bar_at as decided from deployment_order where deployment_id = ? and not (id = any(?::uuid[]))`, [deployment.id, `{${before.join(',')}}`]);
    for (const order of caughtUp) expect(new Date(order.decided).getTime()).toBeGreaterThanOrEqual(recovered.lastAcceptedBarAt!.getTime() - 4 * day);
    const refusals = await rows<{ count: number }>(`select count(*)::int as count from deployment_event where deployment_id = ? and kind = 'order_refused' and rule = 'freshness'`, [deployment.id]);
    expect(refusals[0]!.count).toBeGreaterThan(0);
    const [recovery] = await rows<{ count: number }>(`select count(*)::int as count from deployment_event where deployment_id = ? and kind = 'feed_recovered'`, [deployment.id]);
    expect(recovery!.count).toBe(1);
    // The health history (what the demotion triggers read): one flip each way, with the reason, nothing for the
    // checks in between.
    const flips = await rows<{ kind: string; evidence: Record<string, string | null> }>(`select kind, evidence from deployment_event where deployment_id = ? and kind like 'health_%' order by occurred_at, id`, [deployment.id]);
    expect(flips).toEqual([
      { kind: 'health_degraded', evidence: { reason: 'stale_feed' } },
      { kind: 'health_restored', evidence: { lifted: 'stale_feed' } },
    ]);
  });
});
