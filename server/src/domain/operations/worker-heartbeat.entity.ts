import { defineEntity, p } from '@mikro-orm/core';

const WorkerHeartbeatSchema = defineEntity({
  name: 'WorkerHeartbeat',
  tableName: 'worker_heartbeat',
  properties: {
    /** Process identity: `<hostname>:<pid>:<start ms>`. */
    workerId: p.string().primary(),
    hostname: p.string(),
    pid: p.integer(),
    /** graphile-worker pool id (`locked_by` of the jobs it runs); null until the pool started. */
    poolId: p.string().nullable(),
    /** Jobs the process runs at once. */
    concurrency: p.integer(),
    startedAt: p.datetime(),
    /** Last heartbeat (every 10 s while the process lives). */
    lastSeenAt: p.datetime(),
  },
});

/** A worker process's liveness, written by the worker itself. */
export class WorkerHeartbeat extends WorkerHeartbeatSchema.class {}
WorkerHeartbeatSchema.setClass(WorkerHeartbeat);
