import 'reflect-metadata';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../domain/auth/roles.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import { gateCategories, gateUnits, type GateCategory, type GateStatus, type GateUnit } from '../../domain/promotion/gate-check.ts';
import type { PromotionTransition } from '../../domain/promotion/promotion-transitions.ts';
import type { Strategy } from '../../domain/strategy/strategy.entity.ts';
import { RoleEnum } from '../auth/auth.types.ts';
import { DeploymentType } from '../deployment/deployment.type.ts';
import { DeploymentStageEnum } from '../deployment/deployment-enums.ts';
import { screamingEnum } from '../screaming-enum.ts';
import { StrategyType } from '../strategy/strategy.type.ts';
import { PromotionRequestType, PromotionTransitionEnum } from './promotion-request.type.ts';

/** `signalQuality` → `SIGNAL_QUALITY` (the values stay the domain's words). */
function camelEnum<const T extends readonly string[]>(values: T): Record<string, T[number]> {
  return Object.fromEntries(values.map((value) => [value.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase(), value]));
}

export const GateCategoryEnum = camelEnum(gateCategories);
registerEnumType(GateCategoryEnum, { name: 'GateCategory', description: 'Which part of the promotion policy a gate check belongs to.' });
export const GateUnitEnum = camelEnum(gateUnits);
registerEnumType(GateUnitEnum, {
  name: 'GateUnit',
  description:
    'Unit of a check’s threshold and measured value: FRACTION (0.9 = 90 %, signed for returns and drawdowns), RATIO (Sharpe, correlation, IC), MULTIPLE (× equity), COUNT, DAYS, MS, BPS, FLAG (1 = true, 0 = false), STAGE (0 = OBSERVE … 3 = LIVE), RANK (1 = best).',
});
export const GateStatusEnum = screamingEnum(['pass', 'fail', 'not_applicable'] as const);
registerEnumType(GateStatusEnum, { name: 'GateStatus', description: 'PASS, FAIL, or NOT_APPLICABLE (e.g. the IC for a discrete signal, calibration without confidences).' });
export const EvidenceClockEnum = camelEnum(['market', 'wall'] as const);
registerEnumType(EvidenceClockEnum, { name: 'EvidenceClock', description: 'MARKET: a replay’s bar time (its time at stage is replayed time); WALL: the wall clock of a live feed.' });

export const GateSourceEnum = screamingEnum(['recorded', 'live'] as const);
registerEnumType(GateSourceEnum, { name: 'GateSource', description: 'RECORDED: the verdict stored with a pending promotion request when it was opened; LIVE: evaluated now under the policy in force.' });

@ObjectType('GateCheck', { description: 'One rule of the promotion policy checked against a deployment’s evidence: pass when `measured comparator threshold` holds.' })
export class GateCheckType {
  @Field(() => String, { description: 'The policy field’s dotted path, e.g. `gates.shadowToPaper.risk.minMaxDrawdown`.' })
  rule!: string;
  @Field(() => GateCategoryEnum)
  category!: GateCategory;
  @Field(() => String, { description: 'How measured must compare with threshold to pass: >=, <=, >, < or ==.' })
  comparator!: string;
  @Field(() => Float, { description: 'The policy’s threshold, in `unit`.' })
  threshold!: number;
  @Field(() => Float, { nullable: true, description: 'The measured value, in `unit`; null when it could not be measured (which fails: fail closed).' })
  measured!: number | null;
  @Field(() => GateUnitEnum)
  unit!: GateUnit;
  @Field(() => Date, { description: 'Start of the measurement window (on the deployment’s evidence clock).' })
  windowStart!: Date;
  @Field(() => Date, { description: 'End of the measurement window (on the deployment’s evidence clock).' })
  windowEnd!: Date;
  @Field(() => GateStatusEnum)
  status!: GateStatus;
  @Field(() => String, { description: 'The check in words, with the measured value, the threshold and the rule.' })
  message!: string;
}

@ObjectType('PromotionGateEvaluation', { description: 'The verdict of one transition’s gates on a deployment’s evidence at `evaluatedAt`: every check with its rule, threshold, measured value and window.' })
export class PromotionGateEvaluationType {
  @Field(() => Date, { description: 'When the gates were evaluated (platform time, UTC): now for a card, the request’s opening for a recorded verdict.' })
  evaluatedAt!: Date;
  @Field(() => EvidenceClockEnum, { description: 'The evidence clock of the check windows.' })
  clock!: 'market' | 'wall';
  @Field(() => String, { nullable: true, description: 'Why the evidence could not be read (then nothing passes); null otherwise.' })
  evidenceError!: string | null;
  @Field(() => PromotionTransitionEnum)
  transition!: PromotionTransition;
  @Field(() => String, { nullable: true, description: 'The promotion policy version that decided; null when none was valid (then nothing passes).' })
  policyVersion!: string | null;
  @Field(() => Boolean, { description: 'True when no check failed.' })
  passed!: boolean;
  @Field(() => [GateCheckType], { description: 'Every check, in order: state, scorecard, stability window, signal quality, risk, operational.' })
  checks!: GateCheckType[];
  @Field(() => [GateCheckType], { description: 'The failed checks.' })
  refusals!: GateCheckType[];
}

@ObjectType('PromotionStepApproval', { description: 'Who signed an approval step.' })
export class PromotionStepApprovalType {
  @Field(() => RoleEnum, { description: 'The role the approver acted in.' })
  role!: Role;
  @Field(() => String, { nullable: true, description: 'The approver’s email (an approver identity: not readable by research).' })
  approverName!: string | null;
  @Field(() => Date)
  approvedAt!: Date;
  @Field(() => String)
  comment!: string;
}

@ObjectType('PromotionApprovalStepStatus', { description: 'One step of a request’s approval matrix (from the request’s policy version) and its signature, if given.' })
export class PromotionApprovalStepStatusType {
  @Field(() => String, { description: 'The step key the approver signs (e.g. `riskApprover`).' })
  key!: string;
  @Field(() => [RoleEnum], { description: 'A person holding one of these roles may sign it.' })
  roles!: Role[];
  @Field(() => Boolean, { description: 'It can be signed only once every other step is (the final authorizer).' })
  afterOtherSteps!: boolean;
  @Field(() => PromotionStepApprovalType, { nullable: true, description: 'The signature; null while pending.' })
  approval!: PromotionStepApprovalType | null;
}

@ObjectType('PromotionBoardRequest', { description: 'A pending promotion request with its approval matrix steps.' })
export class PromotionBoardRequestType {
  @Field(() => PromotionRequestType)
  request!: PromotionRequestType;
  @Field(() => String, { nullable: true, description: 'The requester’s email; null when the platform opened it.' })
  requesterName!: string | null;
  @Field(() => [PromotionApprovalStepStatusType])
  steps!: PromotionApprovalStepStatusType[];
  @Field(() => Boolean, { description: 'Every step is signed (or the transition auto-approves).' })
  complete!: boolean;
  @Field(() => PromotionGateEvaluationType, { nullable: true, description: 'What the gates said when the request was opened (recorded with it; the execution re-checks them on current evidence); null for requests opened before verdicts were recorded.' })
  gateVerdict!: PromotionGateEvaluationType | null;
}

@ObjectType('PromotionBoardScorecard', { description: 'The strategy’s latest scorecard entry.' })
export class PromotionBoardScorecardType {
  @Field(() => String, { description: 'Evaluation date, YYYY-MM-DD (UTC).' })
  evaluationDate!: string;
  @Field(() => Int, { nullable: true, description: 'Competition rank within the date (1 = best); null when unranked.' })
  rank!: number | null;
  @Field(() => Int, { description: 'Entries ranked on that date.' })
  rankCount!: number;
  @Field(() => Float, { description: 'Unified score, 0–100.' })
  normalizedScore!: number;
  @Field(() => Boolean)
  complete!: boolean;
  @Field(() => Boolean, { description: 'Below the minimum production standard (or incomplete).' })
  researchOnly!: boolean;
  @Field(() => String)
  scoringPolicyVersion!: string;
}

@ObjectType('PromotionBoardCard', { description: 'A running deployment on the pipeline board.' })
export class PromotionBoardCardType {
  @Field(() => DeploymentType)
  deployment!: Deployment;
  @Field(() => DeploymentStageEnum)
  stage!: DeploymentStage;
  @Field(() => Date, { description: 'When it entered its stage (wall clock, UTC): its last promotion record’s effective time, else its start.' })
  stageEnteredAt!: Date;
  @Field(() => EvidenceClockEnum, { description: 'The clock its time at stage and evidence window are measured on.' })
  clock!: 'market' | 'wall';
  @Field(() => Float, { description: 'Time at its stage on that clock, ms.' })
  stageAgeMs!: number;
  @Field(() => Date, { description: 'Now on that clock (a replay’s last bar close).' })
  clockNow!: Date;
  @Field(() => PromotionTransitionEnum, { nullable: true, description: 'The promotion out of its stage; null at LIVE.' })
  nextTransition!: PromotionTransition | null;
  @Field(() => Int, { nullable: true, description: 'The next transition’s stability window, sessions (UTC days); null at LIVE or without a valid policy.' })
  stabilityWindowSessions!: number | null;
  @Field(() => PromotionBoardScorecardType, { nullable: true })
  scorecard!: PromotionBoardScorecardType | null;
  @Field(() => PromotionGateEvaluationType, {
    nullable: true,
    description:
      'The next transition’s gates; null at LIVE. With a pending request: the verdict recorded when it was opened, under the request’s policy version (`gateSource` RECORDED; the execution re-checks on the evidence as it is then). Otherwise: evaluated now under the policy in force (LIVE).',
  })
  gate!: PromotionGateEvaluationType | null;
  @Field(() => GateSourceEnum, { description: 'Where `gate` comes from: RECORDED on the pending request when it was opened, or LIVE (evaluated by this board).' })
  gateSource!: 'recorded' | 'live';
  @Field(() => String, { nullable: true, description: 'Why its evidence could not be read (nothing passes then); null otherwise.' })
  evidenceError!: string | null;
  @Field(() => Boolean, { description: 'Its strategy’s promotions are frozen (until a person unfreezes them with a new approval).' })
  frozen!: boolean;
  @Field(() => Boolean, { description: 'Its strategy is on regulatory hold (every automated action frozen).' })
  regulatoryHold!: boolean;
  @Field(() => PromotionBoardRequestType, { nullable: true, description: 'Its pending promotion request, if any.' })
  pendingRequest!: PromotionBoardRequestType | null;
}

@ObjectType('PromotionBoardCandidate', { description: 'A strategy the candidate rule selects today (orchestration FR-005).' })
export class PromotionBoardCandidateType {
  @Field(() => StrategyType)
  strategy!: Strategy;
  @Field(() => ID)
  strategyVersionId!: string;
  @Field(() => Int)
  rank!: number;
  @Field(() => Int)
  rankCount!: number;
  @Field(() => Float, { description: 'Unified score, 0–100.' })
  normalizedScore!: number;
  @Field(() => Int, { description: 'Consecutive evaluation dates in the top share, ending at the latest one.' })
  consecutiveEvaluationDays!: number;
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  firstDate!: string;
  @Field(() => String, { description: 'YYYY-MM-DD.' })
  lastDate!: string;
  @Field(() => Float, { description: 'Rank-driven allocation it would get in LIVE, fraction of portfolio (capital policy).' })
  recommendedAllocation!: number;
}

@ObjectType('PromotionBoard', { description: 'The production pipeline board: candidates → requests awaiting approval → OBSERVE → SHADOW → PAPER → LIVE.' })
export class PromotionBoardType {
  @Field(() => String, { nullable: true, description: 'The promotion policy version in force (the one that decides the gates evaluated live; a pending request’s recorded verdict names its own version); null when none exists.' })
  policyVersion!: string | null;
  @Field(() => Boolean, { description: 'False when the policy is missing or invalid: everything stays OBSERVE.' })
  policyValid!: boolean;
  @Field(() => String, { nullable: true })
  policyInvalidReason!: string | null;
  @Field(() => Float, { nullable: true, description: 'The candidate rule’s top share, fraction of ranked strategies.' })
  candidateTopFraction!: number | null;
  @Field(() => Int, { nullable: true, description: 'The candidate rule’s consecutive evaluation days.' })
  candidateConsecutiveEvaluationDays!: number | null;
  @Field(() => [PromotionBoardCandidateType])
  candidates!: PromotionBoardCandidateType[];
  @Field(() => String, { nullable: true, description: 'Why candidates cannot be computed; null otherwise.' })
  candidatesUnavailable!: string | null;
  @Field(() => [PromotionBoardCardType], { description: 'Running deployments (pending, active, paused), newest first, at most 200.' })
  cards!: PromotionBoardCardType[];
  @Field(() => Date, { description: 'When the gates were evaluated (UTC).' })
  evaluatedAt!: Date;
}
