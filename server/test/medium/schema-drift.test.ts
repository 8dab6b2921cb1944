import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/infra/db/orm.ts';
import { connectedAs } from '../support/postgres-client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/**
 * What the schema generator's diff of the entities against the migrated database may say without being drift: the
 * migrations create in SQL what the entities do not declare (append-only and change-notification triggers, their
 * functions, partial and covering indexes, foreign keys on plain id columns, tables of raw SQL), so the diff drops
 * them — `drop … if exists` of triggers and functions (it also names trigger functions by its own convention, which
 * then do not exist: a no-op) — and it re-states constraints whose expression PostgreSQL normalized. Every other
 * statement must name an object that already exists in the database; anything else — a column added, dropped,
 * retyped or renullabled, a table or an index the entities need, a check constraint an enum property declares — is
 * drift, and the test lists it.
 */
const sqlOnlyObjectStatements: { pattern: RegExp; exists: string | null }[] = [
  { pattern: /^drop trigger if exists "([^"]+)" on "[^"]+"$/i, exists: null },
  { pattern: /^drop function if exists "([^"]+)"\([^)]*\)$/i, exists: null },
  { pattern: /^drop table if exists "([^"]+)" cascade$/i, exists: `select 1 from pg_class where relname = $1 and relkind in ('r', 'p')` },
  { pattern: /^drop index "([^"]+)"$/i, exists: `select 1 from pg_class where relname = $1 and relkind in ('i', 'I')` },
  { pattern: /^alter table "[^"]+" drop constraint "([^"]+)"$/i, exists: `select 1 from pg_constraint where conname = $1` },
  { pattern: /^alter table "[^"]+" add constraint "([^"]+)" /i, exists: `select 1 from pg_constraint where conname = $1` },
];

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await createTestDatabase();
  orm = await openOrm(database.ownerUrl, 2);
});

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

describe('entities and migrations describe one schema', () => {
  it('the diff of the entities against a migrated database has no statement beyond objects the migrations created in SQL', async () => {
    const { up } = await orm.schema.getUpdateSchemaMigrationSQL({ wrap: false });
    const statements = up.split('\n').map((line) => line.trim().replace(/;$/, '')).filter((line) => line.length > 0);
    const drift: string[] = [];
    await connectedAs(database.url, async (client) => {
      for (const statement of statements) {
        const known = sqlOnlyObjectStatements.find((candidate) => candidate.pattern.test(statement));
        if (!known) drift.push(statement);
        else if (known.exists !== null && (await client.query(known.exists, [known.pattern.exec(statement)![1]])).rowCount === 0) drift.push(statement);
      }
    });
    // A statement here is a difference between an entity and the migrations: write the migration (or fix the entity).
    expect(drift).toEqual([]);
    // The diff is not empty (the SQL-only objects), so the classification above ran over real statements.
    expect(statements.length).toBeGreaterThan(50);
  });
});
