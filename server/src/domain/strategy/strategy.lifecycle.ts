import { defineStateMachine } from '../lifecycle/state-machine.ts';
import type { LifecycleState } from './strategy.entity.ts';

/**
 * Strategy lifecycle (lifecycle-spec FR-005): where a strategy stands, with gating rules that forbid skipping
 * validation. Deployment stages (OBSERVE/SHADOW/PAPER/LIVE) live on the deployment; staging = SHADOW or PAPER,
 * production = LIVE.
 *
 *   research ──► validation ──► staging ──► production
 *      ▲  ▲           │             │            │
 *      │  └───────────┘ (failed)    │            │
 *      └────────────────────────────┴────────────┘ (demoted / rolled back)
 *   any state ──► retired (terminal)
 *
 * - research → validation: needs an approved version (validation runs are queued for it).
 * - validation → staging: needs a complete scorecard that meets the minimum production standard.
 * - staging → production: needs an approved promotion (gates + approvals of the promotion policy).
 * - Backward moves (validation → research, staging/production → research or validation) are always allowed:
 *   demotion and rollback must never be blocked.
 */
/** What the gate of a forward transition needs to know. */
export interface StrategyTransitionEvidence {
  hasApprovedVersion: boolean;
  /** The latest scorecard is complete and meets the minimum production standard. */
  meetsProductionStandard: boolean;
  /**
   * A deployment of the strategy is at LIVE (only an approved promotion puts one there) and neither retired nor rolled
   * back: production = LIVE (specs README, "lifecycle states vs stages").
   */
  hasApprovedPromotion: boolean;
}

export const strategyLifecycle = defineStateMachine<LifecycleState, StrategyTransitionEvidence>({
  transitions: {
    research: ['validation', 'retired'],
    validation: ['research', 'staging', 'retired'],
    staging: ['research', 'validation', 'production', 'retired'],
    production: ['research', 'validation', 'staging', 'retired'],
    retired: [],
  },
  onTerminal: 'refuse',
  illegal: ({ from, to }) => (from === 'retired' ? 'a retired strategy never changes state' : `cannot go from ${from} to ${to}: validation may not be skipped`),
  guard: ({ from, to }, evidence) => {
    if (to === 'validation' && from === 'research' && !evidence.hasApprovedVersion) return 'validation needs an approved version';
    if (to === 'staging' && from === 'validation' && !evidence.meetsProductionStandard) {
      return 'staging needs a complete scorecard meeting the minimum production standard';
    }
    if (to === 'production' && !evidence.hasApprovedPromotion) return 'production needs an approved promotion: a deployment of the strategy at LIVE';
    return null;
  },
});
