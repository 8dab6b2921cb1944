import { describe, expect, it } from 'vitest';
import { clientOrderId } from '@crucible/server/engine';
import { createSystemServices, DeploymentRunnerService } from '@crucible/server/services';
import { arrangeShadowDeployment } from '../../../server/test/support/deployment-fixtures.ts';
import { makeDailyCsv } from '../../../server/test/support/market-files.ts';
import { servicesActingAs } from '../../../server/test/support/test-services.ts';
import { startFakeBinanceUs, type FakeBinanceUs, type OrderArrival } from '../../../server/test/support/fake-binance-us.ts';
import { asServiceHarness, releaseKilledWorkersJobs, startWorkerProcess, useWorkerHarness, waitFor } from '../support/worker-harness.ts';

// Each test its own database: exchange credentials are one row per venue. Each test starts two worker processes (node
// compiles the TypeScript sources at start, slow on a loaded host): 3 minutes each at most; conditions, not sleeps.
const harness = useWorkerHarness({ database: 'test' });

/**
 * A LIVE deployment on Binance US replaying synthetic rising daily bars to 2024-01-28 (SMA 5/20 goes long once, on the
 * 21st bar, and stays long:
 * one buy), the fixture's credentials stored, a LIVE token valid for an hour; its first bar job queued.
 */
async function arrangeLive(): Promise<string> {
  const file = makeDailyCsv('LIVE-USDT', 60);
  const { marketDataSet } = await createSystemServices(harness.orm, harness.settings, harness.logger).marketData.importBytes(file.name, Buffer.from(file.content));
  const { deployment } = await arrangeShadowDeployment(
    asServiceHarness(harness),
    { stage: 'live', effectiveStage: 'observe', venue: 'binanceus', replayDataset: marketDataSet.id, symbol: 'BTC/USDT', replayEndAt: new Date('2024-01-28T00:00:00Z') },
    { parameters: { fastPeriod: 5, slowPeriod: 20 } },
  );
  const production = await servicesActingAs(harness.orm, 'pat@production.test', ['production'], { stepUp: true });
  await production.exchangeCredentials.set({ venue: 'binanceus', apiKey: 'fixture-binanceus-api-key', secret: 'fixture-binanceus-secret-not-a-credential' });
  await production.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 60 });
  await harness.orm.em.fork().transactional((em) => DeploymentRunnerService.scheduleBars(em, deployment.id, null));
  return deployment.id;
}

/** A real worker process (the platform's worker, its Binance US connector pointed at the fake venue). */
const startFakeVenueWorker = (venue: FakeBinanceUs) =>
  startWorkerProcess(harness, { entry: new URL('../support/fake-venue-worker.ts', import.meta.url), env: { FAKE_VENUE_URL: venue.url, WORKER_POLL_INTERVAL_MS: '50' } });

/**
 * What a dead worker left is released: its locked job (as the heartbeat sweep does) is due now, and the deployment's
 * venue lease — which lapses by itself at most `venueLeaseMs` (120 s) after the dead job took it — ends now.
 */
async function releaseDeadWorkersJobs(deploymentId: string): Promise<void> {
  await releaseKilledWorkersJobs(harness);
  await harness.pool.query(`update deployment set venue_lease_until = now() where id = $1`, [deploymentId]);
}

const orders = async (deploymentId: string) =>
  (await harness.pool.query(`select client_order_id, decision_bar_at, state, filled_quantity from deployment_order where deployment_id = $1 order by created_at`, [deploymentId])).rows as {
    client_order_id: string;
    decision_bar_at: Date;
    state: string;
    filled_quantity: number;
  }[];
const replayCompleted = (deploymentId: string) => async () =>
  (await harness.pool.query(`select 1 from deployment_event where deployment_id = $1 and kind = 'replay_completed'`, [deploymentId])).rowCount === 1;
const posted = (venue: FakeBinanceUs) => venue.received.filter((request) => request.method === 'POST').map((request) => new URLSearchParams(request.body).get('newClientOrderId'));

/**
 * The kill -9 scenario on `venue`: a worker runs a new LIVE deployment ({@link arrangeLive}) until the venue sees its
 * first order (and handles it as `arrival`), is SIGKILLed, and `afterKill` checks what it left; then, its jobs released,
 * a second worker runs the replay to its end against a venue that fills. @returns the deployment and the order's client id.
 */
async function killWorkerAtFirstOrder(venue: FakeBinanceUs, arrival: OrderArrival, afterKill: (deploymentId: string, orderId: string) => Promise<void>): Promise<{ deploymentId: string; orderId: string }> {
  const first = startFakeVenueWorker(venue);
  try {
    venue.setOrderArrival(arrival);
    const arrived = venue.nextOrder();
    const deploymentId = await arrangeLive();
    const orderId = await Promise.race([arrived, first.exited.then(() => null)]);
    expect(orderId, 'the first worker exited before it sent an order').not.toBeNull();
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await afterKill(deploymentId, orderId!);

    await releaseDeadWorkersJobs(deploymentId);
    venue.setOrderArrival('fill');
    const second = startFakeVenueWorker(venue);
    try {
      await waitFor(replayCompleted(deploymentId), 90_000, 'the restarted worker to finish the replay');
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
    return { deploymentId, orderId: orderId! };
  } finally {
    first.child.kill('SIGKILL');
  }
}

describe('process_deployment_bars LIVE: kill -9 of the worker around the send (a fake Binance US at the HTTP level)', () => {
  it('killed after the send (the venue took the order, the worker never learnt it): the restarted worker reads it by client order id and never sends it again', async () => {
    const venue = await startFakeBinanceUs();
    try {
      const { deploymentId, orderId: sent } = await killWorkerAtFirstOrder(venue, 'fill_and_hold', async (killedDeploymentId, sentOrderId) => {
        // Recorded before it was sent: the row is there, its outcome unknown to us.
        const [recorded] = await orders(killedDeploymentId);
        expect(recorded).toMatchObject({ client_order_id: sentOrderId, state: 'new', filled_quantity: 0 });
        expect(recorded!.client_order_id).toBe(clientOrderId(killedDeploymentId, new Date(recorded!.decision_bar_at).getTime(), 'rebalance'));
      });
      // One order, filled from the venue's answer to the query by client order id; it was POSTed once.
      expect(await orders(deploymentId)).toMatchObject([{ client_order_id: sent, state: 'filled' }]);
      expect(posted(venue)).toEqual([sent]);
      expect(venue.received.some((request) => request.method === 'GET' && request.url.includes(`origClientOrderId=${sent}`))).toBe(true);
      const [{ fills }] = (await harness.pool.query('select count(*)::int as fills from deployment_fill where deployment_id = $1', [deploymentId])).rows as { fills: number }[];
      expect(fills).toBe(1);
    } finally {
      await venue.close();
    }
  }, 180_000);

  it('killed before the send (the order never reached the venue): the restart finds no such order, cancels it locally and sends nothing again', async () => {
    const venue = await startFakeBinanceUs();
    try {
      const { deploymentId, orderId: lost } = await killWorkerAtFirstOrder(venue, 'lose', async () => {
        expect(venue.taken).toEqual([]);
      });
      const recorded = await orders(deploymentId);
      // The lost order: asked for by its client order id (unknown at the venue), cancelled here, never sent again.
      expect(recorded[0]).toMatchObject({ client_order_id: lost, state: 'canceled', filled_quantity: 0 });
      expect(venue.received.some((request) => request.method === 'GET' && request.url.includes(`origClientOrderId=${lost}`))).toBe(true);
      // Nothing is retried blindly: the cancelled order's target stays in force (as a partial fill's remainder), so
      // the rest of the replay — the target still long — sends nothing; the venue never took an order.
      expect(posted(venue)).toEqual([lost]);
      expect(recorded).toHaveLength(1);
      expect(venue.taken).toEqual([]);
    } finally {
      await venue.close();
    }
  }, 180_000);
});
