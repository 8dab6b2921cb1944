import { defineEntity, p } from '@mikro-orm/core';
import { idColumn } from '../columns.ts';
import { Strategy } from '../strategy/strategy.entity.ts';
import { User } from '../user/user.entity.ts';
import { KillSwitch } from './kill-switch.entity.ts';
import { killSwitchScopes, killSwitchStates } from './kill-switch.lifecycle.ts';

const KillSwitchChangeSchema = defineEntity({
  name: 'KillSwitchChange',
  tableName: 'kill_switch_change',
  properties: {
    id: idColumn(),
    killSwitch: p.manyToOne(KillSwitch).deleteRule('no action'),
    scope: p.enum(killSwitchScopes),
    strategy: p.manyToOne(Strategy).nullable().deleteRule('no action'),
    from: p.enum(killSwitchStates).fieldName('from_state'),
    to: p.enum(killSwitchStates).fieldName('to_state'),
    reason: p.text(),
    changedBy: p.manyToOne(User).deleteRule('no action'),
    changedAt: p.datetime(),
  },
  indexes: [{ properties: ['killSwitch', 'changedAt'] }],
});

/** One turn of a kill switch, with who, when and why. Append-only history. */
export class KillSwitchChange extends KillSwitchChangeSchema.class {}
KillSwitchChangeSchema.setClass(KillSwitchChange);
