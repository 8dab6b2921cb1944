import type { GateEvaluation } from './promotion-gates.ts';

/**
 * A gate evaluation as recorded (on a promotion request, when it is opened): what the gates said — every check with
 * its rule, threshold, measured value and window — under which policy version, when, and on which evidence clock. The
 * approvers read this; the execution re-evaluates the gates on the evidence as it is then.
 */
export interface RecordedGateVerdict extends GateEvaluation {
  /** Platform time of the evaluation, ISO-8601 UTC. */
  evaluatedAt: string;
  /** The deployment's evidence clock then: stage entry and now, ms since epoch; `market` (a replay's bar time) or `wall`. */
  clock: { stageEnteredAtMs: number; nowMs: number; kind: 'market' | 'wall' };
  /** Why the evidence could not be read (then nothing passes); null otherwise. */
  evidenceError: string | null;
}
