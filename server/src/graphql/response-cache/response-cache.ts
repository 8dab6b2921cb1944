import { createHash } from 'node:crypto';
import type { Pool, QueryResult } from 'pg';
import type { DataVersion } from '../../infra/db/data-version.ts';
import { resultText, type LoggedStatement, type StatementLog } from '../../infra/db/statement-log.ts';

/** Total size of the cached response bodies one process keeps (the least recently used leave first), bytes. */
const defaultCapacityBytes = 64 * 2 ** 20;
/** A larger body is not cached, bytes. */
const maxBodyBytes = 4 * 2 ** 20;
/** An operation that ran more statements than this is not cached (its check would cost as much as running it). */
const maxStatements = 32;

interface CachedResponse {
  /** The response body, UTF-8 encoded once (writing a string re-encodes it on every write). */
  body: Buffer;
  headers: readonly (readonly [string, string])[];
  /** The operation's statements joined into one simple-query string: the check sends it in one round trip. */
  check: string;
  methods: readonly LoggedStatement['method'][];
  /** SHA-256 of the statements' results as the operation saw them. */
  resultDigest: string;
  /**
   * The {@link DataVersion} count read before the statements last ran (the operation, or a check that matched): while
   * the count still reads the same, no write has committed since and the entry is current without a check.
   */
  validatedAt: number;
  /** The replay in flight, if any, and the count read before it was sent. */
  replaying?: { versionBefore: number; matched: Promise<boolean> };
}

/** How a served entry was found current: the data version had not moved, or its statements returned the same rows. */
export type CacheCheck = 'data-version' | 'replay';

const digestOf = (results: Iterable<string>) => {
  const hash = createHash('sha256');
  for (const result of results) hash.update(result).update('\u0000');
  return hash.digest('base64');
};

/**
 * Whole GraphQL responses of read-only operations, each stored with the statements its execution ran and a digest of
 * what they returned. A response is served again only when no write has committed since those statements ran (the
 * data version, infra/db/data-version.ts: every table notifies at each commit, by any process or replica — no
 * round trip of its own beyond a shared sync), or else after those statements, sent again in one round trip, return
 * exactly the same rows: whatever changed behind it makes the check fail and the operation run again. The operation's result is a function of its document, variables, the caller's
 * visibility class (all in the key) and those rows — the resolvers of the fields allowed in the cache
 * (cacheable-fields.ts) read nothing else — so a response passing the check is the one executing would give now.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private readonly pool: () => Promise<Pool>;
  private readonly dataVersion: Pick<DataVersion, 'generation'> | undefined;
  private readonly capacityBytes: number;
  constructor(pool: () => Promise<Pool>, dataVersion?: Pick<DataVersion, 'generation'>, capacityBytes = defaultCapacityBytes) {
    this.pool = pool;
    this.dataVersion = dataVersion;
    this.capacityBytes = capacityBytes;
  }

  /** The data-version count to pass to {@link store}: read before the operation runs. */
  versionBeforeRun(): number {
    return this.dataVersion?.generation ?? Number.NaN;
  }

  /** The cache key of an operation for one visibility class (see graphql/visibility-class.ts). */
  static keyOf(visibilityClass: string, query: string, operationName: string | null, variables: unknown): string {
    return createHash('sha256').update(`${visibilityClass}\u0000${operationName ?? ''}\u0000${JSON.stringify(variables ?? null)}\u0000${query}`).digest('base64');
  }

  /**
   * The cached response of `key` if nothing was written since its statements last ran, or else if they still return
   * what they returned when it was made (one round trip); undefined otherwise (and the entry is dropped). A check that
   * fails to run counts as changed. `version` is a {@link DataVersion.current} reading taken after the request
   * arrived, or null (then the statements are always replayed).
   */
  async current(key: string, version: number | null): Promise<(Pick<CachedResponse, 'body' | 'headers'> & { check: CacheCheck }) | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (version !== null && entry.validatedAt === version && this.entries.get(key) === entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return { body: entry.body, headers: entry.headers, check: 'data-version' };
    }
    // Requests whose reading equals the count read before a replay now running share it: no write committed between
    // that read and their sync, so the replay's rows are what they would read themselves.
    const replaying = entry.replaying;
    const same = version !== null && replaying?.versionBefore === version ? replaying.matched : this.replay(key, entry);
    if (!(await same)) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return { body: entry.body, headers: entry.headers, check: 'replay' };
  }

  /** Sends `entry`'s statements again: true (and the entry validated at the count read before) when the rows are the same. */
  private replay(key: string, entry: CachedResponse): Promise<boolean> {
    // Read before the replay: a write committed after it moves the count, one committed before shows in the rows.
    const versionBefore = this.versionBeforeRun();
    const matched = (async () => {
      let results: QueryResult | QueryResult[];
      try {
        results = await (await this.pool()).query(entry.check);
      } catch {
        if (this.entries.get(key) === entry) this.drop(key);
        return false;
      }
      const all = Array.isArray(results) ? results : [results];
      const seen = all.map((result, index) => resultText(entry.methods[index] === 'get' ? result.rows[0] : result.rows) ?? '');
      if (all.length !== entry.methods.length || digestOf(seen) !== entry.resultDigest) {
        if (this.entries.get(key) === entry) this.drop(key);
        return false;
      }
      entry.validatedAt = versionBefore;
      return true;
    })();
    entry.replaying = { versionBefore, matched };
    void matched.then(() => {
      if (entry.replaying?.matched === matched) entry.replaying = undefined;
    });
    return matched;
  }

  /**
   * Stores the response of an operation recorded in `log`, when it is fit for the cache (see {@link StatementLog});
   * `versionBeforeRun` is {@link versionBeforeRun} read before the operation started.
   */
  store(key: string, log: StatementLog, body: string, headers: Iterable<readonly [string, string]>, versionBeforeRun: number): void {
    if (!log.replayable || log.statements.length === 0 || log.statements.length > maxStatements || body.length > maxBodyBytes) return;
    this.drop(key);
    const entry: CachedResponse = {
      body: Buffer.from(body, 'utf8'),
      headers: [...headers],
      check: log.statements.map((statement) => statement.sql).join(';\n'),
      methods: log.statements.map((statement) => statement.method),
      resultDigest: digestOf(log.statements.map((statement) => statement.result)),
      validatedAt: versionBeforeRun,
    };
    this.entries.set(key, entry);
    this.bytes += body.length + entry.check.length;
    for (const [oldest, cached] of this.entries) {
      if (this.bytes <= this.capacityBytes) break;
      this.entries.delete(oldest);
      this.bytes -= cached.body.length + cached.check.length;
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length + entry.check.length;
  }
}
