/**
 * Issue #9 "Poison input" figure, reported, never asserted: `/healthz` latency while a large CSV imports through the
 * streaming upload (`POST /import/market-data`). A throwaway database (DATABASE_URL's server, else an embedded
 * PostgreSQL), the API server in THIS process (so a stall of its event loop shows in the latencies), a generated
 * file of 1-minute bars (BENCH_CSV_MB, default 28 MB: the size that used to block the loop for 10–14 s) streamed in
 * 64 KB pieces, and `/healthz` asked one request after another on loopback for as long as the import runs.
 * - `csv_import_healthz`: p50/p99/max of `/healthz` before (idle) and during the import, the import's wall time,
 *   file size and rows.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { parseConfig } from '../src/infra/config.ts';
import { createLogger } from '../src/infra/logger.ts';
import { startServer } from '../src/http/server.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { percentile } from './percentile.ts';

const fileMegabytes = Number(process.env.BENCH_CSV_MB ?? 28);

const round = (value: number) => Math.round(value * 10) / 10;

/** A valid OHLCV CSV of 1-minute bars of about `megabytes` MB (a random walk, timestamps in epoch ms). */
function generateCsv(megabytes: number): Buffer {
  const lines = ['timestamp,open,high,low,close,volume'];
  let size = lines[0]!.length + 1;
  let price = 30_000;
  let time = Date.UTC(2019, 0, 1);
  for (let index = 0; size < megabytes * 1024 * 1024; index++) {
    const open = price;
    price = Math.max(1, price * (1 + Math.sin(index * 0.37) * 0.001));
    const line = `${time},${open.toFixed(2)},${(Math.max(open, price) * 1.0005).toFixed(2)},${(Math.min(open, price) * 0.9995).toFixed(2)},${price.toFixed(2)},${(10 + (index % 97)).toFixed(3)}`;
    lines.push(line);
    size += line.length + 1;
    time += 60_000;
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** `/healthz` round trips, one after another, until `done` resolves (or `count` when given). */
async function probeHealth(url: string, until: { done?: Promise<unknown>; count?: number }): Promise<number[]> {
  const latencies: number[] = [];
  let finished = false;
  until.done?.then(
    () => (finished = true),
    () => (finished = true),
  );
  while (until.count === undefined ? !finished : latencies.length < until.count) {
    const start = performance.now();
    await (await fetch(`${url}/healthz`)).text();
    latencies.push(performance.now() - start);
  }
  return latencies;
}

export async function benchCsvImport(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', 'warn');
  const database = await openBenchDatabase(6, logger);
  const { orm, databaseUrl } = database;
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' }), databaseUrl };
    const services = createSystemServices(orm, config, logger);
    await services.users.create({ email: 'bench-uploader@bench.local', password: 'bench-uploader-password', roles: ['research'] });
    const { secret } = await services.auth.createApiTokenForUser('bench-uploader@bench.local', { name: 'bench', stepUp: false });
    const server = await startServer({ config, orm, databaseUrl, logger });
    try {
      const file = generateCsv(fileMegabytes);
      const idle = await probeHealth(server.url, { count: 200 });
      function* pieces(): Generator<Buffer> {
        for (let start = 0; start < file.length; start += 64 * 1024) yield file.subarray(start, start + 64 * 1024);
      }
      const importStart = performance.now();
      const upload = fetch(`${server.url}/import/market-data?fileName=BENCH-USDT_1m.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${secret}` },
        body: Readable.toWeb(Readable.from(pieces())) as ReadableStream,
        duplex: 'half',
      } as RequestInit).then(async (response) => ({ status: response.status, body: (await response.json()) as { data?: { importMarketData: { marketDataSet: { rowCount: number } } }; errors?: unknown[] } }));
      const during = await probeHealth(server.url, { done: upload });
      const answer = await upload;
      const importMs = performance.now() - importStart;
      return [
        {
          figure: 'csv_import_healthz',
          path: 'POST /import/market-data (streamed to the parse thread, bars in batches of 5,000)',
          fileMegabytes: round(file.length / 1024 / 1024),
          rows: answer.body.data?.importMarketData.marketDataSet.rowCount ?? null,
          status: answer.status,
          importSeconds: round(importMs / 1000),
          idleHealthzMs: { p50: round(percentile(idle, 0.5)), p99: round(percentile(idle, 0.99)) },
          healthzDuringImportMs: { requests: during.length, p50: round(percentile(during, 0.5)), p99: round(percentile(during, 0.99)), max: round(Math.max(...during)) },
        },
      ];
    } finally {
      await server.close();
    }
  } finally {
    await database.drop();
  }
}
