/**
 * Load clients of the api-load bench (api-load.bench.ts), run in a child process of their own so the bench's
 * figures are the server's and PostgreSQL's, not the client's: each of `clients` connections (keep-alive, node:http)
 * sends `requests` POSTs one after another, alternating the two queries. Started with an IPC channel: it reads a
 * {@link ClientJob} message, answers `ready`, waits for `go` and answers a {@link ClientResult}.
 *
 * Every response is checked, but not every one is parsed: status 200, the body starts with `{"data":{` and contains
 * no `"errors":` key (in JSON text that sequence can only be a key: a quote inside a string value is escaped), and
 * one response in `parseEvery` is parsed in full (must have `data`, no `errors`). Parsing 50 × 150 KB per round on
 * the server's two cores would otherwise be part of what is measured. The checks run on each chunk as it arrives
 * (the errors key also across chunk boundaries); a body is joined into one buffer only to be parsed, which saves
 * copying and collecting ~150 KB per response on the cores the server shares.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface ClientJob {
  url: string;
  token: string;
  clients: number;
  requests: number;
  /** Index of this process's first client (the query alternation is by global client index). */
  firstClient: number;
  queries: [string, string];
  parseEvery: number;
}

export interface ClientResult {
  latencies: number[];
  errors: string[];
  cacheHits: number;
  /** Hits found current by the data version (no statement re-run), of {@link cacheHits}. */
  dataVersionHits: number;
  /** Responses parsed in full. */
  parsed: number;
  /** Response body bytes per query (the last one seen). */
  bodyBytes: [number, number];
  /** CPU time this process used during the load (user + system), ms. */
  cpuMs: number;
  /** Per response, the server's own `Server-Timing`: its handling time (`total`) and its data-version wait, ms. */
  serverMs: number[];
  syncMs: number[];
}

const totalTiming = /(?:^|,)\s*total;dur=([0-9.]+)/;
const syncTiming = /(?:^|,)\s*data-version;dur=([0-9.]+)/;
/** The `dur` a `Server-Timing` header gives for the metric `pattern` matches, or NaN. */
const timingOf = (header: string, pattern: RegExp) => Number(pattern.exec(header)?.[1] ?? Number.NaN);

const dataPrefix = Buffer.from('{"data":{');
const errorsKey = Buffer.from('"errors":');

async function run(job: ClientJob): Promise<ClientResult> {
  const target = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.clients });
  const bodies = job.queries.map((query) => Buffer.from(JSON.stringify({ query })));
  const result: ClientResult = { latencies: [], errors: [], cacheHits: 0, dataVersionHits: 0, parsed: 0, bodyBytes: [0, 0], cpuMs: 0, serverMs: [], syncMs: [] };
  let sequence = 0;
  const post = (which: 0 | 1) =>
    new Promise<void>((resolvePost) => {
      const outgoing = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': bodies[which]!.length, authorization: `Bearer ${job.token}` },
        },
        (incoming) => {
          // Checked chunk by chunk as it arrives: the prefix on the first bytes, the errors key in each chunk and
          // across each boundary; the chunks are joined only for the responses parsed in full.
          const parse = sequence++ % job.parseEvery === 0;
          const chunks: Buffer[] = [];
          let bytes = 0;
          let head: Buffer = Buffer.alloc(0);
          let previousTail: Buffer = Buffer.alloc(0);
          let errorsSeen = false;
          incoming.on('data', (chunk: Buffer) => {
            if (head.length < dataPrefix.length) head = Buffer.concat([head, chunk.subarray(0, dataPrefix.length - head.length)]);
            if (!errorsSeen && (chunk.includes(errorsKey) || (previousTail.length > 0 && Buffer.concat([previousTail, chunk.subarray(0, errorsKey.length - 1)]).includes(errorsKey)))) errorsSeen = true;
            previousTail = chunk.subarray(Math.max(0, chunk.length - (errorsKey.length - 1)));
            bytes += chunk.length;
            if (parse || chunks.length === 0 || incoming.statusCode !== 200) chunks.push(chunk);
          });
          incoming.on('end', () => {
            result.bodyBytes[which] = bytes;
            if (incoming.headers['x-response-cache'] === 'hit') result.cacheHits++;
            if (incoming.headers['x-response-cache-check'] === 'data-version') result.dataVersionHits++;
            const timing = String(incoming.headers['server-timing'] ?? '');
            result.serverMs.push(timingOf(timing, totalTiming));
            result.syncMs.push(timingOf(timing, syncTiming));
            const text = () => Buffer.concat(chunks).subarray(0, 300).toString();
            let error: string | null = null;
            if (incoming.statusCode !== 200) error = `status ${incoming.statusCode}: ${text()}`;
            else if (!head.equals(dataPrefix) || errorsSeen) error = text();
            else if (parse) {
              result.parsed++;
              const parsed = JSON.parse(Buffer.concat(chunks).toString()) as { data?: unknown; errors?: unknown };
              if (!parsed.data || parsed.errors) error = JSON.stringify(parsed.errors ?? 'no data').slice(0, 300);
            }
            if (error) result.errors.push(error);
            resolvePost();
          });
          incoming.on('error', (failure) => {
            result.errors.push(String(failure));
            resolvePost();
          });
        },
      );
      outgoing.on('error', (failure) => {
        result.errors.push(String(failure));
        resolvePost();
      });
      outgoing.end(bodies[which]);
    });
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: job.clients }, async (_, index) => {
      const client = job.firstClient + index;
      for (let request = 0; request < job.requests; request++) {
        const sent = performance.now();
        await post((client + request) % 2 === 0 ? 0 : 1);
        result.latencies.push(performance.now() - sent);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  agent.destroy();
  return result;
}

if (process.send) {
  process.once('message', (job: ClientJob) => {
    process.send!('ready');
    process.once('message', () => {
      void run(job).then((result) => process.send!(result, () => process.disconnect()));
    });
  });
}
