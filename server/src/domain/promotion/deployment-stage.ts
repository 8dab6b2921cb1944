/**
 * Deployment stages, safest first (promotion-framework "Definitions"): `OBSERVE` computes signals only, `SHADOW`
 * simulates fills on live quotes, `PAPER` places paper orders, `LIVE` places real orders. Unknown configuration ⇒
 * `OBSERVE` (§5).
 */
export const deploymentStages = ['OBSERVE', 'SHADOW', 'PAPER', 'LIVE'] as const;
export type DeploymentStage = (typeof deploymentStages)[number];

/** The stage everything falls back to when a policy is missing or invalid (promotion-framework §5). */
export const failClosedStage: DeploymentStage = 'OBSERVE';

/** The three promotions of the ladder, one stage at a time (promotion-framework §1.A–C). */
export const promotionTransitions = ['observeToShadow', 'shadowToPaper', 'paperToLive'] as const;
export type PromotionTransition = (typeof promotionTransitions)[number];

/** From and to stage of each promotion. */
export const transitionStages: Readonly<Record<PromotionTransition, { from: DeploymentStage; to: DeploymentStage }>> = {
  observeToShadow: { from: 'OBSERVE', to: 'SHADOW' },
  shadowToPaper: { from: 'SHADOW', to: 'PAPER' },
  paperToLive: { from: 'PAPER', to: 'LIVE' },
};

/** Position on the ladder: 0 = OBSERVE … 3 = LIVE (a larger number executes more). */
export function stageLevel(stage: DeploymentStage): number {
  return deploymentStages.indexOf(stage);
}

/** The promotion from `from` to `to`, or null when that is no single step up the ladder. */
export function promotionTransitionBetween(from: DeploymentStage, to: DeploymentStage): PromotionTransition | null {
  return promotionTransitions.find((transition) => transitionStages[transition].from === from && transitionStages[transition].to === to) ?? null;
}
