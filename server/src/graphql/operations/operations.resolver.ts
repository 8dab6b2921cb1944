import 'reflect-metadata';
import type { WorkerHeartbeat } from '../../domain/operations/worker-heartbeat.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.ts';

@ObjectType('QueueDepth', { description: 'Jobs of one task (queue) by state.' })
class QueueDepthType {
  @Field(() => String)
  task!: string;

  @Field(() => String, { nullable: true, description: 'Named queue (its jobs run one at a time), e.g. research; null = none.' })
  queue!: string | null;

  @Field(() => Int, { description: 'Waiting to run, including retries waiting for their backoff.' })
  waiting!: number;

  @Field(() => Int)
  running!: number;

  @Field(() => Int, { description: 'Waiting after at least one failed attempt.' })
  retrying!: number;

  @Field(() => Int, { description: 'Out of attempts (escalated).' })
  failed!: number;
}

@ObjectType('RunningJob')
class RunningJobType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  task!: string;

  @Field(() => String, { description: 'graphile-worker id of the worker running it.' })
  lockedBy!: string;

  @Field(() => Date)
  lockedAt!: Date;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  maxAttempts!: number;

  @Field(() => Int, { description: 'Lower runs first: 0 remediation, 10 validation, 20 research.' })
  priority!: number;

  @Field(() => String, { nullable: true })
  key!: string | null;
}

@ObjectType('WorkerHeartbeat')
class WorkerHeartbeatType implements EntityFields<WorkerHeartbeat, 'poolId'> {
  @Field(() => String)
  workerId!: string;

  @Field(() => String)
  hostname!: string;

  @Field(() => Int)
  pid!: number;

  @Field(() => Int)
  concurrency!: number;

  @Field(() => Date)
  startedAt!: Date;

  @Field(() => Date)
  lastSeenAt!: Date;

  @Field(() => Float, { description: 'Seconds since the last heartbeat (written every 10 s).' })
  ageSeconds!: number;
}

@ObjectType('FailureRate')
class FailureRateType {
  @Field(() => String, { description: 'evaluation_cycle, backtest_run or optimization.' })
  kind!: string;

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  failed!: number;

  @Field(() => Float, { nullable: true, description: 'failed / (completed + failed), a fraction; null without finished runs.' })
  failureRate!: number | null;
}

@ObjectType('LatencyPercentiles')
class LatencyPercentilesType {
  @Field(() => Int)
  samples!: number;

  @Field(() => Float, { nullable: true, description: 'Median, milliseconds.' })
  p50Ms!: number | null;

  @Field(() => Float, { nullable: true, description: '99th percentile, milliseconds.' })
  p99Ms!: number | null;
}

@ObjectType('OperationsSnapshot', { description: 'Queues, running jobs, failure rates, worker heartbeats and latencies.' })
class OperationsSnapshotType {
  @Field(() => Int, { description: 'Window of failure rates and latencies, hours.' })
  windowHours!: number;

  @Field(() => [QueueDepthType])
  queues!: QueueDepthType[];

  @Field(() => [RunningJobType])
  runningJobs!: RunningJobType[];

  @Field(() => [WorkerHeartbeatType])
  workers!: WorkerHeartbeatType[];

  @Field(() => [FailureRateType])
  failureRates!: FailureRateType[];

  @Field(() => LatencyPercentilesType, { description: 'Trigger received → its jobs enqueued.' })
  triggerToEnqueue!: LatencyPercentilesType;

  @Field(() => LatencyPercentilesType, { description: 'Evaluation cycle enqueued → started by a worker.' })
  enqueueToStart!: LatencyPercentilesType;
}

@Resolver()
export class OperationsResolver {
  @Query(() => OperationsSnapshotType, { description: 'The operations view; also at /metrics for Prometheus.' })
  async operations(@Ctx() ctx: GraphQLContext, @Arg('windowHours', () => Int, { nullable: true, defaultValue: 24 }) windowHours: number) {
    return ctx.services.operations.snapshot(windowHours);
  }
}
