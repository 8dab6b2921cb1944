/**
 * What a deployment event records, by category:
 * - `refusal`: `order_refused` — a pre-trade check refused an order (rule, threshold, measured, reason);
 * - `data_integrity`: `stale_feed` (clock now − last closed bar's close > maxBarAgeMs), `feed_recovered` (fresh bars
 *   again), `clock_skew` (a bar dated in the future of the clock), `out_of_order_bar` (a bar not after the last one
 *   received), `invalid_bar` (NaN, non-finite, non-positive or inconsistent OHLCV), `feed_gap` (bars missing);
 * - `connector`: `connector_error`, `connector_unavailable`, `unknown_venue_status`, `missing_credentials`;
 * - `reconciliation`: `reconciliation_started`, `reconciliation_completed`, `reconciliation_mismatch`;
 * - `runtime`: `stage_fallback` (acted as OBSERVE: why), `orders_cancelled` (kill switch, halt), `replay_completed`,
 *   `liquidated` (equity reached 0: the position was closed without fee and the account stays flat), `health_degraded`
 *   and `health_restored` (every flip of the deployment's health, with its reason: the health history).
 */
export const deploymentEventKinds = {
  order_refused: 'refusal',
  stale_feed: 'data_integrity',
  feed_recovered: 'data_integrity',
  clock_skew: 'data_integrity',
  out_of_order_bar: 'data_integrity',
  invalid_bar: 'data_integrity',
  feed_gap: 'data_integrity',
  connector_error: 'connector',
  connector_unavailable: 'connector',
  unknown_venue_status: 'connector',
  missing_credentials: 'connector',
  reconciliation_started: 'reconciliation',
  reconciliation_completed: 'reconciliation',
  reconciliation_mismatch: 'reconciliation',
  stage_fallback: 'runtime',
  orders_cancelled: 'runtime',
  replay_completed: 'runtime',
  liquidated: 'runtime',
  health_degraded: 'runtime',
  health_restored: 'runtime',
} as const;
export type DeploymentEventKind = keyof typeof deploymentEventKinds;
export const deploymentEventKindNames = Object.keys(deploymentEventKinds) as DeploymentEventKind[];

export const deploymentEventCategories = ['refusal', 'data_integrity', 'connector', 'reconciliation', 'runtime'] as const;
export type DeploymentEventCategory = (typeof deploymentEventCategories)[number];
