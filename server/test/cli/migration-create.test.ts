import { describe, expect, it } from 'vitest';
import { undeclaredObjectsWarning } from '../../src/cli/db.command.ts';

describe('db migration:create warning', () => {
  it('counts the triggers, tables and constraints a generated migration drops, and says nothing for a plain change', () => {
    const warning = undeclaredObjectsWarning([
      'drop trigger if exists "audit_checkpoint_append_only" on "audit_checkpoint";',
      'drop trigger if exists "crucible_data_changed" on "audit_event";',
      'drop table if exists "monitoring_redundancy_state" cascade;',
      'alter table "promotion_record" drop constraint "promotion_record_requested_by_id_foreign";',
      'alter table "strategy" add column "note" text null;',
    ]);
    expect(warning).toContain('it drops 2 triggers, 1 tables, 1 constraints that migrations created in SQL');
    expect(undeclaredObjectsWarning(['alter table "strategy" add column "note" text null;'])).toBeNull();
  });
});
