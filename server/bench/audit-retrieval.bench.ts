/**
 * Audit retrieval (orchestration SC-007: any decision up to 5 years old in < 5 s; our budget 50 ms): a throwaway
 * database filled by the generator with AUDIT_BENCH_EVENTS events (default 10 million) over 7 years, then the audit
 * service — as the least-privilege app role, like the API — fetches 5-year-old events by subject and by a one-minute
 * time range (each query includes the list's total count). Prints p50/p95/max in ms; never asserted.
 * Run alone: `npx tsx --tsconfig server/tsconfig.json server/bench/audit-retrieval.bench.ts`.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createLogger } from '../src/infra/logger.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { generateAuditEvents, generatedEventSubject, generatedEventTime, type AuditEventGeneration } from './audit-events.generator.ts';
import { percentile } from './percentile.ts';

/** Generates the events and measures both retrievals; returns the figures as JSON objects. */
export async function benchAuditRetrieval(count = Number(process.env.AUDIT_BENCH_EVENTS ?? 10_000_000)): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  // The generator writes as the owner role; the audit service reads as the app role, like the API.
  const database = await openBenchDatabase(2, logger, { roles: true });
  const { orm, ownerUrl } = database;
  try {
    const generation: AuditEventGeneration = { count, years: 7, endAt: new Date() };
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const generationStarted = performance.now();
    await generateAuditEvents(client, generation, (inserted) => logger.info({ inserted }, 'generated audit events'));
    const generationSeconds = (performance.now() - generationStarted) / 1000;
    const [{ bytes }] = (await client.query<{ bytes: string }>(`select sum(pg_total_relation_size(inhrelid))::text as bytes from pg_inherits where inhparent = 'audit_event'::regclass`)).rows as [{ bytes: string }];
    await client.end();

    const audit = () => createSystemServices(orm, { importDir: '/nonexistent' }, logger).audit;
    // Targets: events between 4.9 and 5.1 years old, spread over that window.
    const yearMs = 365.25 * 86_400_000;
    const sequenceAt = (ageYears: number) => Math.round(count * (1 - ageYears / generation.years));
    const targets = Array.from({ length: 40 }, (_, i) => sequenceAt(5.1 - (0.2 * i) / 39));
    await audit().list(generatedEventSubject(targets[0]!), { limit: 10 }); // warm-up
    const bySubject: number[] = [];
    const byTime: number[] = [];
    let found = 0;
    for (const sequence of targets) {
      let started = performance.now();
      const subject = await audit().list(generatedEventSubject(sequence), { limit: 10 });
      bySubject.push(performance.now() - started);
      const at = generatedEventTime(generation, sequence);
      started = performance.now();
      const range = await audit().list({ from: new Date(at.getTime() - 30_000), to: new Date(at.getTime() + 30_000) }, { limit: 100 });
      byTime.push(performance.now() - started);
      if (subject.events.some((event) => event.sequence === sequence) && range.events.some((event) => event.sequence === sequence)) found++;
    }
    const ageYears = (Date.now() - generatedEventTime(generation, targets[20]!).getTime()) / yearMs;
    const common = { events: count, years: generation.years, targetAgeYears: Number(ageYears.toFixed(2)), queries: targets.length, found, budgetMs: 50, role: 'app' };
    return [
      { figure: 'audit_generation', events: count, seconds: Number(generationSeconds.toFixed(1)), tableBytes: Number(bytes) },
      { figure: 'audit_fetch_by_subject_ms', ...common, p50: Number(percentile(bySubject, 0.5).toFixed(2)), p95: Number(percentile(bySubject, 0.95).toFixed(2)), max: Number(Math.max(...bySubject).toFixed(2)) },
      { figure: 'audit_fetch_by_time_range_ms', ...common, rangeSeconds: 60, p50: Number(percentile(byTime, 0.5).toFixed(2)), p95: Number(percentile(byTime, 0.95).toFixed(2)), max: Number(Math.max(...byTime).toFixed(2)) },
    ];
  } finally {
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchAuditRetrieval()) console.log(JSON.stringify(figure));
}
