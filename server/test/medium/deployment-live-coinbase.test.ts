import { generateKeyPairSync } from 'node:crypto';
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
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database: credentials are one row per venue.
const harness = useServiceHarness({ database: 'test' });

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../../src/infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;
const answers = fixture<{ answers: Record<string, RecordedHttpExchange> }>('coinbase.live-runner.json').answers;
const markets = fixture<RecordedMarkets>('coinbase.markets.json');
type Answer = keyof typeof answers;

/** Coinbase CDP keys are EC P-256 private keys: one is made per run (no private key is committed). */
const coinbasePem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;

/** The Coinbase connector (ccxt, HTTP layer replaced by the recorded answers `sequence`, in order; a request beyond them fails) as the runner's venue provider. */
function recordedCoinbase(clock: ManualClock, sequence: Answer[]): { settings: Partial<ServiceSettings>; log: RecordedExchangeLog } {
  const log: RecordedExchangeLog = { sent: [] };
  const recorded = sequence.map((name) => answers[name]!);
  const venues = ccxtVenueProvider({ clock, markets, configureExchange: (exchange) => void replayRecordedExchange(exchange, recorded, log) });
  return { settings: { venues }, log };
}

/** What the venue was asked: method and path (query dropped), with the client order id of a create. */
function requests(log: RecordedExchangeLog): string[] {
  return log.sent.map((request) => {
    const url = new URL(request.url);
    const id = request.body ? (JSON.parse(request.body) as { client_order_id?: string }).client_order_id : undefined;
    return `${request.method} ${url.pathname}${id ? ` ${id}` : ''}`;
  });
}

const rows = <T,>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

/**
 * A LIVE deployment on Coinbase (BTC/USD) replaying 60 synthetic daily bars (rising: SMA 5/20 goes long once and
 * stays long — one buy), the fixture's CDP key stored, a LIVE token valid for an hour.
 */
async function arrangeLiveCoinbase() {
  const file = makeDailyCsv('LIVE-USD', 60);
  const { marketDataSet } = await harness.services().marketData.importBytes(file.name, Buffer.from(file.content));
  const { deployment } = await arrangeShadowDeployment(
    harness,
    { stage: 'live', effectiveStage: 'observe', venue: 'coinbase', replayDataset: marketDataSet.id, symbol: 'BTC/USD', quoteCurrency: 'USD' },
    { parameters: { fastPeriod: 5, slowPeriod: 20 } },
  );
  const production = await harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
  await production.exchangeCredentials.set({ venue: 'coinbase', apiKey: 'organizations/fixture-org/apiKeys/fixture-key', secret: coinbasePem });
  await production.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 60 });
  return { deployment, clock: makeManualClock(Date.now()) };
}

async function runJobs(deploymentId: string, clock: ManualClock, settings: Partial<ServiceSettings>, max: number, until: () => Promise<boolean> = async () => false): Promise<number> {
  for (let job = 1; job <= max; job++) {
    await runnerFor(harness, clock, settings).processBars(deploymentId);
    if (await until()) return job;
  }
  return max;
}

const orders = (deploymentId: string) =>
  rows<{ id: string; client_order_id: string; decision_bar_at: Date; state: string; quantity: number; filled_quantity: number; fill_ratio: number; fees: number; average_price: number | null; venue_order_id: string | null; raw_venue_status: string | null; reason: string | null }>(
    `select id, client_order_id, decision_bar_at, state, quantity, filled_quantity, fill_ratio, fees, average_price, venue_order_id, raw_venue_status, reason from deployment_order where deployment_id = ? order by created_at`,
    [deploymentId],
  );
const stateIs = (deploymentId: string, state: string) => async () => (await orders(deploymentId)).some((order) => order.state === state);

describe('LIVE orders through the Coinbase Advanced Trade connector (recorded answers, the same runner as Binance US)', () => {
  it('one quote-sized market buy with our client_order_id; the runner reads it back each job: OPEN half filled → partially_filled, then FILLED → filled, each fill an immutable row with its fee', async () => {
    const { deployment, clock } = await arrangeLiveCoinbase();
    const venue = recordedCoinbase(clock, ['openOrdersNone', 'accountsNoBtc', 'marketBuyCreated', 'openOrdersHalfFilled', 'accountsHalfFilled', 'openOrdersNone', 'orderFilled', 'accountsFilled']);
    await runJobs(deployment.id, clock, venue.settings, 40, stateIs(deployment.id, 'accepted'));
    const [accepted] = await orders(deployment.id);
    expect(accepted).toMatchObject({ state: 'accepted', venue_order_id: '5b8e1f3a-9c6d-4e2b-8a7f-1d3c5e7a9b02', filled_quantity: 0 });
    const coid = clientOrderId(deployment.id, new Date(accepted!.decision_bar_at).getTime(), 'rebalance');
    expect(accepted!.client_order_id).toBe(coid);
    expect(requests(venue.log)).toEqual(['GET /api/v3/brokerage/orders/historical/batch', 'GET /api/v3/brokerage/accounts', `POST /api/v3/brokerage/orders ${coid}`]);
    const body = JSON.parse(venue.log.sent[2]!.body!) as { client_order_id: string; product_id: string; side: string; order_configuration: { market_market_ioc: { quote_size: string } } };
    expect(body).toMatchObject({ client_order_id: coid, product_id: 'BTC-USD', side: 'BUY' });
    const quote = Number(body.order_configuration.market_market_ioc.quote_size);
    // The cash floor sized it: the quote spent (fees included at Coinbase) never exceeds the deployment's cash.
    expect(quote).toBeGreaterThan(9_900);
    expect(quote).toBeLessThanOrEqual(10_000);

    // Next job: the order is still open at the venue with half filled → partially_filled, one fill row.
    await runJobs(deployment.id, clock, venue.settings, 1);
    const [partial] = await orders(deployment.id);
    expect(partial).toMatchObject({ state: 'partially_filled', raw_venue_status: 'OPEN' });
    expect(partial!.filled_quantity).toBeCloseTo(quote * 0.004975, 8);
    // Next job: no longer open; read by its venue order id → FILLED, the rest as a second fill row.
    await runJobs(deployment.id, clock, venue.settings, 1);
    const [done] = await orders(deployment.id);
    expect(done).toMatchObject({ state: 'filled', raw_venue_status: 'FILLED', fill_ratio: 1 });
    // Quote-sized: the base filled (quote × 0.995 ÷ 100) is the venue's, not capped at the base quantity we estimated.
    expect(done!.filled_quantity).toBeCloseTo(quote * 0.00995, 8);
    expect(done!.quantity).toBeCloseTo(done!.filled_quantity, 8);
    expect(done!.fees).toBeCloseTo(quote * 0.005, 6);
    expect(done!.average_price).toBe(100);
    const fills = await rows<{ sequence: number; quantity: number; price: number; fee: number; liquidity: string }>('select sequence, quantity, price, fee, liquidity from deployment_fill where order_id = ? order by sequence', [done!.id]);
    expect(fills.map((fill) => fill.sequence)).toEqual([1, 2]);
    for (const fill of fills) {
      expect(fill.quantity).toBeCloseTo(quote * 0.004975, 8);
      expect(fill.price).toBeCloseTo(100, 6);
      expect(fill.fee).toBeCloseTo(quote * 0.0025, 6);
      expect(fill.liquidity).toBe('taker');
    }
    const after = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id }, { refresh: true });
    expect(after.positionQuantity).toBeCloseTo(quote * 0.00995, 8);
    expect(after.cash).toBeCloseTo(10_000 - quote, 4);
    expect(after.cash).toBeGreaterThanOrEqual(0);
    expect(after).toMatchObject({ effectiveStage: 'live', health: 'healthy' });
    // The venue agrees with the position: no reconciliation mismatch was recorded.
    const events = await rows<{ kind: string }>(`select kind from deployment_event where deployment_id = ? and kind like 'reconciliation%'`, [deployment.id]);
    expect(events.map((event) => event.kind)).not.toContain('reconciliation_mismatch');
    // Ten more bars: the target stays long, the order is final, nothing more is asked (a request beyond the recording would fail the job).
    const sent = venue.log.sent.length;
    await runJobs(deployment.id, clock, venue.settings, 10);
    expect(venue.log.sent.length).toBe(sent);
    expect((await orders(deployment.id)).length).toBe(1);
    expect(requests(venue.log).slice(3)).toEqual([
      'GET /api/v3/brokerage/orders/historical/batch',
      'GET /api/v3/brokerage/accounts',
      'GET /api/v3/brokerage/orders/historical/batch',
      'GET /api/v3/brokerage/orders/historical/5b8e1f3a-9c6d-4e2b-8a7f-1d3c5e7a9b02',
      'GET /api/v3/brokerage/accounts',
    ]);
  });

  it('the trap: Coinbase FAILED (ccxt maps it to canceled) becomes REJECTED with the venue’s reason; nothing filled, the position untouched', async () => {
    const { deployment, clock } = await arrangeLiveCoinbase();
    const venue = recordedCoinbase(clock, ['openOrdersNone', 'accountsNoBtc', 'marketBuyCreated', 'openOrdersNone', 'orderFailed', 'accountsNoBtc']);
    await runJobs(deployment.id, clock, venue.settings, 40, stateIs(deployment.id, 'accepted'));
    await runJobs(deployment.id, clock, venue.settings, 1);
    const [order] = await orders(deployment.id);
    expect(order).toMatchObject({ state: 'rejected', raw_venue_status: 'FAILED', filled_quantity: 0 });
    expect(await rows('select id from deployment_fill where order_id = ?', [order!.id])).toEqual([]);
    const after = await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id }, { refresh: true });
    expect(after.positionQuantity).toBe(0);
    expect(after.cash).toBe(10_000);
  });
});
