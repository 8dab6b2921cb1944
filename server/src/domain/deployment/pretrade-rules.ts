/**
 * Pre-trade checks, in the order they are applied; a refusal records the rule, its threshold, the measured value and
 * the reason. Units of threshold / measured:
 * - `kill_switch`: 1 = on (threshold 0);
 * - `trading_state`: 0 active, 1 reducing, 2 halted (threshold = the strictest state allowing this order);
 * - `freshness`: milliseconds (clock now − last closed bar's close time; threshold = maxBarAgeMs);
 * - `max_notional_per_order`: quote currency;
 * - `capital_allocation`: fraction of the portfolio;
 * - `max_position_fraction`: fraction of deployment equity;
 * - `available_balance`: quote currency (buys) or base units (sells);
 * - `invalid_order`: a quantity or price that is not a positive finite number (measured = the value, when finite).
 */
export const pretradeRules = [
  'kill_switch',
  'trading_state',
  'freshness',
  'max_notional_per_order',
  'capital_allocation',
  'max_position_fraction',
  'available_balance',
  'invalid_order',
] as const;
export type PretradeRule = (typeof pretradeRules)[number];
