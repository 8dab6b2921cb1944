import type { EntityManager } from '@mikro-orm/postgresql';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';

/** Jobs of one task (graphile-worker queue) by state. */
export interface QueueDepth {
  task: string;
  /** graphile-worker queue name (jobs of one named queue run one at a time); null = no named queue. */
  queue: string | null;
  /** Waiting to run (unlocked, attempts left), incl. retries waiting for their backoff. */
  waiting: number;
  /** Locked by a worker now. */
  running: number;
  /** Waiting after at least one failed attempt (exponential backoff). */
  retrying: number;
  /** Out of attempts (kept by graphile-worker for inspection). */
  failed: number;
}

/** A job being run now. */
export interface RunningJob {
  id: string;
  task: string;
  lockedBy: string;
  lockedAt: Date;
  attempts: number;
  maxAttempts: number;
  priority: number;
  key: string | null;
}

/** A worker process's heartbeat; `ageSeconds` is how long ago it was last seen. */
export interface WorkerLiveness {
  workerId: string;
  hostname: string;
  pid: number;
  concurrency: number;
  startedAt: Date;
  lastSeenAt: Date;
  ageSeconds: number;
}

/** Finished runs of one kind in the window and the failed fraction (0–1; null without finished runs). */
export interface FailureRate {
  kind: string;
  completed: number;
  failed: number;
  failureRate: number | null;
}

/** Percentiles of a latency in milliseconds over the window (null without samples). */
export interface LatencyPercentiles {
  samples: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

/** The operations view (orchestration-spec FR-009, SC-010). */
export interface OperationsSnapshot {
  /** Window of failure rates and latencies, hours. */
  windowHours: number;
  queues: QueueDepth[];
  runningJobs: RunningJob[];
  workers: WorkerLiveness[];
  failureRates: FailureRate[];
  triggerToEnqueue: LatencyPercentiles;
  enqueueToStart: LatencyPercentiles;
}

/** Queue depth, running jobs, failure rates, worker heartbeats and latencies, read from PostgreSQL. */
export class OperationsService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The operations snapshot over the last `windowHours` (1–168, default 24). */
  async snapshot(windowHours = 24): Promise<OperationsSnapshot> {
    await this.governance.authorize('read', 'Operations');
    const hours = Math.min(168, Math.max(1, Math.round(windowHours)));
    const em = this.ctx.em;
    const queues = await em.execute<{ task: string; queue: string | null; waiting: number; running: number; retrying: number; failed: number }[]>(
      `select t.identifier as task, q.queue_name as queue,
              count(*) filter (where j.locked_at is null and j.attempts < j.max_attempts)::int as waiting,
              count(*) filter (where j.locked_at is not null)::int as running,
              count(*) filter (where j.locked_at is null and j.attempts > 0 and j.attempts < j.max_attempts)::int as retrying,
              count(*) filter (where j.attempts >= j.max_attempts)::int as failed
         from graphile_worker._private_tasks t
         left join graphile_worker._private_jobs j on j.task_id = t.id
         left join graphile_worker._private_job_queues q on q.id = j.job_queue_id
        group by t.identifier, q.queue_name order by t.identifier, q.queue_name nulls first`,
    );
    const running = await em.execute<{ id: string; task: string; locked_by: string; locked_at: Date; attempts: number; max_attempts: number; priority: number; key: string | null }[]>(
      `select j.id::text as id, t.identifier as task, j.locked_by, j.locked_at, j.attempts, j.max_attempts, j.priority, j.key
         from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where j.locked_at is not null order by j.locked_at limit 100`,
    );
    const workers = await em.execute<{ worker_id: string; hostname: string; pid: number; concurrency: number; started_at: Date; last_seen_at: Date; age: number }[]>(
      `select worker_id, hostname, pid, concurrency, started_at, last_seen_at, extract(epoch from now() - last_seen_at)::float8 as age
         from worker_heartbeat where last_seen_at > now() - interval '1 day' order by last_seen_at desc`,
    );
    const failures = await em.execute<{ kind: string; completed: number; failed: number }[]>(
      `select 'evaluation_cycle' as kind, count(*) filter (where status = 'completed')::int as completed, count(*) filter (where status = 'failed')::int as failed
         from evaluation_cycle where completed_at > now() - make_interval(hours => ?)
       union all
       select 'backtest_run', count(*) filter (where status = 'completed')::int, count(*) filter (where status = 'failed')::int
         from backtest_run where completed_at > now() - make_interval(hours => ?)
       union all
       select 'optimization', count(*) filter (where status = 'completed')::int, count(*) filter (where status = 'failed')::int
         from optimization where completed_at > now() - make_interval(hours => ?)`,
      [hours, hours, hours],
    );
    const latency = async (sql: string): Promise<LatencyPercentiles> => {
      const [row] = await em.execute<{ samples: number; p50: number | null; p99: number | null }[]>(sql, [hours]);
      return { samples: row?.samples ?? 0, p50Ms: row?.p50 ?? null, p99Ms: row?.p99 ?? null };
    };
    return {
      windowHours: hours,
      queues,
      runningJobs: running.map((row) => ({ id: row.id, task: row.task, lockedBy: row.locked_by, lockedAt: new Date(row.locked_at), attempts: row.attempts, maxAttempts: row.max_attempts, priority: row.priority, key: row.key })),
      workers: workers.map((row) => ({ workerId: row.worker_id, hostname: row.hostname, pid: row.pid, concurrency: row.concurrency, startedAt: new Date(row.started_at), lastSeenAt: new Date(row.last_seen_at), ageSeconds: row.age })),
      failureRates: failures.map((row) => ({ ...row, failureRate: row.completed + row.failed > 0 ? row.failed / (row.completed + row.failed) : null })),
      triggerToEnqueue: await latency(
        `select count(*)::int as samples,
                percentile_cont(0.5) within group (order by extract(epoch from enqueued_at - received_at) * 1000)::float8 as p50,
                percentile_cont(0.99) within group (order by extract(epoch from enqueued_at - received_at) * 1000)::float8 as p99
           from trigger_event where enqueued_at is not null and received_at > now() - make_interval(hours => ?)`,
      ),
      enqueueToStart: await latency(
        `select count(*)::int as samples,
                percentile_cont(0.5) within group (order by extract(epoch from started_at - queued_at) * 1000)::float8 as p50,
                percentile_cont(0.99) within group (order by extract(epoch from started_at - queued_at) * 1000)::float8 as p99
           from evaluation_cycle where started_at is not null and queued_at > now() - make_interval(hours => ?)`,
      ),
    };
  }

  /** Records (or refreshes) a worker process's heartbeat. */
  async heartbeat(worker: { workerId: string; hostname: string; pid: number; poolId: string | null; concurrency: number; startedAt: Date }): Promise<void> {
    await this.governance.authorize('read', 'Operations');
    await this.ctx.em.execute(
      `insert into worker_heartbeat (worker_id, hostname, pid, pool_id, concurrency, started_at, last_seen_at) values (?, ?, ?, ?, ?, ?, now())
       on conflict (worker_id) do update set last_seen_at = now(), concurrency = excluded.concurrency, pool_id = coalesce(excluded.pool_id, worker_heartbeat.pool_id)`,
      [worker.workerId, worker.hostname, worker.pid, worker.poolId, worker.concurrency, worker.startedAt],
    );
  }

  /** Removes a worker process's heartbeat when it stops cleanly (it holds no job, so there is nothing to recover). */
  async removeHeartbeat(workerId: string): Promise<void> {
    await this.governance.authorize('read', 'Operations');
    await this.ctx.em.execute('delete from worker_heartbeat where worker_id = ?', [workerId]);
  }

  /**
   * Releases the jobs of worker processes that stopped heart-beating more than `staleSeconds` ago (killed, host
   * lost): `graphile_worker.force_unlock_workers` makes their jobs available again — instead of graphile-worker's
   * 4-hour lock expiry — so a live worker resumes them (every task is resumable or idempotent). The stale
   * heartbeats are removed and the recovery is audited. @returns the pool ids released.
   */
  async recoverStaleWorkers(staleSeconds = 60): Promise<string[]> {
    await this.governance.authorize('read', 'Operations');
    return this.ctx.em.transactional(async (em) => {
      const stale = await em.execute<{ worker_id: string; pool_id: string | null }[]>(
        `delete from worker_heartbeat where last_seen_at < now() - make_interval(secs => ?) returning worker_id, pool_id`,
        [staleSeconds],
      );
      return this.releaseJobsOf(em, stale, { reason: 'stopped heart-beating', staleSeconds });
    });
  }

  /**
   * Releases the jobs a worker process still holds after its graphile-worker pool stopped on a fatal
   * error (PostgreSQL lost while recording a job's result): called by that process once PostgreSQL answers again,
   * before it exits for a restart, so its jobs resume at once instead of after the stale-heartbeat sweep.
   * @returns the pool ids released.
   */
  async releaseWorkerJobs(workerId: string, poolId: string | null): Promise<string[]> {
    await this.governance.authorize('read', 'Operations');
    return this.ctx.em.transactional(async (em) => {
      await em.execute('delete from worker_heartbeat where worker_id = ?', [workerId]);
      return this.releaseJobsOf(em, [{ worker_id: workerId, pool_id: poolId }], { reason: 'worker pool stopped on a fatal error' });
    });
  }

  private async releaseJobsOf(em: EntityManager, workers: { worker_id: string; pool_id: string | null }[], details: Record<string, unknown>): Promise<string[]> {
    if (workers.length === 0) return [];
    const poolIds = workers.map((row) => row.pool_id).filter((id): id is string => Boolean(id));
    if (poolIds.length > 0) await em.execute('select graphile_worker.force_unlock_workers(?::text[])', [`{${poolIds.join(',')}}`]);
    const workerIds = workers.map((row) => row.worker_id);
    await this.governance.audit.record(em, { action: 'worker.recovered', subjectType: 'Operations', details: { workers: workerIds, poolIds, ...details } });
    this.ctx.logger.warn({ workers: workerIds, poolIds, ...details }, 'released the jobs of worker processes');
    return poolIds;
  }
}
