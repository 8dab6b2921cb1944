import type { ActivationState, DeploymentHealth, DeploymentStage, OrderState, TradingState } from '#lib/gql/graphql.ts';

/** Tone of a badge: the CSS class `tone-<tone>` of deployment-badges.css. */
export type Tone = 'neutral' | 'info' | 'positive' | 'warning' | 'negative';

export const stageTone: Record<DeploymentStage, Tone> = { OBSERVE: 'neutral', SHADOW: 'info', PAPER: 'warning', LIVE: 'negative' };
export const activationTone: Record<ActivationState, Tone> = { PENDING: 'neutral', ACTIVE: 'positive', PAUSED: 'warning', ROLLED_BACK: 'negative', RETIRED: 'neutral' };
export const tradingTone: Record<TradingState, Tone> = { ACTIVE: 'positive', REDUCING: 'warning', HALTED: 'negative' };
export const healthTone: Record<DeploymentHealth, Tone> = { HEALTHY: 'positive', DEGRADED: 'negative' };
export const orderTone: Record<OrderState, Tone> = {
  NEW: 'neutral',
  SUBMITTED: 'info',
  ACCEPTED: 'info',
  PARTIALLY_FILLED: 'warning',
  FILLED: 'positive',
  CANCELED: 'neutral',
  REJECTED: 'negative',
  EXPIRED: 'neutral',
  DENIED: 'negative',
  UNRESOLVED: 'warning',
};

/** `PARTIALLY_FILLED` → `partially filled`. */
export function labelOf(value: string): string {
  return value.toLowerCase().replaceAll('_', ' ');
}
