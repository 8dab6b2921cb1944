import { graphql } from '#lib/gql/index.ts';

export const OperationsQuery = graphql(`
  query Operations {
    operations(windowHours: 24) {
      windowHours
      queues {
        task
        queue
        waiting
        running
        retrying
        failed
      }
      runningJobs {
        id
        task
        lockedBy
        lockedAt
        attempts
        maxAttempts
        priority
        key
      }
      workers {
        workerId
        hostname
        pid
        concurrency
        lastSeenAt
        ageSeconds
      }
      failureRates {
        kind
        completed
        failed
        failureRate
      }
      triggerToEnqueue {
        samples
        p50Ms
        p99Ms
      }
      enqueueToStart {
        samples
        p50Ms
        p99Ms
      }
    }
  }
`);
