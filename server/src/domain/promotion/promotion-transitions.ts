import { deploymentStages, type DeploymentStage } from '../deployment/deployment-stage.lifecycle.ts';

/** The stage everything falls back to when a policy is missing or invalid (promotion-framework §5). */
export const failClosedStage: DeploymentStage = 'observe';

/** The three promotions of the ladder, one stage at a time (promotion-framework §1.A–C). */
export const promotionTransitions = ['observeToShadow', 'shadowToPaper', 'paperToLive'] as const;
export type PromotionTransition = (typeof promotionTransitions)[number];

/** From and to stage of each promotion (the moves `deploymentStageLifecycle` allows upwards). */
export const transitionStages: Readonly<Record<PromotionTransition, { from: DeploymentStage; to: DeploymentStage }>> = {
  observeToShadow: { from: 'observe', to: 'shadow' },
  shadowToPaper: { from: 'shadow', to: 'paper' },
  paperToLive: { from: 'paper', to: 'live' },
};

/** Position on the ladder: 0 = observe … 3 = live (a larger number executes more). */
export function stageLevel(stage: DeploymentStage): number {
  return deploymentStages.indexOf(stage);
}

/** The promotion from `from` to `to`, or null when that is no single step up the ladder. */
export function promotionTransitionBetween(from: DeploymentStage, to: DeploymentStage): PromotionTransition | null {
  return promotionTransitions.find((transition) => transitionStages[transition].from === from && transitionStages[transition].to === to) ?? null;
}
