import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * Health of a deployment's inputs: `healthy`, or `degraded` while the feed is stale or skewed or the connector is
 * unavailable (the reason is kept in `healthReason`). A degraded deployment places no order.
 */
export const deploymentHealthStates = ['healthy', 'degraded'] as const;
export type DeploymentHealth = (typeof deploymentHealthStates)[number];

/** Why a deployment is degraded (one at a time; the latest cause wins). */
export const degradationReasons = ['stale_feed', 'clock_skew', 'connector_unavailable', 'reconciliation_pending'] as const;
export type DegradationReason = (typeof degradationReasons)[number];

/** healthy ⇄ degraded. A repeated move (already degraded) is refused: the caller checks the state first. */
export const deploymentHealthLifecycle = defineStateMachine<DeploymentHealth>({
  transitions: {
    healthy: ['degraded'],
    degraded: ['healthy'],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, from, to }) => (from === to ? `${subject} is already ${to}` : `${subject} cannot go from ${from} to ${to}`),
});
