import type { DegradationReason, DeploymentHealth } from '../../domain/deployment/deployment-health.lifecycle.ts';
import { deploymentHealthLifecycle } from '../../domain/deployment/deployment-health.lifecycle.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import type { DeploymentRecords } from './deployment-records.ts';

/**
 * The one way a deployment's health changes (the runner's freshness and connector checks, the LIVE order path's
 * reconciliation): through `deploymentHealthLifecycle`, and each flip recorded in `records` as a `health_degraded` or
 * `health_restored` event at `at` (wall clock; `barAt` = the last accepted bar) with the reason — the health history
 * the demotion triggers read (promotion-framework §2.D: DEGRADED longer than the policy allows while PAPER or LIVE).
 * A degraded deployment degraded again only takes the new reason (no event: it stays DEGRADED); healthy → healthy
 * does nothing.
 * @throws ConflictError when the health machine refuses the move.
 */
export function changeDeploymentHealth(deployment: Deployment, to: DeploymentHealth, reason: DegradationReason | null, records: DeploymentRecords, at: Date): void {
  const from = deployment.health;
  if (from === to) {
    if (to === 'degraded' && reason !== null) deployment.healthReason = reason;
    return;
  }
  const refusal = deploymentHealthLifecycle.refusal(from, to, undefined, `deployment ${deployment.id}`);
  if (refusal !== null) throw new ConflictError(refusal);
  const lifted = deployment.healthReason ?? null;
  deployment.health = to;
  deployment.healthReason = to === 'degraded' ? reason : null;
  records.events.push({
    id: newId(),
    occurredAt: at,
    barAt: deployment.lastAcceptedBarAt ?? null,
    kind: to === 'degraded' ? 'health_degraded' : 'health_restored',
    rule: null,
    threshold: null,
    measured: null,
    message: to === 'degraded' ? `DEGRADED (${reason ?? 'unknown'}): no order until it is healthy again` : `healthy again (was degraded for ${lifted ?? 'unknown'})`,
    orderId: null,
    evidence: to === 'degraded' ? { reason } : { lifted },
  });
}
