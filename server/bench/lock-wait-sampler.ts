/**
 * Samples, every `intervalMs` while a bench runs, the sessions of the bench database waiting on a lock (pg_stat_activity,
 * wait_event_type `Lock`) with what they wait for and the statement of the first session blocking them
 * (`pg_blocking_pids`). Bench-only: it says which statement the worst ticks waited behind.
 */
import type { MikroORM } from '../src/infra/db/orm.ts';

/** One waiting session at one sample. */
export interface LockWaitSample {
  /** Sample time, ms since the epoch (the database's clock). */
  atMs: number;
  /** pg wait event: `transactionid` (a row another transaction holds), `tuple`, `advisory`, `relation`, `object`. */
  waitEvent: string;
  /** How long its statement has run so far, ms. */
  waitedMs: number;
  /** The waiting statement's first 80 characters (quoted literals as `…`). */
  waiting: string;
  /** The first blocker's statement (its first 80 characters), or null when it ended meanwhile. */
  blocker: string | null;
}

/** A running sampler: `stop` ends it and returns every sample taken. */
export interface LockWaitSampler {
  stop(): Promise<LockWaitSample[]>;
}

/** Starts sampling on `orm`'s database (one connection, one query per interval). */
export function sampleLockWaits(orm: MikroORM, intervalMs = 250): LockWaitSampler {
  const samples: LockWaitSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      // A failed sample is skipped, never the bench (pg_stat_activity is read without a consistent snapshot).
      const rows = await orm.em.fork().execute<{ at_ms: number; wait_event: string; waited_ms: number; waiting: string; blocker: string | null }[]>(
        `select (extract(epoch from clock_timestamp()) * 1000)::float8 as at_ms, a.wait_event,
                (extract(epoch from clock_timestamp() - a.query_start) * 1000)::float8 as waited_ms,
                left(regexp_replace(regexp_replace(a.query, '''[^'']*''', '…', 'g'), '\\s+', ' ', 'g'), 80) as waiting,
                (select left(regexp_replace(regexp_replace(b.query, '''[^'']*''', '…', 'g'), '\\s+', ' ', 'g'), 80) from pg_stat_activity b where b.pid = (pg_blocking_pids(a.pid))[1] limit 1) as blocker
           from pg_stat_activity a
          where a.datname = current_database() and a.wait_event_type = 'Lock'`,
      ).catch(() => []);
      for (const row of rows) samples.push({ atMs: Number(row.at_ms), waitEvent: row.wait_event, waitedMs: Math.round(Number(row.waited_ms)), waiting: row.waiting, blocker: row.blocker });
      await new Promise((resolveLater) => setTimeout(resolveLater, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The most frequent (waiting statement ⇐ blocker statement) pairs: how many samples saw each, and the longest wait seen. */
export function topLockWaits(samples: readonly LockWaitSample[], limit = 8): { samples: number; maxWaitedMs: number; waitEvent: string; waiting: string; blocker: string | null }[] {
  const pairs = new Map<string, { samples: number; maxWaitedMs: number; waitEvent: string; waiting: string; blocker: string | null }>();
  for (const sample of samples) {
    const key = `${sample.waiting}\u0000${sample.blocker ?? ''}`;
    const pair = pairs.get(key) ?? { samples: 0, maxWaitedMs: 0, waitEvent: sample.waitEvent, waiting: sample.waiting, blocker: sample.blocker };
    pair.samples += 1;
    pair.maxWaitedMs = Math.max(pair.maxWaitedMs, sample.waitedMs);
    pairs.set(key, pair);
  }
  return [...pairs.values()].sort((a, b) => b.samples - a.samples).slice(0, limit);
}
