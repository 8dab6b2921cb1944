import pg from 'pg';
import type { Logger } from '../logger.ts';

/** Errors that mean "PostgreSQL is not up (yet)": refused, unreachable, starting up or shutting down. */
const transientCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENOTFOUND', '57P03', '57P01']);

/**
 * Waits until PostgreSQL at `url` answers `select 1`, retrying transient connection errors with backoff
 * (0.5 s doubling to 5 s) for up to `timeoutSeconds` — so a server or worker started (or restarted by the
 * supervisor) while the database restarts waits for it instead of crash-looping.
 * @throws the last error when the time is up, or at once for a non-transient error (bad password, unknown database).
 */
export async function waitForDatabase(url: string, logger: Logger, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('select 1');
      if (attempt > 0) logger.info('PostgreSQL is reachable again');
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!transientCodes.has(code) || Date.now() >= deadline) throw error;
      const delayMs = Math.min(500 * 2 ** attempt, 5000);
      logger.warn({ code, retryInMs: delayMs }, 'waiting for PostgreSQL');
      await new Promise((resolveDelay) => setTimeout(resolveDelay, delayMs));
    } finally {
      await client.end().catch(() => {});
    }
  }
}
