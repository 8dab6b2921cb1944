import { parse } from 'pg-connection-string';

/**
 * PostgreSQL over TLS. With `DATABASE_SSL_ROOT_CERT` set, every connection string gets `sslmode=verify-full` and
 * `sslrootcert=<file>`: the connection is encrypted, the server's certificate must chain to that CA and name the
 * host connected to — otherwise the connection is refused. node-postgres (LISTEN, graphile-worker, the CLI's
 * role set-up) reads those parameters from the string; MikroORM does not, so {@link driverTlsOptions} hands the
 * same settings to its pool.
 */
export function withVerifiedTls(databaseUrl: string, rootCertFile: string | undefined): string {
  if (!rootCertFile) return databaseUrl;
  const url = new URL(databaseUrl);
  url.searchParams.set('sslmode', 'verify-full');
  url.searchParams.set('sslrootcert', rootCertFile);
  return url.toString();
}

/**
 * The `ssl` option node-postgres derives from a connection string's `sslmode`/`sslrootcert`/`sslcert`/`sslkey`
 * (reads the files), or undefined when the string asks for no TLS.
 */
export function driverTlsOptions(databaseUrl: string): { ssl: NonNullable<ReturnType<typeof parse>['ssl']> } | undefined {
  if (!new URL(databaseUrl).searchParams.has('sslmode')) return undefined;
  const { ssl } = parse(databaseUrl);
  return ssl ? { ssl } : undefined;
}
