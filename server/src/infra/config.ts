import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { makeSecuritySettings, type SecuritySettings } from './security/security-settings.ts';
import { openSecret, looksSealed } from './security/secret-box.ts';
import type { NotificationDeliverySettings } from './notification/delivery-settings.ts';

/** Repository root, resolved from this file so it is the same under `src/` (tsx) and `dist/` (node). */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environmentSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_OWNER_URL: z.string().url().optional(),
  DATABASE_SSL_ROOT_CERT: z.string().min(1).optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  TLS_KEY_FILE: z.string().min(1).optional(),
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(120),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  IMPORT_DIR: z.string().min(1).optional(),
  BUNDLED_DATA_DIR: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WORKER_BAR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(20).max(60_000).default(100),
  /** Bars one deployment bar job processes at most when several are pending (default: the runner's 5000). */
  DEPLOYMENT_BATCH_BARS: z.coerce.number().int().min(1).max(5000).optional(),
  WEB_BUILD_DIR: z.string().min(1).optional(),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true'),
  CRUCIBLE_MODE: z.enum(['demo', 'production']).default('demo'),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY_ID: z.string().min(1).optional(),
  AUDIT_PREVIOUS_VERIFY_KEYS: z.string().min(1).optional(),
  SECRETS_KEYS: z.string().min(1).optional(),
  STEP_UP_WINDOW_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15),
  SESSION_TTL_HOURS: z.coerce.number().min(1).max(24 * 30).default(12),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(20_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(30),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(20),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  NOTIFICATION_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  SMTP_HOST: z.string().min(1).max(255).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).max(255).optional(),
  SMTP_PASSWORD: z.string().min(1).max(1000).optional(),
  SMTP_FROM: z.string().min(3).max(255).default('crucible@localhost'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

/** Validated process configuration; every process parses it once at boot. */
export interface Config {
  /** Postgres connection string of the least-privilege app role; undefined → embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /** Connection string of the owner role that runs migrations; undefined → migrations use `databaseUrl`. */
  databaseOwnerUrl: string | undefined;
  /**
   * PEM file of the CA that signed the PostgreSQL server's certificate: when set, every connection (ORM, worker,
   * LISTEN, CLI) uses TLS with `sslmode=verify-full` — the certificate must chain to this CA and name the host.
   */
  databaseSslRootCert: string | undefined;
  /** Proxies in front of the server whose `X-Forwarded-For` entries are trusted (0: the TCP peer is the client). */
  trustedProxyHops: number;
  /** Certificate and key (PEM files) the HTTP server serves TLS with; null → plain HTTP (e.g. behind a TLS proxy). */
  tls: { certFile: string; keyFile: string } | null;
  /** How long a process waits at boot for an unreachable `DATABASE_URL` (restarting database), seconds. */
  databaseWaitSeconds: number;
  /** HTTP port for API, subscriptions and web UI (one origin). 0 picks a free port. */
  port: number;
  host: string;
  /** Absolute directory for local state (embedded PostgreSQL cluster, uploads). */
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  /** Absolute directory the `importMarketData` mutation may read from; nothing outside it. */
  importDir: string;
  /** Absolute directory of the bundled market data imported at start-up. */
  bundledDataDir: string;
  /** Fixed port for the embedded PostgreSQL; default: a free port chosen once and remembered in `dataDir`. */
  embeddedPostgresPort: number | undefined;
  /** Jobs one worker process runs at once, besides its deployment bar jobs (`workerBarConcurrency`). */
  workerConcurrency: number;
  /**
   * Deployment bar jobs (`process_deployment_bars`) one worker process runs at once, in a pool of their own: a long job
   * of another task never holds the slot a bar job needs.
   */
  workerBarConcurrency: number;
  /**
   * How often an idle worker looks for jobs whose time has come, ms. New jobs due now arrive by NOTIFY at once; jobs
   * queued for later (a paced replay's next bar, a live feed's next poll) are found only by this poll, so it bounds
   * how late a bar job starts.
   */
  workerPollIntervalMs: number;
  /** Directory of the SvelteKit adapter-node build served on the same origin as the API. */
  webBuildDir: string;
  graphqlIntrospection: boolean;
  /** `demo` creates one user per role with published passwords; `production` refuses demo users and keys. */
  mode: 'demo' | 'production';
  security: SecuritySettings;
  /** GraphQL request limits: selection depth, estimated complexity, aliases per operation, parser tokens. */
  graphqlLimits: { maxDepth: number; maxComplexity: number; maxAliases: number; maxTokens: number };
  /**
   * Sign-in throttling: failures per account and source (`SIGN_IN_MAX_FAILURES`) and per account without a TOTP
   * code (`SIGN_IN_ACCOUNT_MAX_FAILURES`) before growing delays apply (`domain/auth/sign-in-throttle.ts`).
   */
  signInThrottle: { perSourceFailures: number; perAccountFailures: number };
  /** Notification channels: retry policy, webhook timeout and the SMTP server of email channels (README "Notifications"). */
  notificationDelivery: NotificationDeliverySettings;
}

/**
 * Parses configuration from environment variables (documented in README.md).
 * @throws Error naming every invalid variable and what to set instead.
 */
export function parseConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration — fix these environment variables:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const security = makeSecuritySettings({
    auditSigningKey: env.AUDIT_SIGNING_KEY,
    auditSigningKeyId: env.AUDIT_SIGNING_KEY_ID,
    auditPreviousVerifyKeys: env.AUDIT_PREVIOUS_VERIFY_KEYS,
    secretsKeys: env.SECRETS_KEYS,
    stepUpWindowMinutes: env.STEP_UP_WINDOW_MINUTES,
    sessionTtlHours: env.SESSION_TTL_HOURS,
  });
  if (env.CRUCIBLE_MODE === 'production' && security.usesDemoKeys) {
    throw new Error('Invalid configuration — production mode (CRUCIBLE_MODE=production) refuses the demo keys: set AUDIT_SIGNING_KEY (base64 of 32 random bytes) and SECRETS_KEYS ("<keyId>:<base64 of 32 random bytes>")');
  }
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
    throw new Error('Invalid configuration — set both TLS_CERT_FILE and TLS_KEY_FILE (PEM files) to serve HTTPS, or neither');
  }
  const dataDir = resolve(env.DATA_DIR);
  return {
    databaseUrl: env.DATABASE_URL,
    databaseOwnerUrl: env.DATABASE_OWNER_URL,
    databaseWaitSeconds: env.DATABASE_WAIT_SECONDS,
    databaseSslRootCert: env.DATABASE_SSL_ROOT_CERT ? resolve(env.DATABASE_SSL_ROOT_CERT) : undefined,
    trustedProxyHops: env.TRUST_PROXY_HOPS,
    tls: env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: resolve(env.TLS_CERT_FILE), keyFile: resolve(env.TLS_KEY_FILE) } : null,
    port: env.PORT,
    host: env.HOST,
    dataDir,
    logLevel: env.LOG_LEVEL,
    importDir: resolve(env.IMPORT_DIR ?? resolve(dataDir, 'import')),
    bundledDataDir: resolve(env.BUNDLED_DATA_DIR ?? resolve(repositoryRoot, 'data/market')),
    embeddedPostgresPort: env.EMBEDDED_PG_PORT,
    workerConcurrency: env.WORKER_CONCURRENCY,
    workerBarConcurrency: env.WORKER_BAR_CONCURRENCY,
    workerPollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
    ...(env.DEPLOYMENT_BATCH_BARS === undefined ? {} : { deploymentBatchBars: env.DEPLOYMENT_BATCH_BARS }),
    webBuildDir: resolve(env.WEB_BUILD_DIR ?? resolve(repositoryRoot, 'web/build')),
    graphqlIntrospection: env.GRAPHQL_INTROSPECTION === 'true',
    mode: env.CRUCIBLE_MODE,
    security,
    graphqlLimits: { maxDepth: env.GRAPHQL_MAX_DEPTH, maxComplexity: env.GRAPHQL_MAX_COMPLEXITY, maxAliases: env.GRAPHQL_MAX_ALIASES, maxTokens: env.GRAPHQL_MAX_TOKENS },
    signInThrottle: { perSourceFailures: env.SIGN_IN_MAX_FAILURES, perAccountFailures: env.SIGN_IN_ACCOUNT_MAX_FAILURES },
    notificationDelivery: {
      retry: { maxAttempts: env.NOTIFICATION_MAX_ATTEMPTS, baseDelayMs: env.NOTIFICATION_RETRY_BASE_MS, maxDelayMs: Math.max(env.NOTIFICATION_RETRY_MAX_MS, env.NOTIFICATION_RETRY_BASE_MS) },
      webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
      smtp: env.SMTP_HOST
        ? {
            host: env.SMTP_HOST,
            port: env.SMTP_PORT,
            secure: env.SMTP_SECURE === 'true',
            requireTls: env.SMTP_REQUIRE_TLS === 'true',
            user: env.SMTP_USER ?? null,
            password: env.SMTP_PASSWORD ? openSmtpPassword(security, env.SMTP_PASSWORD) : null,
            from: env.SMTP_FROM,
            timeoutMs: env.SMTP_TIMEOUT_MS,
          }
        : null,
    },
  };
}

/** Context an SMTP password is sealed with (`npm run crucible -- secret seal --context smtp_password`). */
export const smtpPasswordContext = 'smtp_password';

/**
 * `SMTP_PASSWORD` may be given sealed with the secret box (`keyId:iv:tag:ciphertext`, context `smtp_password`), so
 * the clear password is in no file or environment dump; a value that does not look sealed is taken as it is.
 * @throws Error when a sealed value does not open (wrong SECRETS_KEYS or context).
 */
function openSmtpPassword(security: SecuritySettings, value: string): string {
  if (!looksSealed(value)) return value;
  try {
    return openSecret(security, value, smtpPasswordContext);
  } catch {
    throw new Error('Invalid configuration — SMTP_PASSWORD looks sealed but does not open with SECRETS_KEYS (sealed for context "smtp_password"?)');
  }
}
