import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runnerFor, runToEnd } from '../support/deployment-runner-harness.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return harness.orm.em.fork().execute<T[]>(sql, params);
}

/** A dataset of `count` synthetic daily bars of its own (a test may tamper with it). */
async function importSyntheticDaily(symbol: string, count: number) {
  const file = makeDailyCsv(symbol, count);
  return (await harness.services().marketData.importBytes(file.name, Buffer.from(file.content))).marketDataSet;
}

describe('deployment runner: PAPER and faults', () => {
  it('PAPER: an order above the participation cap fills partially, is CANCELED with its fill ratio, and is not retried', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', venue: 'paper', participationCap: 0.000001 }, { parameters: { fastPeriod: 5, slowPeriod: 20 } });
    await runToEnd(harness, deployment.id, makeManualClock('2026-12-01T00:00:00Z'));
    const orders = await rows<{ decided: string; state: string; quantity: number; filled: number; ratio: number; reason: string; venue: string }>(
      `select decision_bar_at as decided, state, quantity, filled_quantity as filled, fill_ratio as ratio, reason, venue
         from deployment_order where deployment_id = ? order by decision_bar_at`,
      [deployment.id],
    );
    const partial = orders.filter((order) => order.state === 'canceled');
    expect(partial.length).toBeGreaterThan(3);
    for (const order of partial) {
      expect(order.venue).toBe('paper');
      expect(order.filled).toBeGreaterThan(0);
      expect(order.filled).toBeLessThan(order.quantity);
      expect(order.ratio).toBeCloseTo(order.filled / order.quantity, 12);
      expect(order.reason).toMatch(/participation cap: .* the remainder is canceled, never retried/);
    }
    // Not retried: the bar after a partial fill orders nothing unless the strategy's target changed at that bar.
    const signals = await rows<{ bar: string; target: number }>(`select bar_at as bar, target from deployment_signal where deployment_id = ? order by bar_at`, [deployment.id]);
    const index = new Map(signals.map((signal, position) => [new Date(signal.bar).getTime(), position]));
    const decidedAt = new Set(orders.map((order) => new Date(order.decided).getTime()));
    for (const order of partial) {
      const position = index.get(new Date(order.decided).getTime())!;
      const next = signals[position + 1];
      if (next && next.target === signals[position]!.target) expect(decidedAt.has(new Date(next.bar).getTime())).toBe(false);
    }
    const [fills] = await rows<{ partial_fills: number }>(
      `select count(*)::int as partial_fills from deployment_fill f join deployment_order o on o.id = f.order_id where o.deployment_id = ? and o.state = 'canceled'`,
      [deployment.id],
    );
    expect(fills!.partial_fills).toBe(partial.length);
  });

  it('a bad bar (NaN close) is refused by name and recorded; it is never traded on, and the bars after it are', async () => {
    const dataSet = await importSyntheticDaily('BADBAR-USDT', 80);
    const badAt = new Date(Date.UTC(2024, 0, 41));
    // The stored bar is corrupted behind the platform's back (superuser), as a broken feed would deliver it.
    await as(harness.database.url, (client) => client.query(`update market_bar set close = 'NaN' where dataset_id = $1 and "timestamp" = $2`, [dataSet.id, badAt]));
    const { deployment } = await arrangeShadowDeployment(harness, { replayDataset: dataSet.id, symbol: 'BADBAR/USDT' }, { parameters: { fastPeriod: 2, slowPeriod: 5 } });
    await runToEnd(harness, deployment.id, makeManualClock('2026-12-01T00:00:00Z'), { deploymentBatchBars: 30 });
    const [refusal] = await rows<{ kind: string; category: string; rule: string; message: string; evidence: Record<string, string> }>(
      `select kind, category, rule, message, evidence from deployment_event where deployment_id = ? and bar_at = ?`,
      [deployment.id, badAt],
    );
    expect(refusal).toMatchObject({ kind: 'invalid_bar', category: 'data_integrity', rule: 'bar_not_finite', evidence: { close: 'NaN' } });
    expect(refusal!.message).toMatch(/refused \(bar_not_finite, field close\).*not traded on/);
    const [counts] = await rows<{ signals: number; pnl: number; at_bad: number; decided_at_bad: number }>(
      `select (select count(*)::int from deployment_signal where deployment_id = ?) as signals,
              (select count(*)::int from pnl_snapshot where deployment_id = ?) as pnl,
              (select count(*)::int from deployment_signal where deployment_id = ? and bar_at = ?) as at_bad,
              (select count(*)::int from deployment_order where deployment_id = ? and decision_bar_at = ?) as decided_at_bad`,
      [deployment.id, deployment.id, deployment.id, badAt, deployment.id, badAt],
    );
    expect(counts).toEqual({ signals: 79, pnl: 79, at_bad: 0, decided_at_bad: 0 });
    const row = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id });
    expect(row.lastProcessedBarAt).toEqual(new Date(Date.UTC(2024, 0, 80)));
  });

  it('nothing is half-written: a bar job that fails mid-write leaves no row and no cursor move, and its retry does the whole batch once', async () => {
    const dataSet = await importSyntheticDaily('FAULT-USDT', 60);
    const { deployment } = await arrangeShadowDeployment(harness, { replayDataset: dataSet.id, symbol: 'FAULT/USDT' }, { parameters: { fastPeriod: 2, slowPeriod: 5 } });
    // A fault while the P&L rows are written, after the orders, fills and events of the batch went in.
    await as(harness.database.url, async (client) => {
      await client.query(`create function fail_pnl_write() returns trigger language plpgsql as $$ begin raise exception 'injected fault'; end $$`);
      await client.query(`create trigger fail_pnl_write before insert on pnl_snapshot for each row when (new.deployment_id = '${deployment.id}') execute function fail_pnl_write()`);
    });
    const clock = makeManualClock('2026-12-01T00:00:00Z');
    await expect(runnerFor(harness, clock).processBars(deployment.id)).rejects.toThrow(/injected fault/);
    const written = async () =>
      (
        await rows<{ orders: number; fills: number; events: number; signals: number; positions: number }>(
          `select (select count(*)::int from deployment_order where deployment_id = ?) as orders,
                  (select count(*)::int from deployment_fill where deployment_id = ?) as fills,
                  (select count(*)::int from deployment_event where deployment_id = ?) as events,
                  (select count(*)::int from deployment_signal where deployment_id = ?) as signals,
                  (select count(*)::int from position_snapshot where deployment_id = ?) as positions`,
          Array(5).fill(deployment.id),
        )
      )[0]!;
    expect(await written()).toEqual({ orders: 0, fills: 0, events: 0, signals: 0, positions: 0 });
    expect(await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).toMatchObject({ activationState: 'pending', lastProcessedBarAt: null, cash: 10_000 });
    await as(harness.database.url, (client) => client.query('drop trigger fail_pnl_write on pnl_snapshot'));
    await runToEnd(harness, deployment.id, clock);
    const after = await written();
    expect(after.signals).toBe(60);
    expect(after.orders).toBeGreaterThan(2);
    const [{ distinct }] = await rows<{ distinct: number }>('select count(distinct client_order_id)::int as distinct from deployment_order where deployment_id = ?', [deployment.id]);
    expect(distinct).toBe(after.orders);
  });
});
