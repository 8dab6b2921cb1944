import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { e2eStackFile } from '../../../scripts/e2e-stack-file.ts';

/**
 * The e2e stack's own throwaway database, as its app role (the URL the stack wrote for its port, see
 * scripts/e2e-stack.ts). For arranging what no API may create on this stack — e.g. a deployment at PAPER, which the
 * strict default promotion policy never lets a bundled-data replay reach here — exactly as the server tests arrange
 * it. Everything the spec then checks happens through the running API, worker and browser.
 */
export async function withStackDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { databaseUrl } = await stackFacts();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** What the running e2e stack wrote for its port (scripts/e2e-stack.ts). */
export interface StackFacts {
  /** Its throwaway database, as the app role. */
  databaseUrl: string;
  /** Its INACTIVE test promotion policy whose evidence gates are open (web/e2e/support/promotion-test-policy.ts). */
  gatesOpenPromotionPolicyVersion: string;
}

/** Reads what the e2e stack on `E2E_PORT` wrote for its specs. */
export async function stackFacts(): Promise<StackFacts> {
  const port = Number(process.env.E2E_PORT ?? 4100);
  return JSON.parse(await readFile(e2eStackFile(port), 'utf8')) as StackFacts;
}

/**
 * What the stack's worker queue holds now, one line per task: jobs queued, running (locked) and the oldest run-at,
 * with the running jobs' lock times — for a spec's failure message when a job it waits for has not run, so the next
 * failure says what the worker was busy with.
 */
export async function workerQueueSnapshot(): Promise<string> {
  const { rows } = await withStackDatabase((client) =>
    client.query<{ task: string; queued: string; running: string; oldest_run_at: Date | null; locked_since: Date | null }>(
      `select t.identifier as task, count(*) as queued, count(j.locked_at) as running, min(j.run_at) as oldest_run_at, min(j.locked_at) as locked_since
         from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        group by t.identifier order by count(j.locked_at) desc, count(*) desc`,
    ),
  );
  const now = Date.now();
  const ago = (at: Date | null) => (at ? `${Math.round((now - at.getTime()) / 1000)} s ago` : 'none');
  return rows.length === 0
    ? 'the worker queue is empty'
    : rows.map((row) => `${row.task}: ${row.queued} queued, ${row.running} running (locked since ${ago(row.locked_since)}), oldest run-at ${ago(row.oldest_run_at)}`).join('\n');
}
