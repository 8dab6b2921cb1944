/**
 * Issue #9 "Under load" figures, reported, never asserted. A throwaway database (DATABASE_URL's server, else an
 * embedded PostgreSQL) with the built-in strategies plus 50 more, each scored on three evaluation dates; a real API
 * server in a child process on loopback (127.0.0.1, a free port), so its RSS is measured alone.
 * - `api_load_scorecard_strategies`: 50 concurrent clients (BENCH_LOAD_CLIENTS), each sending 100 requests (BENCH_LOAD_REQUESTS_PER_CLIENT; 20
 *   until issue 9's last round: 1,000 requests lasted ~1.5 s, too few for a p99 and mostly compiler warm-up) alternating the
 *   scorecard page's query (`scorecard { … strategy strategyVersion }`) and the registry's
 *   (`strategies(first: 50) { … latestScorecard versions }`): p50/p95/p99 latency, throughput, errors, the CPU per
 *   request of the server, of its PostgreSQL backends and of the clients, the response-cache hit share, peak RSS, and
 *   the host's load average (the figures of a shared host mean little without it). The clients run in child
 *   processes (BENCH_LOAD_CLIENT_PROCESSES, default 1; api-load.client.ts) and check every response without parsing
 *   each one in full (one in BENCH_LOAD_PARSE_EVERY, default 10). Budgets: p95 < 100 ms, no error, RSS < 1 GB.
 * - `api_load_floor`: the same clients, right after, against a loopback server that answers the same bytes and does
 *   nothing else (api-load.floor.ts): what this host and the clients reach at that moment. The gap between the two
 *   figures is the server's; the floor itself is the shared host's.
 * - `subscription_delivery_ms`: 200 graphql-ws subscribers of `backtestRunUpdated`; 30 events published one after
 *   another (a backtest queued through the service, committed with its NOTIFY); latency from the call to each
 *   delivery, p50/p99 over every (event, subscriber). Budget p99 < 300 ms.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import type { ClientJob, ClientResult } from './api-load.client.ts';
import { startFloorServer } from './api-load.floor.ts';
import WebSocket from 'ws';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import { createLogger } from '../src/infra/logger.ts';
import { EvaluationCycle } from '../src/domain/cycle/evaluation-cycle.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import type { ScoringSubject } from '../src/services/scoring/scorecard.service.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { registerBenchStrategies } from './bench-strategies.ts';
import { percentile } from './percentile.ts';

const clients = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const requestsPerClient = Number(process.env.BENCH_LOAD_REQUESTS_PER_CLIENT ?? 100);
const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const publishedEvents = 30;
const progress = (step: string) => process.stderr.write(`api-load bench: ${step} (${new Date().toISOString()})\n`);

const scorecardQuery = `{ scorecard { id evaluationDate normalizedScore rank recommendation rationale complete missingInputs researchOnly
  scoringPolicyVersion inputs { sharpe sortino calmar maxDrawdown valueAtRisk conditionalValueAtRisk winRateDispersion robustnessScore
  probabilityOfBacktestOverfitting deflatedSharpeRatio walkForwardEfficiency liveDrift } updatedAt strategy { id code name } strategyVersion { id versionTag template }
  factors { factor points weight contribution metrics { metric value points } } } }`;
const strategiesQuery = `{ strategies(first: 50) { totalCount edges { node { id code name lifecycleState riskCategory eligibleMarkets
  latestScorecard { id rank normalizedScore recommendation } versions { id versionTag approvalStatus } } } } }`;

/** p50/p95/p99 of `values` (ms, two decimals). */
const summary = (values: number[]) => {
  const known = values.filter(Number.isFinite);
  return Object.fromEntries(([['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const).map(([name, fraction]) => [name, Math.round(percentile(known, fraction) * 100) / 100]));
};

/** Resident set size of process `pid` in bytes (Linux /proc), or NaN when unreadable. */
async function residentBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) process `pid` has used, milliseconds (Linux /proc; clock ticks of 10 ms). */
async function cpuMilliseconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `server/src/main.ts` in a child process and resolves once /healthz answers (at most 120 s). */
export async function startServerProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  // BENCH_SERVER_CPU_PROF=<dir> writes a V8 CPU profile of the server there when it stops.
  const profile = process.env.BENCH_SERVER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', TSX_TSCONFIG_PATH: 'server/tsconfig.json' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error('server did not answer /healthz within 120 s');
    await new Promise((resolveLater) => setTimeout(resolveLater, 100));
  }
}

/** A load-client process (api-load.client.ts), started and ready; `go` runs its clients and resolves with their figures. */
interface LoadClient {
  go(): Promise<ClientResult>;
}

/** Starts `processes` load-client processes sharing {@link clients} clients between them; resolves once all are ready. */
async function startLoadClients(url: string, token: string, processes: number, parseEvery: number): Promise<LoadClient[]> {
  return Promise.all(
    Array.from({ length: processes }, async (_, index) => {
      const firstClient = Math.floor((index * clients) / processes);
      const job: ClientJob = {
        url,
        token,
        clients: Math.floor(((index + 1) * clients) / processes) - firstClient,
        requests: requestsPerClient,
        firstClient,
        queries: [scorecardQuery, strategiesQuery],
        parseEvery,
      };
      // BENCH_CLIENT_CPU_PROF=<dir> writes a V8 CPU profile of each load-client process there when it exits.
      const profile = process.env.BENCH_CLIENT_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CLIENT_CPU_PROF] : [];
      const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/bench/api-load.client.ts'], {
        cwd: repositoryRoot,
        env: { ...process.env, TSX_TSCONFIG_PATH: 'server/tsconfig.json' },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`load client exited with ${code}`))));
      const message = <T>() => Promise.race([new Promise<T>((resolveMessage) => child.once('message', (value) => resolveMessage(value as T))), exited]);
      const ready = message<string>();
      child.send(job);
      await ready;
      return {
        go: async () => {
          const result = message<ClientResult>();
          child.send('go');
          return result;
        },
      };
    }),
  );
}

/** Runs both figures and returns them as JSON objects. */
export async function benchApiLoad(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const database = await openBenchDatabase(4, logger);
  const { orm, databaseUrl } = database;
  const figures: Record<string, unknown>[] = [];
  let server: ChildProcess | undefined;
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: databaseUrl, PORT: '0' }), databaseUrl };
    const services = () => createSystemServices(orm, config, logger);
    const { marketDataSet } = await services().marketData.importBytes('BTC-USDT_1d.csv', await readFile(join(repositoryRoot, 'data/market', 'BTC-USDT_1d.csv')));
    await services().strategies.registerBuiltInStrategies();
    const builtIns = await orm.em.fork().find(Strategy, {});
    await registerBenchStrategies(services, builtIns, 50, 'load');
    const all = await orm.em.fork().find(Strategy, {});
    const subjects: ScoringSubject[] = [];
    for (const [index, strategy] of all.entries()) {
      const version = (await services().strategies.latestApprovedVersion(strategy.id))!;
      const wobble = Math.sin(index + 1);
      const inputs: Record<string, number> = {
        sharpe: 1 + wobble,
        sortino: 1.4 + wobble,
        calmar: 0.8 + wobble / 2,
        maxDrawdown: -0.3 + wobble / 10,
        valueAtRisk: -0.03,
        conditionalValueAtRisk: -0.045,
        winRateDispersion: 0.05,
      };
      subjects.push({ strategyId: strategy.id, strategyVersionId: version.id, inputs: inputs as ScoringSubject['inputs'] });
    }
    const scorer = services();
    const cycle = await scorer.cycles.run({ configurationCount: 60, seed: 1, reason: 'load bench' });
    const policy = await scorer.scorecards.activePolicy(orm.em.fork());
    const system = await scorer.strategies.systemUser();
    for (const evaluationDate of ['2099-01-01', '2099-01-02', '2099-01-03']) {
      await orm.em.fork().transactional(async (tx) => scorer.scorecards.writeEntries(tx, await tx.findOneOrFail(EvaluationCycle, { id: cycle.id }), evaluationDate, policy, subjects, system));
    }
    await services().users.create({ email: 'load@bench.crucible.local', password: 'load-bench-password', roles: ['research'] });
    const token = (await services().auth.createApiTokenForUser('load@bench.crucible.local', { name: 'load bench' })).secret;

    progress('seeded; starting the server');
    const port = await freePort();
    server = await startServerProcess(databaseUrl, port);
    const pid = server.pid!;
    const url = `http://127.0.0.1:${port}/graphql`;
    let peakRss = await residentBytes(pid);
    const sampler = setInterval(() => void residentBytes(pid).then((rss) => (peakRss = Math.max(peakRss, rss))), 100);
    try {
      const post = async (query: string) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
        return response.ok && !body.errors && body.data ? null : JSON.stringify(body.errors ?? response.status).slice(0, 300);
      };
      // Warm-up: one of each (first-request compilation and caches are not what the budget is about).
      for (const query of [scorecardQuery, strategiesQuery]) {
        const error = await post(query);
        if (error) throw new Error(`warm-up query failed: ${error}`);
      }
      // The exact bytes the server answers each query with (the floor server below answers them back).
      const requestBodies = [scorecardQuery, strategiesQuery].map((query) => Buffer.from(JSON.stringify({ query })));
      const responseBodies = await Promise.all(
        requestBodies.map(async (body) => Buffer.from(await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })).arrayBuffer())),
      );
      progress('warm; load phase');
      const clientProcesses = Math.max(1, Math.min(clients, Number(process.env.BENCH_LOAD_CLIENT_PROCESSES ?? 1)));
      const parseEvery = Number(process.env.BENCH_LOAD_PARSE_EVERY ?? 10);
      const loaders = await startLoadClients(url, token, clientProcesses, parseEvery);
      const statements = async () =>
        Number((await orm.em.fork().execute<{ n: string }[]>(`select pg_stat_force_next_flush(), xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`))[0]!.n);
      // The server's PostgreSQL backends (its pool and LISTEN connections; the bench's own connections stay idle).
      const ownBackends = new Set((await orm.em.fork().execute<{ pid: number }[]>('select pg_backend_pid() as pid')).map((row) => row.pid));
      const databaseBackends = async () =>
        (await orm.em.fork().execute<{ pid: number }[]>(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`))
          .map((row) => row.pid)
          .filter((backend) => !ownBackends.has(backend));
      const backendCpu = async (pids: number[]) => {
        const times = new Map<number, number>();
        for (const backend of pids) times.set(backend, await cpuMilliseconds(backend).catch(() => Number.NaN));
        return times;
      };
      const statementsBefore = await statements();
      const backendsBefore = await backendCpu(await databaseBackends());
      const cpuBefore = await cpuMilliseconds(pid);
      const loadBefore = loadavg()[0];
      // BENCH_LOAD_WRITES_PER_SECOND > 0: a committed write (touching no row) that often during the phase, as a worker
      // writing elsewhere would: each moves the data version, so cached credentials and responses are checked again.
      const writesPerSecond = Number(process.env.BENCH_LOAD_WRITES_PER_SECOND ?? 0);
      let writes = 0;
      const writer = writesPerSecond > 0 ? setInterval(() => void orm.em.fork().execute(`update app_user set email = email where false`).then(() => writes++), 1000 / writesPerSecond) : undefined;
      const start = performance.now();
      const results = await Promise.all(loaders.map((loader) => loader.go()));
      const seconds = (performance.now() - start) / 1000;
      clearInterval(writer);
      const serverCpuMs = (await cpuMilliseconds(pid)) - cpuBefore;
      const backendsAfter = await backendCpu([...new Set([...backendsBefore.keys(), ...(await databaseBackends())])]);
      let postgresCpuMs = 0;
      for (const [backend, after] of backendsAfter) if (Number.isFinite(after)) postgresCpuMs += after - (backendsBefore.get(backend) ?? 0);
      // Let the server's backends report their counters (PostgreSQL flushes them at idle, within a second).
      await new Promise((resolveLater) => setTimeout(resolveLater, 1500));
      const transactions = (await statements()) - statementsBefore;
      const latencies = results.flatMap((result) => result.latencies);
      const loadErrors = results.flatMap((result) => result.errors);
      const cacheHits = results.reduce((sum, result) => sum + result.cacheHits, 0);
      figures.push({
        figure: 'api_load_scorecard_strategies',
        clients,
        requests: latencies.length,
        strategies: all.length,
        p50Ms: percentile(latencies, 0.5),
        p95Ms: percentile(latencies, 0.95),
        p99Ms: percentile(latencies, 0.99),
        requestsPerSecond: latencies.length / seconds,
        // CPU per request of each process on the host (Linux /proc, 10 ms ticks; PostgreSQL: the server's backends).
        serverCpuMsPerRequest: serverCpuMs / latencies.length,
        postgresCpuMsPerRequest: postgresCpuMs / latencies.length,
        clientCpuMsPerRequest: results.reduce((sum, result) => sum + result.cpuMs, 0) / latencies.length,
        databaseTransactionsPerRequest: transactions / latencies.length,
        backgroundWrites: writes,
        // Share of requests answered from the response cache: the rows behind them had not changed.
        responseCacheHitShare: cacheHits / latencies.length,
        // Share of requests served after the data-version check alone (nothing written since: no statement re-run).
        dataVersionHitShare: results.reduce((sum, result) => sum + result.dataVersionHits, 0) / latencies.length,
        // The server's own account of each request (Server-Timing): from its handler's start to the response being
        // ready, and of that the data-version sync. What the clients measure beyond it is queueing on the host.
        serverHandlingMs: summary(results.flatMap((result) => result.serverMs)),
        dataVersionSyncMs: summary(results.flatMap((result) => result.syncMs)),
        errors: loadErrors.length,
        firstError: loadErrors[0] ?? null,
        // The clients run in their own processes; each response is checked (status 200, starts with {"data":{, no
        // "errors": key) and one in `parseEvery` parsed in full — see api-load.client.ts.
        clientProcesses,
        parseEvery,
        responsesParsed: results.reduce((sum, result) => sum + result.parsed, 0),
        responseBytes: { scorecard: results[0]!.bodyBytes[0], strategies: results[0]!.bodyBytes[1] },
        serverPeakRssMb: peakRss / 2 ** 20,
        // The host's 1-minute load average before and after the phase and its CPU count: a shared host's figures need them.
        loadAverage: [loadBefore, loadavg()[0]],
        cpus: cpus().length,
        budget: { p95Ms: 100, errors: 0, serverRssMb: 1024 },
      });

      // The floor: the same clients against a server that answers the same bytes and does nothing else (api-load.floor.ts).
      progress('floor phase');
      const floor = await startFloorServer(requestBodies, responseBodies);
      try {
        const floorLoaders = await startLoadClients(floor.url, token, clientProcesses, parseEvery);
        const floorLoadBefore = loadavg()[0];
        const floorCpuBefore = floor.cpuMs();
        const floorStart = performance.now();
        const floorResults = await Promise.all(floorLoaders.map((loader) => loader.go()));
        const floorSeconds = (performance.now() - floorStart) / 1000;
        const floorLatencies = floorResults.flatMap((result) => result.latencies);
        figures.push({
          figure: 'api_load_floor',
          clients,
          requests: floorLatencies.length,
          p50Ms: percentile(floorLatencies, 0.5),
          p95Ms: percentile(floorLatencies, 0.95),
          p99Ms: percentile(floorLatencies, 0.99),
          requestsPerSecond: floorLatencies.length / floorSeconds,
          // The bench process's CPU per request while it served (its RSS sampler included).
          serverCpuMsPerRequest: (floor.cpuMs() - floorCpuBefore) / floorLatencies.length,
          clientCpuMsPerRequest: floorResults.reduce((sum, result) => sum + result.cpuMs, 0) / floorLatencies.length,
          errors: floorResults.reduce((sum, result) => sum + result.errors.length, 0),
          loadAverage: [floorLoadBefore, loadavg()[0]],
        });
      } finally {
        await floor.close();
      }
      const errors: string[] = [];

      // 200 subscribers. Every subscriber must have received a warm-up event before measuring (no fixed sleeps).
      progress('subscription phase');
      const sockets: Client[] = [];
      let warmedUp = 0;
      // Arrival times per run id; latencies are computed at the end for the measured runs only.
      const arrivals = new Map<string, number[]>();
      for (let index = 0; index < subscribers; index++) {
        const socket = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, lazy: false, retryAttempts: 0 });
        sockets.push(socket);
        let warm = false;
        socket.subscribe<{ backtestRunUpdated: { databaseId: string } }>(
          { query: 'subscription { backtestRunUpdated { databaseId status } }' },
          {
            next: (result) => {
              const now = performance.now();
              if (!warm) {
                warm = true;
                warmedUp++;
              }
              const id = result.data?.backtestRunUpdated.databaseId;
              if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), now]);
            },
            error: (failure) => errors.push(`subscriber ${index}: ${JSON.stringify(failure).slice(0, 200)}`),
            complete: () => {},
          },
        );
      }
      const version = (await services().strategies.latestApprovedVersion(builtIns[0]!.id))!;
      const queue = () => services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
      const warmDeadline = performance.now() + 60_000;
      while (warmedUp < subscribers) {
        if (performance.now() > warmDeadline) throw new Error(`only ${warmedUp} of ${subscribers} subscribers received the warm-up event`);
        await queue();
        await new Promise((resolveLater) => setTimeout(resolveLater, 100));
      }
      const deliveryErrorsBefore = errors.length;
      const deliveryLoadBefore = loadavg()[0];
      const delivery: number[] = [];
      let missing = 0;
      for (let event = 0; event < publishedEvents; event++) {
        const sentAt = performance.now();
        const run = await queue();
        const eventDeadline = performance.now() + 10_000;
        while ((arrivals.get(run.id)?.length ?? 0) < subscribers && performance.now() < eventDeadline) await new Promise((resolveLater) => setTimeout(resolveLater, 5));
        const times = arrivals.get(run.id) ?? [];
        missing += subscribers - times.length;
        for (const time of times) delivery.push(time - sentAt);
      }
      figures.push({
        figure: 'subscription_delivery_ms',
        subscribers,
        events: publishedEvents,
        deliveries: delivery.length,
        missingDeliveries: missing,
        p50Ms: percentile(delivery, 0.5),
        p99Ms: percentile(delivery, 0.99),
        maxMs: Math.max(...delivery),
        errors: errors.length - deliveryErrorsBefore,
        serverPeakRssMb: peakRss / 2 ** 20,
        loadAverage: [deliveryLoadBefore, loadavg()[0]],
        budget: { p99Ms: 300 },
      });
      await Promise.all(sockets.map((socket) => socket.dispose()));
    } finally {
      clearInterval(sampler);
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolveExit) => server!.once('exit', resolveExit));
      server.kill('SIGTERM');
      await exited;
    }
    await database.drop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchApiLoad()) console.log(JSON.stringify(figure));
}
