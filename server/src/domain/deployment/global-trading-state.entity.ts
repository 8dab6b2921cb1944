import { defineEntity, p } from '@mikro-orm/core';
import { User } from '../user/user.entity.ts';
import { tradingStates } from './trading-state.lifecycle.ts';

/** The key of the one row. */
export const globalTradingStateId = 'global';

const GlobalTradingStateSchema = defineEntity({
  name: 'GlobalTradingState',
  tableName: 'global_trading_state',
  properties: {
    /** Always `global`: the table holds one row, created by the migration. */
    id: p.string().primary(),
    /** `trading-state.lifecycle.ts`; applies on top of each deployment's own trading state. */
    tradingState: p.enum(tradingStates).default('active'),
    reason: p.text().nullable(),
    /** Who last changed it; null for the platform. */
    changedBy: p.manyToOne(User).nullable().deleteRule('no action'),
    changedAt: p.datetime().defaultRaw('now()').onCreate(() => new Date()),
  },
  checks: [{ name: 'global_trading_state_single_row_check', expression: `id = 'global'` }],
});

/** The platform-wide trading state (one row): the stricter of it and a deployment's own state applies. */
export class GlobalTradingState extends GlobalTradingStateSchema.class {}
GlobalTradingStateSchema.setClass(GlobalTradingState);
