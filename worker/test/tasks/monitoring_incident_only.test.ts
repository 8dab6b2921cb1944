import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../../../server/test/support/deployment-fixtures.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';
import { servicesActingAs } from '../../../server/test/support/test-services.ts';
import { waitUntil } from '../../../server/test/support/wait-until.ts';
import { createSystemServices, DeploymentRunnerService } from '@crucible/server/services';
import { asServiceHarness, useWorkerHarness } from '../support/worker-harness.ts';

// Its own database: the queue, the channels and the incidents are shared state.
const harness = useWorkerHarness({ database: 'test' });
const rows = async <T>(sql: string, params: unknown[] = []) => (await harness.pool.query(sql, params)).rows as T[];

describe('an incident-only monitoring action never blocks or fails the bar job', () => {
  it('fail-closed warnings opened mid-replay and a webhook channel answering 500 to each of them: every bar processed and marked, the warnings and the failed deliveries recorded, no job escalated', async () => {
    // A risk-desk webhook that always fails.
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const failing = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(500).end('down');
      });
    });
    await new Promise<void>((ready) => failing.listen(0, '127.0.0.1', ready));
    try {
      const delivery = { retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 50 }, webhookTimeoutMs: 2_000, smtp: null };
      harness.settings = { ...harness.settings, deploymentBatchBars: 5, notificationDelivery: delivery } as typeof harness.settings;
      const admin = await servicesActingAs(harness.orm, 'ada@admin.test', ['admin'], { stepUp: true, settings: { notificationDelivery: delivery } });
      const { channel } = await admin.notificationChannels.create({ name: 'risk desk hook (always 500)', kind: 'webhook', audiences: ['risk'], url: `http://127.0.0.1:${(failing.address() as AddressInfo).port}/hook` });

      // A PAPER deployment (capital at risk: monitored on every mark at once, as its bars are processed) of the Donchian
      // breakout with a 400-bar entry channel — it stays in cash, so no loss rule can fire — replaying BTC-USDT 1d,
      // 2019-01-01 … 2019-03-01, with ETH and SOL at 1d imported: the basket is defined at 1d but SOL trades from
      // 2020-08-11, so it does not cover the replay — the basket rules are unknown, which fails closed with WARNING
      // incidents: incident-only actions (no stage, trading or capital change).
      const services = createSystemServices(harness.orm, harness.settings, harness.logger);
      for (const file of ['ETH-USDT_1d.csv', 'SOL-USDT_1d.csv']) await services.marketData.importBytes(file, await readMarketFile(file));
      const { deployment, strategy, marketDataSet } = await arrangeShadowDeployment(
        asServiceHarness(harness),
        { stage: 'paper', effectiveStage: 'paper', venue: 'paper', capitalAllocation: 0.05, replayEndAt: new Date('2019-03-01T00:00:00Z') },
        { template: 'donchian_breakout', parameters: { entryPeriod: 400, exitPeriod: 10 } },
      );
      expect(strategy.code).toBe('builtin-donchian-breakout');
      const [{ bars }] = await rows<{ bars: number }>(`select count(*)::int as bars from market_bar where dataset_id = $1 and "timestamp" <= '2019-03-01T00:00:00Z'`, [marketDataSet.id]);
      expect(bars).toBe(60);

      // The real worker over the whole queue (bar jobs of 5 bars, the monitoring evaluations they queue, the deliveries)
      // until the replay is done, monitoring has evaluated its last mark, and every delivery has ended.
      await harness.orm.em.fork().transactional((em) => DeploymentRunnerService.scheduleBars(em, deployment.id, null));
      await waitUntil(
        'the replay, its monitoring and the deliveries end',
        async () => {
          await harness.runDueJobs();
          const [state] = await rows<{ done: boolean; evaluated: boolean; pending: number }>(
            `select exists (select 1 from deployment_event where deployment_id = $1 and kind = 'replay_completed') as done,
                    exists (select 1 from deployment_monitoring_state where deployment_id = $1 and last_mark_at = '2019-03-01T00:00:00Z') as evaluated,
                    (select count(*)::int from notification_delivery where status not in ('delivered', 'failed')) as pending`,
            [deployment.id],
          );
          return state.done && state.evaluated && state.pending === 0;
        },
        { timeoutMs: 120_000, intervalMs: 50 },
      );

      // Every bar processed and marked, none skipped.
      const marks = await rows<{ bar_at: Date }>(`select bar_at from pnl_snapshot where deployment_id = $1 order by bar_at`, [deployment.id]);
      expect(marks).toHaveLength(bars);
      expect(marks.at(-1)!.bar_at.toISOString()).toBe('2019-03-01T00:00:00.000Z');
      // The warnings: incident-only (no stage move, no promotion record, the trading state untouched), opened while bars
      // were still to come (their evaluated mark is before the last one).
      const warnings = await rows<{ id: string; severity: string; auto_actions: { kind: string; rule: string }; context: { windowEnd: string } }>(
        `select id, severity, auto_actions, context from monitoring_incident where deployment_id = $1 order by detected_at, breach_key`,
        [deployment.id],
      );
      expect(warnings.length).toBeGreaterThan(0);
      for (const warning of warnings) expect(warning).toMatchObject({ severity: 'warning', auto_actions: { kind: 'warning' } });
      expect(warnings.map((warning) => warning.auto_actions.rule)).toContain('benchmarkLag');
      expect(Date.parse(warnings[0]!.context.windowEnd)).toBeLessThan(Date.parse('2019-03-01T00:00:00Z'));
      const [after] = await rows<{ stage: string; trading_state: string; activation_state: string; capital_allocation: number }>(`select stage, trading_state, activation_state, capital_allocation from deployment where id = $1`, [deployment.id]);
      expect(after).toMatchObject({ stage: 'paper', trading_state: 'active', activation_state: 'active', capital_allocation: 0.05 });
      expect(await rows(`select id from promotion_record where strategy_id = $1`, [strategy.id])).toEqual([]);

      // Each warning notified the risk role, and its delivery to the failing channel is recorded as failed after its
      // attempts (each attempt logged with the HTTP status) — nothing retried forever, nothing lost.
      const deliveries = await rows<{ id: string; status: string; attempts: number; last_error: string; subject_id: string }>(
        `select d.id, d.status, d.attempts, d.last_error, n.subject_id from notification_delivery d join notification n on n.id = d.notification_id where d.channel_id = $1 order by d.created_at`,
        [channel.id],
      );
      expect(deliveries.map((row) => row.subject_id).sort()).toEqual(warnings.map((warning) => warning.id).sort());
      for (const row of deliveries) expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'the endpoint answered HTTP 500' });
      const attempts = await rows<{ outcome: string; http_status: number }>(`select outcome, http_status from notification_delivery_attempt where delivery_id = any($1::uuid[])`, [deliveries.map((row) => row.id)]);
      expect(attempts).toHaveLength(2 * deliveries.length);
      expect(new Set(attempts.map((attempt) => attempt.http_status))).toEqual(new Set([500]));
      expect(received).toHaveLength(2 * deliveries.length);

      // No job failed on the way: no bar or monitoring job left in the queue, none escalated as a job-failure incident.
      const left = await rows<{ identifier: string; attempts: number; last_error: string | null }>(
        `select t.identifier, j.attempts, j.last_error from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier in ('process_deployment_bars', 'evaluate_deployment_monitoring')`,
      );
      expect(left).toEqual([]);
      expect(await rows(`select id from monitoring_incident where breach_key is null`)).toEqual([]);
    } finally {
      failing.closeAllConnections();
      await new Promise((closed) => failing.close(closed));
    }
  }, 300_000);
});
