import pg from 'pg';
import type { Logger } from '../logger.ts';

/** The channel every table's data-change trigger notifies (migration 20261205081500). */
export const dataChangedChannel = 'crucible_data_changed';

/** `application_name` of the LISTEN connection (pg_stat_activity). */
export const dataVersionApplicationName = 'crucible data version';

/** How long a {@link DataVersion.current} sync may take before the caller is told to check the slow way, ms. */
const syncTimeoutMs = 2_000;

/** Tables of the public schema without an enabled data-change trigger (non-partitions; a partition's writes go through its root). */
const uncoveredTablesSql = `
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     and not exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = '${dataChangedChannel}' and t.tgenabled in ('O', 'A'))
   order by c.relname limit 5`;

/**
 * A count of the committed writes this process has heard of: every INSERT, UPDATE, DELETE or TRUNCATE on any table,
 * by any process or replica, notifies {@link dataChangedChannel} at its commit, and each notification received on
 * this process's LISTEN connection moves {@link generation}. Two equal readings of {@link current} mean no write
 * committed in between, so something read after the first is still what a read would return at the second.
 *
 * {@link current} is exact, not eventual: it first syncs with the LISTEN connection (a `select 1` on it, shared by
 * every caller that arrives while none is on the wire). PostgreSQL signals the listening backend before a writer's
 * COMMIT returns, and the backend sends pending notifications before it answers that query, so every write committed
 * before the call has been counted when it resolves. It answers null — the caller must check another way — while
 * not listening (not yet connected, reconnecting after a drop), while any table lacks the trigger, or when the sync
 * fails or takes longer than {@link syncTimeoutMs}. A (re)connection moves the count too, so notifications lost
 * while disconnected cannot leave an old reading standing.
 */
export class DataVersion {
  /** Notifications received and (re)connections made; compare two readings, never interpret the number. */
  generation = 0;
  private client: pg.Client | undefined;
  /** True while LISTEN is active and every table has the trigger. */
  private trusted = false;
  private closed = false;
  private retryDelay = 250;
  private retryTimer: NodeJS.Timeout | undefined;
  /** The sync on the wire, if any. */
  private running: Promise<boolean> | undefined;
  /** The sync to send once the running one is answered (callers arriving meanwhile share it), if any. */
  private next: Promise<boolean> | undefined;
  private readonly databaseUrl: string;
  private readonly logger: Logger;
  /** Resolves once the first connection is listening (or has failed: the cache then checks the slow way). */
  readonly ready: Promise<void>;
  private markReady: () => void = () => {};

  constructor(databaseUrl: string, logger: Logger) {
    this.databaseUrl = databaseUrl;
    this.logger = logger;
    this.ready = new Promise((resolveReady) => (this.markReady = resolveReady));
    void this.connect();
  }

  /**
   * The count once every write committed before this call has been counted, or null when it cannot be known (see the
   * class comment): a caller must then not rely on it.
   */
  async current(): Promise<number | null> {
    if (!this.trusted) return null;
    const synced = await this.sync();
    return synced && this.trusted ? this.generation : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.trusted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }

  /** A sync sent after this call: the unsent one if there is one, else a new one (sent at once, or after the running one). */
  private sync(): Promise<boolean> {
    if (this.next) return this.next;
    const send = () => {
      this.next = undefined;
      const sent = this.roundTrip();
      this.running = sent;
      void sent.then(() => {
        if (this.running === sent) this.running = undefined;
      });
      return sent;
    };
    if (!this.running) return send();
    this.next = this.running.then(send);
    return this.next;
  }

  private async roundTrip(): Promise<boolean> {
    const client = this.client;
    if (!client || !this.trusted) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        client.query('select 1').then(() => true),
        new Promise<boolean>((resolveLate) => (timer = setTimeout(() => resolveLate(false), syncTimeoutMs))),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: dataVersionApplicationName });
    client.on('notification', (message) => {
      if (message.channel === dataChangedChannel) this.generation++;
    });
    const reconnect = (reason: unknown) => {
      if (this.closed || this.client !== client) return;
      this.client = undefined;
      this.trusted = false;
      this.generation++;
      this.logger.warn({ err: reason, retryInMs: this.retryDelay }, 'data-change listener disconnected; response cache checks by replay until it reconnects');
      client.removeAllListeners('end');
      client.end().catch(() => {});
      this.retryTimer = setTimeout(() => void this.connect(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 10_000);
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect(new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${dataChangedChannel}`);
      const uncovered = (await client.query<{ relname: string }>(uncoveredTablesSql)).rows.map((row) => row.relname);
      // Anything written before LISTEN took effect was not heard: readings from before this point must not match.
      this.generation++;
      this.retryDelay = 250;
      if (uncovered.length > 0) this.logger.warn({ tables: uncovered }, 'tables without the data-change trigger (run the migrations): the response cache checks by replay');
      this.trusted = uncovered.length === 0 && this.client === client;
    } catch (error) {
      reconnect(error);
    } finally {
      this.markReady();
    }
  }
}
