import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { clientOrderId } from '../../src/engine/index.ts';
import { ccxtVenueProvider } from '../../src/infra/exchange/ccxt-venue-provider.ts';
import type { RecordedMarkets } from '../../src/infra/exchange/recorded-markets.ts';
import { replayRecordedExchange, type RecordedExchangeLog, type RecordedHttpExchange } from '../../src/infra/exchange/testing/recorded-exchange.ts';
import type { ServiceSettings } from '../../src/services/service-context.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runnerFor, type ManualClock } from '../support/deployment-runner-harness.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { connectedAs as as } from '../support/postgres-client.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database: credentials are one row per venue and kill switches are shared state.
const harness = useServiceHarness({ database: 'test' });

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../../src/infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;
const answers = fixture<{ answers: Record<string, RecordedHttpExchange> }>('binanceus.live-runner.json').answers;
const markets = fixture<RecordedMarkets>('binanceus.markets.json');
type Answer = keyof typeof answers;

/**
 * The Binance US connector (ccxt, HTTP layer replaced by the recorded answers `sequence`, in order; a request beyond
 * them fails), as the runner's venue provider. Every connector the provider makes shares one log of sent requests.
 */
function recordedBinanceUs(clock: ManualClock, sequence: Answer[]): { settings: Partial<ServiceSettings>; log: RecordedExchangeLog; append(more: Answer[]): void } {
  const log: RecordedExchangeLog = { sent: [] };
  const recorded: RecordedHttpExchange[] = [];
  const venues = ccxtVenueProvider({ clock, markets, configureExchange: (exchange) => void replayRecordedExchange(exchange, recorded, log) });
  const append = (more: Answer[]) => void recorded.push(...more.map((name) => answers[name]!));
  append(sequence);
  return { settings: { venues }, log, append };
}

/** What the venue was asked: method and path, with the client order id sent or looked up. */
function requests(log: RecordedExchangeLog): string[] {
  return log.sent.map((request) => {
    const url = new URL(request.url);
    const parameters = new URLSearchParams(request.method === 'POST' ? request.body : url.search);
    const id = parameters.get('newClientOrderId') ?? parameters.get('origClientOrderId');
    return `${request.method} ${url.pathname}${id ? ` ${id}` : ''}`;
  });
}

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return harness.orm.em.fork().execute<T[]>(sql, params);
}

/**
 * A LIVE deployment on Binance US (BTC/USDT) replaying 60 synthetic daily bars (rising: SMA 5/20 goes long once and
 * stays long — one buy), with the fixture's credentials stored and, unless `token` is false, a LIVE token valid for
 * an hour. The clock starts at the real now (tokens expire on it).
 */
async function arrangeLive(options: { credentials?: boolean; token?: boolean; ttlMinutes?: number; overrides?: Record<string, unknown> } = {}) {
  const file = makeDailyCsv('LIVE-USDT', 60);
  const { marketDataSet } = await harness.services().marketData.importBytes(file.name, Buffer.from(file.content));
  const { deployment, strategy } = await arrangeShadowDeployment(
    harness,
    { stage: 'live', effectiveStage: 'observe', venue: 'binanceus', replayDataset: marketDataSet.id, symbol: 'BTC/USDT', ...(options.overrides ?? {}) },
    { parameters: { fastPeriod: 5, slowPeriod: 20 } },
  );
  const production = await harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
  if (options.credentials ?? true) await production.exchangeCredentials.set({ venue: 'binanceus', apiKey: 'fixture-binanceus-api-key', secret: 'fixture-binanceus-secret-not-a-credential' });
  if (options.token ?? true) await production.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: options.ttlMinutes ?? 60 });
  return { deployment, strategy, production, clock: makeManualClock(Date.now()) };
}

/** Runs bar jobs (one bar each for LIVE) until `until` holds, at most `max`; returns how many ran. */
async function runJobs(deploymentId: string, clock: ManualClock, settings: Partial<ServiceSettings>, max: number, until: () => Promise<boolean> = async () => false): Promise<number> {
  for (let job = 1; job <= max; job++) {
    await runnerFor(harness, clock, settings).processBars(deploymentId);
    if (await until()) return job;
  }
  return max;
}

const orders = (deploymentId: string) =>
  rows<{ id: string; client_order_id: string; decision_bar_at: Date; intent: 'rebalance' | 'flatten'; state: string; quantity: number; filled_quantity: number; venue: string; venue_order_id: string | null; reason: string | null }>(
    `select id, client_order_id, decision_bar_at, intent, state, quantity, filled_quantity, venue, venue_order_id, reason from deployment_order where deployment_id = ? order by created_at`,
    [deploymentId],
  );
const events = async (deploymentId: string) => (await rows<{ kind: string; rule: string | null; message: string }>(`select kind, rule, message from deployment_event where deployment_id = ? order by occurred_at, id`, [deploymentId]));
const deploymentRow = (id: string) => harness.orm.em.fork().findOneOrFail(Deployment, { id }, { refresh: true });
const hasOrder = (deploymentId: string, state?: string) => async () => (await orders(deploymentId)).some((order) => state === undefined || order.state === state);

describe('LIVE orders through the Binance US connector (recorded answers)', () => {
  it('reconciles on start, then places exactly one order per intent with its deterministic client order id, recorded before it is sent', async () => {
    const { deployment, clock } = await arrangeLive();
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'marketOrderFilled']);
    await runJobs(deployment.id, clock, venue.settings, 40, hasOrder(deployment.id));
    // Ten more bars: the target stays long, nothing more is sent (a request beyond the recording would fail the job).
    await runJobs(deployment.id, clock, venue.settings, 10);

    const [order, ...others] = await orders(deployment.id);
    expect(others).toEqual([]);
    expect(order).toMatchObject({ state: 'filled', venue: 'binanceus', venue_order_id: '9001', intent: 'rebalance' });
    expect(order!.client_order_id).toBe(clientOrderId(deployment.id, new Date(order!.decision_bar_at).getTime(), 'rebalance'));
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account', `POST /api/v3/order ${order!.client_order_id}`]);
    const sentQuantity = Number(new URLSearchParams(venue.log.sent[2]!.body).get('quantity'));
    expect(order!.filled_quantity).toBe(sentQuantity);
    const fills = await rows<{ quantity: number; price: number; fee: number; sequence: number }>('select quantity, price, fee, sequence from deployment_fill where order_id = ?', [order!.id]);
    expect(fills).toHaveLength(1);
    expect(fills[0]!.sequence).toBe(1);
    expect(fills[0]!.price).toBeCloseTo(110, 9);
    expect(fills[0]!.quantity).toBeCloseTo(sentQuantity, 12);
    expect(fills[0]!.fee).toBeCloseTo(sentQuantity * 0.11, 6);
    const after = await deploymentRow(deployment.id);
    expect(after).toMatchObject({ effectiveStage: 'live', health: 'healthy' });
    expect(after.positionQuantity).toBeCloseTo(sentQuantity, 12);
    expect(after.cash).toBeCloseTo(10_000 - sentQuantity * 110 - sentQuantity * 0.11, 6);
    expect(after.venueReconciledAt).not.toBeNull();
    expect((await events(deployment.id)).map((row) => row.kind)).toContain('reconciliation_completed');
  });

  it('a job that fails after the send (its outcome not written) is retried: the order is read by client order id, never sent again', async () => {
    const { deployment, clock } = await arrangeLive();
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'marketOrderFilled', 'openOrdersNone', 'queryOrderFilled', 'orderTradesFilled', 'account']);
    // The outcome's transaction fails (a fault on the fill insert): the venue has the order, our row still says NEW.
    await as(harness.database.url, async (client) => {
      await client.query(`create function fail_fill_write() returns trigger language plpgsql as $$ begin raise exception 'injected fault after the send'; end $$`);
      await client.query(`create trigger fail_fill_write before insert on deployment_fill for each row when (new.deployment_id = '${deployment.id}') execute function fail_fill_write()`);
    });
    await expect(runJobs(deployment.id, clock, venue.settings, 40, hasOrder(deployment.id))).rejects.toThrow(/injected fault after the send/);
    const [recorded] = await orders(deployment.id);
    expect(recorded).toMatchObject({ state: 'new', filled_quantity: 0 });
    await as(harness.database.url, (client) => client.query('drop trigger fail_fill_write on deployment_fill'));

    // The retried job reconciles first: reads the order by its client order id, records the fill; no second POST.
    await runnerFor(harness, clock, venue.settings).processBars(deployment.id);
    const id = recorded!.client_order_id;
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account', `POST /api/v3/order ${id}`, 'GET /api/v3/openOrders', `GET /api/v3/order ${id}`, 'GET /api/v3/myTrades', 'GET /api/v3/account']);
    const [order, ...others] = await orders(deployment.id);
    expect(others).toEqual([]);
    expect(order).toMatchObject({ client_order_id: id, state: 'filled' });
    expect(await rows('select 1 from deployment_fill where order_id = ?', [order!.id])).toHaveLength(1);
  });

  it('a send that times out leaves the order UNRESOLVED and the deployment DEGRADED; the next job reconciles it by client order id', async () => {
    const { deployment, clock } = await arrangeLive();
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'orderTimeout', 'openOrdersNone', 'queryOrderFilled', 'orderTradesFilled', 'account']);
    await runJobs(deployment.id, clock, venue.settings, 40, hasOrder(deployment.id));
    const [unresolved] = await orders(deployment.id);
    expect(unresolved).toMatchObject({ state: 'unresolved' });
    expect(unresolved!.reason).toMatch(/did not answer.*never re-sent/);
    expect(await deploymentRow(deployment.id)).toMatchObject({ health: 'degraded', healthReason: 'connector_unavailable' });
    const notifications = await rows<{ audience: string; kind: string; subject_id: string }>(`select audience, kind, subject_id from notification`);
    expect(notifications).toEqual([{ audience: 'production', kind: 'deployment.connector_unavailable', subject_id: deployment.id }]);

    await runnerFor(harness, clock, venue.settings).processBars(deployment.id);
    const [order] = await orders(deployment.id);
    expect(order).toMatchObject({ state: 'filled', venue_order_id: '9001' });
    expect(await deploymentRow(deployment.id)).toMatchObject({ health: 'healthy', healthReason: null });
    expect(requests(venue.log).filter((request) => request.startsWith('POST'))).toHaveLength(1);
    expect((await events(deployment.id)).map((row) => row.kind)).toEqual(expect.arrayContaining(['connector_unavailable', 'reconciliation_completed']));
  });

  it('a 5xx answer degrades the deployment and notifies production; no order until it has reconciled, and an order the venue never got is not re-sent', async () => {
    const { deployment, clock } = await arrangeLive();
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'orderServiceUnavailable', 'openOrdersServiceUnavailable']);
    await runJobs(deployment.id, clock, venue.settings, 40, hasOrder(deployment.id));
    expect(await deploymentRow(deployment.id)).toMatchObject({ health: 'degraded', healthReason: 'connector_unavailable' });
    const cursor = (await deploymentRow(deployment.id)).lastProcessedBarAt;

    // Still unavailable: the job only tries to reconcile; no bar is taken, no order sent, production not notified twice.
    expect(await runnerFor(harness, clock, venue.settings).processBars(deployment.id)).toMatchObject({ idle: 'connector_unavailable', barsTaken: 0 });
    expect((await deploymentRow(deployment.id)).lastProcessedBarAt).toEqual(cursor);
    expect(await rows(`select 1 from notification where kind = 'deployment.connector_unavailable'`)).toHaveLength(1);

    // The venue answers again: it never received the order (-2013), which is cancelled locally, never re-sent.
    venue.append(['openOrdersNone', 'queryOrderUnknown', 'account']);
    await runnerFor(harness, clock, venue.settings).processBars(deployment.id);
    const [order] = await orders(deployment.id);
    expect(order).toMatchObject({ state: 'canceled' });
    expect(order!.reason).toMatch(/never placed.*not re-sent/);
    expect(await deploymentRow(deployment.id)).toMatchObject({ health: 'healthy' });
    expect(requests(venue.log).filter((request) => request.startsWith('POST'))).toHaveLength(1);
  });

  it('without credentials a LIVE deployment runs as OBSERVE and records the refusal (credentials_missing); nothing reaches the venue', async () => {
    const { deployment, clock } = await arrangeLive({ credentials: false });
    const venue = recordedBinanceUs(clock, []);
    await runJobs(deployment.id, clock, venue.settings, 30);
    expect(await deploymentRow(deployment.id)).toMatchObject({ stage: 'live', effectiveStage: 'observe' });
    expect((await deploymentRow(deployment.id)).effectiveStageReason).toMatch(/^credentials_missing: no binanceus credentials/);
    expect((await events(deployment.id)).filter((row) => row.kind === 'stage_fallback').map((row) => row.rule)).toEqual(['credentials_missing']);
    expect(await orders(deployment.id)).toEqual([]);
    expect(venue.log.sent).toEqual([]);
  });

  it('with an expired confirmation token a LIVE deployment runs as OBSERVE: no order is sent', async () => {
    const { deployment, clock } = await arrangeLive({ ttlMinutes: 1 });
    clock.advance(2 * 60_000);
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account']);
    await runJobs(deployment.id, clock, venue.settings, 30);
    const row = await deploymentRow(deployment.id);
    expect(row).toMatchObject({ effectiveStage: 'observe' });
    expect(row.effectiveStageReason).toMatch(/no valid LIVE confirmation token/);
    expect(await orders(deployment.id)).toEqual([]);
    expect(requests(venue.log).filter((request) => request.startsWith('POST'))).toEqual([]);
  });

  it('kill switch on: no createOrder request at all for the following bars, the refusals are recorded', async () => {
    const { deployment, clock, production, strategy } = await arrangeLive();
    await production.killSwitches.turnOn({ strategyId: strategy.id, reason: 'drill: the kill switch wins over LIVE' });
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account']);
    await runJobs(deployment.id, clock, venue.settings, 40);
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account']);
    expect(await orders(deployment.id)).toEqual([]);
    expect((await events(deployment.id)).some((row) => row.kind === 'order_refused' && row.rule === 'kill_switch')).toBe(true);
  });

  it('halt cancels the open order AT THE VENUE (the cancel request is sent by client order id), then places nothing', async () => {
    const { deployment, clock, production } = await arrangeLive({ overrides: { orderType: 'limit', limitOffsetBps: 10 } });
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'limitOrderAccepted', 'cancelOrderCanceled']);
    await runJobs(deployment.id, clock, venue.settings, 40, hasOrder(deployment.id));
    const [open] = await orders(deployment.id);
    expect(open).toMatchObject({ state: 'accepted', venue_order_id: '9002' });

    await production.deploymentControl.halt(deployment.id, 'drill: halt a LIVE deployment with a resting order');
    await runJobs(deployment.id, clock, venue.settings, 5);
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account', `POST /api/v3/order ${open!.client_order_id}`, `DELETE /api/v3/order ${open!.client_order_id}`]);
    const [cancelled] = await orders(deployment.id);
    expect(cancelled).toMatchObject({ state: 'canceled' });
    expect(cancelled!.reason).toMatch(/cancelled at binanceus: trading halted/);
    expect((await events(deployment.id)).some((row) => row.kind === 'orders_cancelled' && row.rule === 'trading_state')).toBe(true);
  });

  it('two jobs of one LIVE deployment at once: the venue lease serializes them, so the order is sent once and recorded once', async () => {
    const { deployment, clock } = await arrangeLive();
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account', 'marketOrderFilled']);
    // A lease held by a job elsewhere: this job touches neither the venue nor the bars, and comes back later.
    await rows(`update deployment set venue_lease_owner = gen_random_uuid(), venue_lease_until = ? where id = ?`, [new Date(clock.now().getTime() + 60_000), deployment.id]);
    expect(await runnerFor(harness, clock, venue.settings).processBars(deployment.id)).toMatchObject({ idle: 'venue_busy', barsTaken: 0 });
    expect(venue.log.sent).toEqual([]);
    // Expired (its job was killed): the next job takes it over.
    clock.advance(61_000);
    for (let round = 0; round < 40 && !(await hasOrder(deployment.id)()); round++) {
      await Promise.all([runnerFor(harness, clock, venue.settings).processBars(deployment.id), runnerFor(harness, clock, venue.settings).processBars(deployment.id)]);
    }
    const [order, ...others] = await orders(deployment.id);
    expect(others).toEqual([]);
    expect(order).toMatchObject({ state: 'filled' });
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account', `POST /api/v3/order ${order!.client_order_id}`]);
    expect(await rows('select 1 from deployment_fill where order_id = ?', [order!.id])).toHaveLength(1);
  });

  it('a replay promoted to LIVE after this process last read it goes the LIVE way on its next job (never trades LIVE unprepared)', async () => {
    const { deployment, clock } = await arrangeLive({ token: false, overrides: { stage: 'shadow', effectiveStage: 'shadow', venue: 'shadow' } });
    const venue = recordedBinanceUs(clock, ['openOrdersNone', 'account']);
    await runJobs(deployment.id, clock, venue.settings, 2);
    // The promotion ladder's move, behind this process's back: LIVE on Binance US, with a token.
    await rows(`update deployment set stage = 'live', venue = 'binanceus' where id = ?`, [deployment.id]);
    const production = await harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
    await production.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 60 });
    await runnerFor(harness, clock, venue.settings).processBars(deployment.id);
    expect(requests(venue.log)).toEqual(['GET /api/v3/openOrders', 'GET /api/v3/account']);
    expect(await deploymentRow(deployment.id)).toMatchObject({ effectiveStage: 'live' });
    expect((await deploymentRow(deployment.id)).venueReconciledAt).not.toBeNull();
  });
});

describe('freshness right after a paced replay starts', () => {
  it('is measured from the replay clock origin before the first bar: fresh at the start (not "stale … Infinity"), stale only past the limit', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { replayBarIntervalMs: 100, maxBarAgeMs: 2 * 86_400_000 }, { parameters: { fastPeriod: 5, slowPeriod: 20 } });
    const clock = makeManualClock(Date.now());
    await runnerFor(harness, clock).processBars(deployment.id);
    expect(await deploymentRow(deployment.id)).toMatchObject({ activationState: 'active', lastAcceptedBarAt: null });
    await runnerFor(harness, clock).checkFreshness();
    expect(await deploymentRow(deployment.id)).toMatchObject({ health: 'healthy' });
    expect((await events(deployment.id)).filter((row) => row.kind === 'stale_feed')).toEqual([]);
    // Three replay days (300 ms at 100 ms a bar) with no bar delivered: stale, measured from the start.
    clock.advance(300);
    await runnerFor(harness, clock).checkFreshness();
    const [stale] = (await events(deployment.id)).filter((row) => row.kind === 'stale_feed');
    expect(stale!.message).toMatch(/no bar yet, 259200000 ms after the feed started/);
  });
});

