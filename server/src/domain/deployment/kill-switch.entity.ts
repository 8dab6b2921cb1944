import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { User } from '../user/user.entity.ts';
import { killSwitchScopes, killSwitchStates } from './kill-switch.lifecycle.ts';

const KillSwitchSchema = defineEntity({
  name: 'KillSwitch',
  tableName: 'kill_switch',
  properties: {
    id: idColumn(),
    scope: p.enum(killSwitchScopes),
    /** The strategy whose deployments it stops; null for the global switch. */
    strategy: p.manyToOne(Strategy).nullable().unique().deleteRule('no action'),
    /** `kill-switch.lifecycle.ts`: off ⇄ on. */
    state: p.enum(killSwitchStates).default('off'),
    /** Why it was last turned on or off. */
    reason: p.text().nullable(),
    /** Who last changed it; null for the platform (the row created by the migration). */
    changedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    changedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
  indexes: [
    // One global switch.
    { name: 'kill_switch_global_index', expression: `create unique index "kill_switch_global_index" on "kill_switch" ("scope") where "scope" = 'global'` },
  ],
  checks: [{ name: 'kill_switch_strategy_scope_check', expression: `(scope = 'global') = (strategy_id is null)` }],
});

/**
 * A kill switch: the global one (created by the migration, off) or one per strategy (created when first used).
 * Each change also appends a `KillSwitchChange`.
 */
export class KillSwitch extends KillSwitchSchema.class {}
KillSwitchSchema.setClass(KillSwitch);
