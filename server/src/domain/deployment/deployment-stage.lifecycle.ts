import { defineStateMachine } from '../lifecycle/state-machine.ts';

/**
 * How far a deployment may act (promotion-framework.md "Stages"):
 * - `observe`: compute and record the target (signal) only — no order, no fill;
 * - `shadow`: simulated orders filled by the fill model on the feed, no venue contact;
 * - `paper`: orders kept in the paper order store and matched against the feed by the same fill model;
 * - `live`: real orders through an exchange connector, only with a valid confirmation token.
 */
export const deploymentStages = ['observe', 'shadow', 'paper', 'live'] as const;
export type DeploymentStage = (typeof deploymentStages)[number];

/** Stages in which no broker is contacted: production may start a deployment directly in these (step-up). */
export const brokerFreeStages: readonly DeploymentStage[] = ['observe', 'shadow'];

/**
 * Stage moves (promotion-framework.md §1–2): promotion goes one step up, demotion to any safer stage at once.
 * The gates of each promotion (evidence, approvals, the LIVE confirmation token) belong to the promotion ladder;
 * this table only says which moves exist.
 *
 * | from    | to                      |
 * |---------|-------------------------|
 * | observe | shadow                  |
 * | shadow  | paper, observe          |
 * | paper   | live, shadow, observe   |
 * | live    | paper, shadow, observe  |
 */
export const deploymentStageLifecycle = defineStateMachine<DeploymentStage>({
  transitions: {
    observe: ['shadow'],
    shadow: ['paper', 'observe'],
    paper: ['live', 'shadow', 'observe'],
    live: ['paper', 'shadow', 'observe'],
  },
  onTerminal: 'refuse',
  illegal: ({ subject, from, to, allowed }) =>
    `${subject} cannot move from stage ${from} to ${to} (a promotion goes one stage up; allowed from ${from}: ${allowed.join(', ')})`,
});
