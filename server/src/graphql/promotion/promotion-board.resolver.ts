import 'reflect-metadata';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { GateCheck } from '../../domain/promotion/gate-check.ts';
import type { GateEvaluation } from '../../domain/promotion/promotion-gates.ts';
import type { RecordedGateVerdict } from '../../domain/promotion/recorded-gate-verdict.ts';
import type { BoardCard } from '../../services/promotion/promotion-board.service.ts';
import type { GraphQLContext } from '../context.ts';
import { toRequestType } from './promotion-request.resolver.ts';
import { PromotionBoardType, type GateCheckType, type PromotionBoardCardType, type PromotionGateEvaluationType } from './promotion-board.type.ts';

/** GraphQL floats cannot carry NaN or ±Infinity: a value that is not finite was not measurable. */
const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

function toCheck(check: GateCheck): GateCheckType {
  return {
    rule: check.rule,
    category: check.category,
    comparator: check.comparator,
    threshold: check.threshold,
    measured: finiteOrNull(check.measured),
    unit: check.unit,
    windowStart: new Date(check.window.startMs),
    windowEnd: new Date(check.window.endMs),
    status: check.status,
    message: check.message,
  };
}

function toGate(gate: GateEvaluation, at: { evaluatedAt: Date; clock: 'market' | 'wall'; evidenceError: string | null }): PromotionGateEvaluationType {
  return { ...at, transition: gate.transition, policyVersion: gate.policyVersion, passed: gate.passed, checks: gate.checks.map(toCheck), refusals: gate.refusals.map(toCheck) };
}

/** A verdict recorded on a request, as the API shows it. */
function toRecordedGate(verdict: RecordedGateVerdict): PromotionGateEvaluationType {
  return toGate(verdict, { evaluatedAt: new Date(verdict.evaluatedAt), clock: verdict.clock.kind, evidenceError: verdict.evidenceError });
}

/** The evidence clock a recorded verdict was evaluated on (null for a live one: the card's own clock). */
function recordedClock(card: BoardCard): 'market' | 'wall' | null {
  return card.gateSource === 'recorded' ? (card.pendingRequest?.request.gateVerdict?.clock.kind ?? null) : null;
}

function toCard(card: BoardCard): PromotionBoardCardType {
  const pending = card.pendingRequest;
  return {
    deployment: card.deployment,
    stage: card.deployment.stage,
    stageEnteredAt: card.stageEnteredAt,
    clock: card.clock.kind,
    stageAgeMs: Math.max(card.clock.nowMs - card.clock.stageEnteredAtMs, 0),
    clockNow: new Date(card.clock.nowMs),
    nextTransition: card.nextTransition,
    stabilityWindowSessions: card.stabilityWindowSessions,
    scorecard: card.scorecard,
    gate: card.gate ? toGate(card.gate, { evaluatedAt: card.gateEvaluatedAt, clock: recordedClock(card) ?? card.clock.kind, evidenceError: card.evidenceError }) : null,
    gateSource: card.gateSource,
    evidenceError: card.evidenceError,
    frozen: card.frozen,
    regulatoryHold: card.deployment.strategy.regulatoryHoldAt != null,
    pendingRequest: pending
      ? {
          request: toRequestType(pending),
          requesterName: pending.requesterName,
          steps: pending.steps.map((step) => ({ key: step.key, roles: step.roles, afterOtherSteps: step.afterOtherSteps, approval: step.approval })),
          complete: pending.complete,
          gateVerdict: pending.request.gateVerdict ? toRecordedGate(pending.request.gateVerdict) : null,
        }
      : null,
  };
}

/** The production pipeline board (issue 12); thin over `PromotionBoardService`. */
@Resolver()
export class PromotionBoardResolver {
  @Query(() => PromotionBoardType, { description: 'The production pipeline board: candidates, running deployments by stage with rank, score, time at stage against the stability window, the next transition’s gates (for a deployment with a pending request the verdict recorded when it was opened, else evaluated now), the pending request’s approval steps. Needs read access to deployments.' })
  async promotionBoard(@Ctx() ctx: GraphQLContext): Promise<PromotionBoardType> {
    const board = await ctx.services.promotionBoard.board();
    return {
      policyVersion: board.policy.version,
      policyValid: board.policy.valid,
      policyInvalidReason: board.policy.invalidReason,
      candidateTopFraction: board.policy.definition?.candidate.topFraction ?? null,
      candidateConsecutiveEvaluationDays: board.policy.definition?.candidate.consecutiveEvaluationDays ?? null,
      candidates: board.candidates,
      candidatesUnavailable: board.candidatesUnavailable,
      cards: board.cards.map(toCard),
      evaluatedAt: board.evaluatedAt,
    };
  }
}
