import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Removes the job `jobKey` on the transaction `em` runs in (graphile-worker's `remove_job`), so it goes exactly when
 * the cancellation commits: a waiting job is deleted; a job a worker holds finishes its attempt but loses its key and
 * every retry. With `payload`, only a job whose payload holds these fields is removed (for a key that successive rows
 * share, such as an evaluation cycle's scope key: the job may already be the next cycle's).
 */
export async function removeJob(em: EntityManager, jobKey: string, payload?: Readonly<Record<string, string>>): Promise<void> {
  if (!payload) {
    await em.execute(`select graphile_worker.remove_job(?)`, [jobKey]);
    return;
  }
  await em.execute(`select graphile_worker.remove_job(j.key) from graphile_worker._private_jobs j where j.key = ? and j.payload::jsonb @> ?::jsonb`, [jobKey, JSON.stringify(payload)]);
}
