import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MikroORM } from '../infra/db/orm.ts';
import type { Logger } from '../infra/logger.ts';
import { createSystemServices } from '../services/system-services.ts';
import type { ServiceSettings } from '../services/service-context.ts';

/**
 * Prometheus metrics at `/metrics` (text exposition format): the operations view as gauges, read from PostgreSQL on
 * each scrape (so every replica reports the same shared queue), plus the process's default metrics.
 * - `crucible_job_queue_depth{task,state}`: jobs per task and state (waiting, running, retrying, failed);
 * - `crucible_worker_heartbeat_age_seconds{worker}`: seconds since each worker process's last heartbeat;
 * - `crucible_run_failure_ratio{kind}`: failed / finished runs over the last 24 h (evaluation cycles, backtests, optimizations);
 * - `crucible_trigger_to_enqueue_seconds{quantile}` and `crucible_enqueue_to_start_seconds{quantile}`: p50/p99 over 24 h;
 * - `crucible_graphql_subscriptions{topic}`: live GraphQL subscriptions of this replica per event topic.
 */
export function makeMetricsRegistry(orm: MikroORM, settings: ServiceSettings, logger: Logger, subscriptionCounts: () => ReadonlyMap<string, number>): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'crucible_' });
  new Gauge({
    name: 'crucible_graphql_subscriptions',
    help: 'Live GraphQL subscriptions of this replica, per event topic.',
    labelNames: ['topic'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [topic, count] of subscriptionCounts()) this.set({ topic }, count);
    },
  });
  let snapshot: Promise<Awaited<ReturnType<ReturnType<typeof createSystemServices>['operations']['snapshot']>>> | null = null;
  /** One database read per scrape, shared by the gauges. */
  const read = () => (snapshot ??= createSystemServices(orm, settings, logger).operations.snapshot(24).finally(() => setTimeout(() => (snapshot = null), 0)));
  new Gauge({
    name: 'crucible_job_queue_depth',
    help: 'Jobs per task, named queue ("" = none) and state (waiting, running, retrying, failed).',
    labelNames: ['task', 'queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of (await read()).queues) {
        for (const state of ['waiting', 'running', 'retrying', 'failed'] as const) this.set({ task: queue.task, queue: queue.queue ?? '', state }, queue[state]);
      }
    },
  });
  new Gauge({
    name: 'crucible_worker_heartbeat_age_seconds',
    help: 'Seconds since each worker process last reported.',
    labelNames: ['worker'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const worker of (await read()).workers) this.set({ worker: worker.workerId }, worker.ageSeconds);
    },
  });
  new Gauge({
    name: 'crucible_run_failure_ratio',
    help: 'Failed / finished runs over the last 24 hours, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const rate of (await read()).failureRates) if (rate.failureRate !== null) this.set({ kind: rate.kind }, rate.failureRate);
    },
  });
  for (const [name, pick, help] of [
    ['crucible_trigger_to_enqueue_seconds', 'triggerToEnqueue', 'Trigger received → its jobs enqueued, seconds, over 24 h.'],
    ['crucible_enqueue_to_start_seconds', 'enqueueToStart', 'Evaluation cycle enqueued → started, seconds, over 24 h.'],
  ] as const) {
    new Gauge({
      name,
      help,
      labelNames: ['quantile'],
      registers: [registry],
      async collect() {
        this.reset();
        const latency = (await read())[pick];
        if (latency.p50Ms !== null) this.set({ quantile: '0.5' }, latency.p50Ms / 1000);
        if (latency.p99Ms !== null) this.set({ quantile: '0.99' }, latency.p99Ms / 1000);
      },
    });
  }
  return registry;
}
