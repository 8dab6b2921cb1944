import type { EntityManager } from '@mikro-orm/postgresql';
import { deploymentStageLifecycle, type DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { applyTransition } from '../../domain/lifecycle/apply-transition.ts';

/**
 * Moves a deployment's `stage` through the stage lifecycle (row locked, the move checked by
 * `deploymentStageLifecycle`), inside the caller's transaction — the promotion ladder's one write to the deployment
 * row. `effectiveStage` is left to the runner (it acts in the new stage from its next bar, or fails closed).
 * @throws NotFoundError, ConflictError naming the illegal move.
 */
export async function moveDeploymentStage(em: EntityManager, deploymentId: string, to: DeploymentStage): Promise<{ deployment: Deployment; from: DeploymentStage }> {
  const { row, from } = await applyTransition(em, deploymentStageLifecycle, { entity: Deployment, id: deploymentId, field: 'stage', to, subject: (row) => `deployment ${row.id}` });
  return { deployment: row, from };
}
