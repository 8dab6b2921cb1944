import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';

/** One statement an operation ran and what it returned, as the ORM handed it to the caller. */
export interface LoggedStatement {
  /** The statement as sent (MikroORM inlines its parameters: simple-query protocol, no bind parameters). */
  sql: string;
  /** `all` (the rows) or `get` (the first row): the ORM's result shapes a replay can reproduce. */
  method: 'all' | 'get';
  /** `JSON.stringify` of the result. */
  result: string;
}

/**
 * The database reads of one GraphQL operation, recorded while it executes (see {@link recordStatementsOf}).
 * `replayable` turns false for good as soon as anything makes the operation's response unfit for the response
 * cache: a statement that writes or locks, a result shape a replay cannot reproduce, an error, a non-query operation.
 */
export interface StatementLog {
  statements: LoggedStatement[];
  replayable: boolean;
}

const activeLog = new AsyncLocalStorage<StatementLog>();

/** Runs `operation` with a fresh log: every statement the ORM runs inside it (on any fork) is appended. */
export function withStatementLog<T>(operation: () => Promise<T>): { log: StatementLog; result: Promise<T> } {
  const log: StatementLog = { statements: [], replayable: true };
  return { log, result: activeLog.run(log, operation) };
}

/** The log of the operation running now, if it is being recorded. */
export function currentStatementLog(): StatementLog | undefined {
  return activeLog.getStore();
}

/**
 * Runs `load` with its statements left out of the running operation's log: for loads whose result is determined by
 * row versions (`xmin`) a logged statement has just read — the hydration of rows a row-version cache misses, a ranking
 * loaded under its version stamp. A replay of the logged version read shows any change to those rows, so repeating
 * the (larger) load in every cache check would add cost and no safety.
 */
export function withoutStatementLog<T>(load: () => Promise<T>): Promise<T> {
  return activeLog.exit(load);
}

/** A plain read: one SELECT, no row locks, no sequence or advisory-lock calls (anything else is never replayed). */
const plainRead = /^\s*select\b/i;
const sideEffects = /\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b|\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*|pg_notify|set_config)\b|;/i;

/** True when `sql` may be replayed as part of a cache check (see {@link plainRead}). */
export function isReplayableRead(sql: string): boolean {
  return plainRead.test(sql) && !sideEffects.test(sql);
}

/** `JSON.stringify` of a statement's result (`undefined` for no row), or null when it has no JSON form (a BigInt). */
export function resultText(result: unknown): string | null {
  try {
    return JSON.stringify(result) ?? 'undefined';
  } catch {
    return null;
  }
}

type Execute = (query: unknown, params?: unknown, method?: string, ctx?: unknown, loggerContext?: unknown) => Promise<unknown>;
interface RecordableConnection {
  execute: Execute;
  prepareQuery(query: unknown, params?: unknown): { formatted: string };
}
const recorded = new WeakSet<object>();

/**
 * Makes `orm`'s connection append each statement run inside {@link withStatementLog} — its SQL as sent and its
 * result — to that operation's log. Statements run outside a log are untouched (one AsyncLocalStorage lookup).
 * Idempotent per connection.
 */
export function recordStatementsOf(orm: MikroORM): void {
  const connection = orm.em.getConnection() as unknown as RecordableConnection;
  if (recorded.has(connection)) return;
  recorded.add(connection);
  const execute = connection.execute.bind(connection);
  connection.execute = async (query, params, method = 'all', ctx, loggerContext) => {
    const log = activeLog.getStore();
    if (!log?.replayable) return execute(query, params, method, ctx, loggerContext);
    const sql = connection.prepareQuery(query, params).formatted;
    if ((method !== 'all' && method !== 'get') || !isReplayableRead(sql)) log.replayable = false;
    const result = await execute(query, params, method, ctx, loggerContext);
    if (log.replayable) {
      const text = resultText(result);
      if (text === null) log.replayable = false;
      else log.statements.push({ sql, method: method as 'all' | 'get', result: text });
    }
    return result;
  };
}
