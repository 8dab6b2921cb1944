import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { run, type Runner, type WorkerEvents } from 'graphile-worker';
import { createSystemServices } from '@crucible/server/services';
import { waitForDatabase, type Logger, type MikroORM } from '@crucible/server/infra';
import type { ServiceSettings } from '@crucible/server/services';
import { escalateFailedJob } from './escalate-failed-job.ts';
import { makeGraphileLogger } from './graphile-logger.ts';
import { makeTaskList, type WorkerLane } from './task-list.ts';

/** What starting one graphile-worker runner needs. */
export interface WorkerOptions {
  databaseUrl: string;
  orm: MikroORM;
  settings: ServiceSettings;
  logger: Logger;
  concurrency: number;
  pollInterval?: number;
  /** graphile-worker crontab lines; default: {@link defaultCrontab}. */
  crontab?: string;
  /** Which tasks this runner fetches (default `all`). */
  lane?: WorkerLane;
}

/**
 * A worker process's two runners: `deployment_bars` with `barConcurrency` slots and `general` (every other task, and the
 * crontab) with `concurrency` slots, each with its own heartbeat. `promise` resolves when both stopped; it rejects when
 * one stopped on a fatal error (PostgreSQL lost) — after stopping the other (its running jobs finish) — so the process
 * exits non-zero and its supervisor restarts it.
 */
export async function startWorkerLanes(options: Omit<WorkerOptions, 'lane'> & { barConcurrency: number }): Promise<{ promise: Promise<void>; stop: () => Promise<void> }> {
  const { barConcurrency, ...common } = options;
  const bars = await startWorker({ ...common, concurrency: barConcurrency, lane: 'deployment_bars', crontab: '' });
  let general: Runner;
  try {
    general = await startWorker({ ...common, lane: 'general' });
  } catch (error) {
    await bars.stop();
    throw error;
  }
  const runners = [bars, general];
  const stop = async () => {
    await Promise.all(runners.map((runner) => runner.stop().catch(() => {})));
  };
  const promise = Promise.all(runners.map((runner) => runner.promise.catch(async (error: unknown) => {
    await stop();
    throw error;
  }))).then(() => undefined);
  return { promise, stop };
}

/** Starts a graphile-worker runner on `databaseUrl` with the platform's task list (or one lane of it). */
export async function startWorker(options: WorkerOptions): Promise<Runner> {
  const events: WorkerEvents = new EventEmitter();
  const identity = makeIdentity(options.concurrency);
  events.on('pool:create', ({ workerPool }) => {
    identity.poolId = workerPool.id;
  });
  const runner = await run({
    events,
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    logger: makeGraphileLogger(options.logger),
    taskList: makeTaskList({ orm: options.orm, settings: options.settings, logger: options.logger }, options.lane ?? 'all'),
    crontab: options.crontab ?? defaultCrontab,
    // Batched job completion/failure turns a lost connection while recording a job's result into a `pool:fatalError`
    // and an orderly pool stop (handled below). Unbatched (the default), it rejects unhandled and the process dies
    // with its job still locked.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
  runner.events.on('job:failed', ({ job, error }) => {
    escalateFailedJob(job, error, options).catch((escalationError: unknown) => options.logger.error({ err: escalationError, jobId: job.id }, 'could not escalate a failed job'));
  });
  startHeartbeat(runner, identity, options);
  const promise = releaseJobsAfterFatalStop(runner, identity, options);
  // `stop` also waits for the clean-up above, so callers may close the ORM right after it.
  const stop = async (reason?: string) => {
    await runner.stop(reason);
    await promise.catch(() => {});
  };
  return { ...runner, promise, stop };
}

/** How long a worker whose pool stopped on a fatal error waits for PostgreSQL to release its jobs, seconds. */
const fatalStopWaitSeconds = 300;

/**
 * graphile-worker stops its pool when it cannot record a job's result (PostgreSQL restarted or unreachable) and
 * leaves that job locked; `runner.promise` still resolves. This resolves after a requested stop (removing the
 * process's heartbeat), and
 * after a fatal stop first waits for PostgreSQL, releases this process's jobs (so they resume at once, not after
 * the stale-heartbeat sweep) and then REJECTS, so the process exits non-zero and its supervisor restarts it.
 */
function releaseJobsAfterFatalStop(runner: Runner, identity: WorkerIdentity, options: { databaseUrl: string; orm: MikroORM; settings: ServiceSettings; logger: Logger }): Promise<void> {
  let fatalError: unknown = null;
  runner.events.on('pool:fatalError', ({ error }) => (fatalError ??= error));
  runner.events.on('worker:fatalError', ({ error }) => (fatalError ??= error));
  return runner.promise.then(async () => {
    const operations = createSystemServices(options.orm, options.settings, options.logger).operations;
    if (fatalError === null) {
      // A clean stop leaves no heartbeat behind, so no sweep later "recovers" (and audits) a process that just ended.
      await operations.removeHeartbeat(identity.workerId).catch((error: unknown) => options.logger.warn({ err: error }, 'could not remove the heartbeat'));
      return;
    }
    options.logger.error({ err: fatalError, poolId: identity.poolId }, 'worker pool stopped on a fatal error; releasing its jobs once PostgreSQL answers');
    await waitForDatabase(options.databaseUrl, options.logger, fatalStopWaitSeconds);
    await operations.releaseWorkerJobs(identity.workerId, identity.poolId);
    throw new Error(`worker pool ${identity.poolId ?? '?'} stopped on a fatal error; its jobs were released`, { cause: fatalError });
  });
}

/** Seconds without a heartbeat after which another worker releases a process's jobs. */
export const staleWorkerSeconds = 60;

interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  poolId: string | null;
  concurrency: number;
  startedAt: Date;
}

function makeIdentity(concurrency: number): WorkerIdentity {
  const startedAt = new Date();
  return { workerId: `${hostname()}:${process.pid}:${startedAt.getTime()}:${randomUUID().slice(0, 8)}`, hostname: hostname(), pid: process.pid, poolId: null, concurrency, startedAt };
}

/** Heartbeat period of a worker process, milliseconds (the operations view shows each process's last one). */
export const heartbeatIntervalMs = 10_000;

/**
 * Writes this process's heartbeat now and every `heartbeatIntervalMs` until the runner stops, and on each beat
 * releases the jobs of processes silent for `staleWorkerSeconds` (a worker killed mid-job is resumed within a minute).
 */
function startHeartbeat(runner: Runner, identity: WorkerIdentity, options: { orm: MikroORM; settings: ServiceSettings; logger: Logger }): void {
  const beat = () => {
    const operations = createSystemServices(options.orm, options.settings, options.logger).operations;
    operations
      .heartbeat(identity)
      .then(() => operations.recoverStaleWorkers(staleWorkerSeconds))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'worker heartbeat failed'));
  };
  beat();
  const timer = setInterval(beat, heartbeatIntervalMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  runner.promise.then(stop, stop);
}

/**
 * Daily scheduled evaluation cycle (03:00 UTC; a missed run within 6 hours is caught up, `?fill=6h`); a signed
 * checkpoint of the audit chain every 5 minutes; the audit partitions of the coming years daily (02:00 UTC, caught up
 * within a day); the deployment freshness check every minute (stale feeds → DEGRADED, broken bar chains re-queued); the
 * daily reports of the previous UTC day at 00:15 UTC (caught up within a day); overdue promotion requests expired and
 * the platform's next promotion requests opened (stability window and gates passing) every 5 minutes; the automatic
 * demotion triggers of PAPER and LIVE deployments applied every minute; the correlation
 * rule between live (PAPER, LIVE) strategies every hour at :05 (a redundancy flag on the lower-ranked, once per episode).
 */
export const defaultCrontab = [
  '0 3 * * * schedule_evaluation_cycle ?fill=6h&max=1',
  '*/5 * * * * checkpoint_audit_chain ?max=1',
  '0 2 * * * maintain_audit_partitions ?fill=1d&max=1',
  '* * * * * check_deployment_freshness ?max=1',
  '*/5 * * * * expire_promotion_requests ?max=1',
  '*/5 * * * * open_promotion_requests ?max=1',
  '* * * * * apply_demotion_triggers ?max=1',
  '15 0 * * * generate_daily_reports ?fill=1d&max=1',
  '5 * * * * evaluate_strategy_redundancy ?max=1',
].join('\n');
