import 'reflect-metadata';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  ApprovalRequirement,
  ApprovalStep,
  CandidateRule,
  EvidenceMeasurement,
  OperationalThresholds,
  PortfolioLimits,
  ReentryCooldown,
  RiskThresholds,
  ScorecardRequirements,
  SignalQualityThresholds,
  StabilityWindow,
} from '../../domain/promotion/promotion-policy.ts';
import { dataIntegrityKinds, type DataIntegrityKind } from '../../domain/promotion/promotion-policy.ts';
import type { Role } from '../../domain/auth/roles.ts';
import { RoleEnum } from '../auth/auth.types.ts';
import { screamingEnum } from '../screaming-enum.ts';

export const DataIntegrityKindEnum = screamingEnum(dataIntegrityKinds);
registerEnumType(DataIntegrityKindEnum, {
  name: 'DataIntegrityKind',
  description: 'The runtime’s data-integrity deployment events the promotion policy counts (promotion-framework §2.C): stale feed, clock skew, out-of-order bar, invalid bar (missing/NaN fields, schema drift), feed gap.',
});

const nullRule = ' null = not checked at this transition.';

@ObjectType('StabilityWindow', { description: 'Minimum time and activity at the current stage before its promotion can pass (promotion-framework §1).' })
export class StabilityWindowType implements StabilityWindow {
  @Field(() => Int, { description: 'Whole UTC days (sessions; crypto trades 24/7) since the deployment entered its stage.' })
  minSessions!: number;
  @Field(() => Int, { nullable: true, description: `Valid signal evaluations in the window.${nullRule}` })
  minEvaluations!: number | null;
  @Field(() => Int, { nullable: true, description: `Fills (simulated in SHADOW, paper in PAPER) in the window.${nullRule}` })
  minFills!: number | null;
  @Field(() => Int, { nullable: true, description: 'Low-turnover alternative: this many valid evaluations satisfy the fill minimum instead (§1.B). null = no alternative.' })
  minEvaluationsInsteadOfFills!: number | null;
  @Field(() => Int, { nullable: true, description: `Orders submitted to the venue (local pre-trade denials excluded).${nullRule}` })
  minOrders!: number | null;
}

@ObjectType('SignalQualityThresholds', { description: '“Is the signal worth trading?” (promotion-framework §1).' })
export class SignalQualityThresholdsType implements SignalQualityThresholds {
  @Field(() => Float, { nullable: true, description: `Valid ÷ scheduled evaluations, fraction 0–1 (§1.A coverage).${nullRule}` })
  minCoverage!: number | null;
  @Field(() => Float, { nullable: true, description: `Directional hit rate, fraction 0–1 (§1.A).${nullRule}` })
  minHitRate!: number | null;
  @Field(() => Float, { nullable: true, description: `Mean daily Spearman information coefficient, −1…1; scored signals (§1.A).${nullRule}` })
  minMeanInformationCoefficient!: number | null;
  @Field(() => Float, { nullable: true, description: `Largest share of days with a negative IC, fraction 0–1; scored signals.${nullRule}` })
  maxNegativeInformationCoefficientDayShare!: number | null;
  @Field(() => Float, { nullable: true, description: `Lift over the hold baseline, fraction of price per forward horizon; the measured lift must exceed it; discrete signals (§1.A).${nullRule}` })
  minLift!: number | null;
  @Field(() => Int, { nullable: true, description: `Confidence buckets that must pass monotonicity (of measurement.calibrationBuckets); signals with a confidence.${nullRule}` })
  minCalibrationMonotonicBuckets!: number | null;
  @Field(() => Float, { nullable: true, description: `Equity return over the window, signed fraction.${nullRule}` })
  minWindowReturn!: number | null;
  @Field(() => Float, { nullable: true, description: `Sharpe ratio of the daily returns, annualized (√365), rf 0.${nullRule}` })
  minSharpe!: number | null;
  @Field(() => Float, { nullable: true, description: `Average daily turnover: traded notional per day ÷ average equity, multiples of equity.${nullRule}` })
  maxAverageDailyTurnover!: number | null;
}

@ObjectType('RiskThresholds', { description: '“Does it stay within limits?” (promotion-framework §1).' })
export class RiskThresholdsType implements RiskThresholds {
  @Field(() => Float, { nullable: true, description: `Daily loss limit: the worst UTC-day return must be at least this, signed fraction (−0.02 = −2 %).${nullRule}` })
  minWorstDailyReturn!: number | null;
  @Field(() => Float, { nullable: true, description: `Drawdown limit: the max drawdown must be at least this, signed fraction (−0.03 = 3 %).${nullRule}` })
  minMaxDrawdown!: number | null;
  @Field(() => Int, { nullable: true, description: `Allowed concentration episodes (marks above measurement.concentrationLimit).${nullRule}` })
  maxConcentrationViolations!: number | null;
  @Field(() => Int, { description: 'Critical incidents allowed in the window (“zero critical”).' })
  maxCriticalIncidents!: number;
  @Field(() => Int, { nullable: true, description: `Warning incidents allowed in the window (warning budget).${nullRule}` })
  maxWarningIncidents!: number | null;
}

@ObjectType('OperationalThresholds', { description: '“Does it behave reliably?” (promotion-framework §1).' })
export class OperationalThresholdsType implements OperationalThresholds {
  @Field(() => Float, { nullable: true, description: `Share of fills on a quote no older than measurement.maxQuoteAgeMs, fraction.${nullRule}` })
  minFreshQuoteFillShare!: number | null;
  @Field(() => Float, { nullable: true, description: `Evaluations with missing/NaN fields ÷ evaluations, fraction.${nullRule}` })
  maxMissingFieldRate!: number | null;
  @Field(() => Float, { nullable: true, description: `Evaluations that raised ÷ evaluations, fraction.${nullRule}` })
  maxEvaluationErrorRate!: number | null;
  @Field(() => Float, { nullable: true, description: `Submitted orders rejected, unresolved or with a venue error ÷ submitted, fraction.${nullRule}` })
  maxOrderErrorRate!: number | null;
  @Field(() => Float, { nullable: true, description: `Orders denied by a risk check ÷ attempted, fraction.${nullRule}` })
  maxRiskDenialRate!: number | null;
  @Field(() => Int, { nullable: true, description: `Median decision-to-order latency, ms.${nullRule}` })
  maxMedianDecisionToOrderMs!: number | null;
  @Field(() => Float, { nullable: true, description: `Median |fill ÷ expected price − 1|, basis points.${nullRule}` })
  maxMedianFillDeviationBps!: number | null;
  @Field(() => Int, { nullable: true, description: `Data-integrity events allowed in the window.${nullRule}` })
  maxDataIntegrityEvents!: number | null;
}

@ObjectType('TransitionGates', { description: 'Everything a promotion out of one stage must show.' })
export class TransitionGatesType {
  @Field(() => StabilityWindowType)
  stabilityWindow!: StabilityWindowType;
  @Field(() => SignalQualityThresholdsType)
  signalQuality!: SignalQualityThresholdsType;
  @Field(() => RiskThresholdsType)
  risk!: RiskThresholdsType;
  @Field(() => OperationalThresholdsType)
  operational!: OperationalThresholdsType;
}

@ObjectType('PromotionGates', { description: 'The gates of each promotion (promotion-framework §1.A–C).' })
export class PromotionGatesType {
  @Field(() => TransitionGatesType, { description: 'OBSERVE → SHADOW (§1.A).' })
  observeToShadow!: TransitionGatesType;
  @Field(() => TransitionGatesType, { description: 'SHADOW → PAPER (§1.B).' })
  shadowToPaper!: TransitionGatesType;
  @Field(() => TransitionGatesType, { description: 'PAPER → LIVE (§1.C).' })
  paperToLive!: TransitionGatesType;
}

@ObjectType('ApprovalStep', { description: 'One sign-off: a person holding one of the roles approves as this step.' })
export class ApprovalStepType implements ApprovalStep {
  @Field(() => String, { description: 'e.g. strategyReviewer, riskApprover, opsApprover, finalAuthorizer.' })
  key!: string;
  @Field(() => [RoleEnum], { description: 'Any of these roles may give it.' })
  roles!: Role[];
  @Field(() => Boolean, { description: 'Only once every other step is approved (the final authorizer).' })
  afterOtherSteps!: boolean;
}

@ObjectType('ApprovalRequirement', { description: 'The approvals a promotion needs; always: never the requester, each step a different person.' })
export class ApprovalRequirementType implements ApprovalRequirement {
  @Field(() => [ApprovalStepType])
  steps!: ApprovalStepType[];
  @Field(() => Boolean, { description: 'The platform approves by itself (OBSERVE → SHADOW only).' })
  autoApprove!: boolean;
}

@ObjectType('ApprovalMatrix', { description: 'Approvals per promotion (promotion-framework §1 checkpoints).' })
export class ApprovalMatrixType {
  @Field(() => ApprovalRequirementType)
  observeToShadow!: ApprovalRequirementType;
  @Field(() => ApprovalRequirementType)
  shadowToPaper!: ApprovalRequirementType;
  @Field(() => ApprovalRequirementType)
  paperToLive!: ApprovalRequirementType;
}

@ObjectType('EvidenceMeasurement', { description: 'How evidence is measured (the definitions behind the numbers the gates compare).' })
export class EvidenceMeasurementType implements EvidenceMeasurement {
  @Field(() => Int, { description: 'Forward-return horizon of hit rate, IC, lift and calibration, in evaluations.' })
  forwardHorizonEvaluations!: number;
  @Field(() => Int, { description: 'Evaluations a day needs for its IC to count.' })
  informationCoefficientMinObservations!: number;
  @Field(() => Int, { description: 'Confidence buckets of the calibration check.' })
  calibrationBuckets!: number;
  @Field(() => Int, { description: 'A signal with at most this many distinct values is discrete (lift instead of IC).' })
  discreteSignalMaxDistinctValues!: number;
  @Field(() => Int, { description: 'A fill on an older quote is stale, ms.' })
  maxQuoteAgeMs!: number;
  @Field(() => Float, { description: 'Position notional above this fraction of portfolio value is a concentration violation.' })
  concentrationLimit!: number;
}

@ObjectType('ScorecardRequirements', { description: 'Scorecard conditions of every promotion (incomplete scoring ⇒ no deployment).' })
export class ScorecardRequirementsType implements ScorecardRequirements {
  @Field(() => Boolean)
  requireComplete!: boolean;
  @Field(() => Boolean, { description: 'The latest entry must meet the minimum production standard.' })
  requireProductionStandard!: boolean;
  @Field(() => Int, { description: 'Largest age of the latest entry, days.' })
  maxAgeDays!: number;
}

@ObjectType('PortfolioLimits', { description: 'Limits on the LIVE set (orchestration FR-006, SC-006, SC-010).' })
export class PortfolioLimitsType implements PortfolioLimits {
  @Field(() => Int, { description: 'Maximum concurrent LIVE deployments; a better candidate demotes the lowest-ranked.' })
  liveCap!: number;
  @Field(() => Float, { description: 'Largest share of LIVE deployments per template, fraction (a template’s first is always allowed).' })
  maxTemplateShare!: number;
  @Field(() => Float, { description: 'Daily-return correlation with every LIVE strategy must stay below this, −1…1.' })
  maxPairwiseCorrelation!: number;
  @Field(() => Int, { description: 'Trailing correlation window, UTC days.' })
  correlationWindowDays!: number;
  @Field(() => Int, { description: 'Fewer common days: not measured, refused (fail closed).' })
  minCorrelationOverlapDays!: number;
}

@ObjectType('CandidateObserveStart', { description: 'How the platform starts a new candidate’s OBSERVE deployment: its qualifying version, the best configuration of its evaluation cycle (highest out-of-sample Sharpe), on the market of the cycle’s first dataset.' })
export class CandidateObserveStartType {
  @Field(() => String, { description: '`replay` (that dataset replayed; demos on synthetic data) or `live` (the exchange’s public OHLCV of its symbol and timeframe).' })
  feed!: 'replay' | 'live';
  @Field(() => Boolean, { nullable: true, description: 'Replay only: a bar per bar job instead of the replay’s default interval; null for live.' })
  asFastAsPossible?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Live only: the exchange polled (binanceus, coinbase); null for replay.' })
  venue?: string | null;
}

@ObjectType('CandidateRule', { description: 'When a strategy becomes a promotion candidate (orchestration FR-005).' })
export class CandidateRuleType implements Omit<CandidateRule, 'observeStart'> {
  @Field(() => Float, { description: 'Top share of the scorecard, fraction: rank ≤ max(1, ⌊topFraction × ranked⌋).' })
  topFraction!: number;
  @Field(() => Int, { description: 'Consecutive evaluation dates in the top share, ending at the latest.' })
  consecutiveEvaluationDays!: number;
  @Field(() => Boolean, { description: 'Each of those entries must be complete and meet the minimum production standard.' })
  requireProductionStandard!: boolean;
  @Field(() => CandidateObserveStartType, { nullable: true, description: 'Whether the platform starts a new candidate’s OBSERVE deployment by itself; null = production is notified to start it.' })
  observeStart!: CandidateObserveStartType | null;
}

@ObjectType('DataIntegrityAllowance', { description: 'More events of this kind than the allowance demote to OBSERVE and freeze (§2.C).' })
export class DataIntegrityAllowanceType {
  @Field(() => DataIntegrityKindEnum)
  kind!: DataIntegrityKind;
  @Field(() => Int)
  maxEvents!: number;
}

@ObjectType('DemotionTriggers', { description: 'Automatic demotion (promotion-framework §2): risk breaches → SHADOW, data integrity → OBSERVE and freeze.' })
export class DemotionTriggersType {
  @Field(() => Int, { description: 'Evidence window of the triggers: the last this many days at the current stage.' })
  lookbackDays!: number;
  @Field(() => Float, { description: 'Daily loss breaker: a UTC-day return below this demotes to SHADOW, signed fraction.' })
  minDailyReturn!: number;
  @Field(() => Float, { description: 'Drawdown breaker: a drawdown below this demotes to SHADOW, signed fraction.' })
  minDrawdown!: number;
  @Field(() => Int, { description: 'More concentration episodes than this demote to SHADOW.' })
  maxConcentrationViolations!: number;
  @Field(() => Int, { description: 'More warning incidents than this demote to SHADOW.' })
  maxWarningIncidents!: number;
  @Field(() => Float, { description: 'Order error rate (PAPER/LIVE) above this demotes to SHADOW, fraction…' })
  maxOrderErrorRate!: number;
  @Field(() => Int, { description: '…once at least this many orders were submitted.' })
  minOrdersForErrorRate!: number;
  @Field(() => Int, { description: 'Longest degraded stretch while PAPER/LIVE above this demotes to SHADOW, ms.' })
  maxDegradedMs!: number;
  @Field(() => [DataIntegrityAllowanceType])
  maxDataIntegrityEvents!: DataIntegrityAllowanceType[];
}

@ObjectType('ReentryCooldown', { description: 'After a rollback or demotion (not a live-cap displacement) the deployment may not be promoted again until this has passed (optional rule; gate checks reentryCooldown.days and reentryCooldown.requireScorecardAfterExit).' })
export class ReentryCooldownType implements ReentryCooldown {
  @Field(() => Int, { description: 'Whole UTC days after the latest protective exit before a promotion can pass (platform clock), 1–365.' })
  days!: number;
  @Field(() => Float, { description: 'Repeat exits escalate: days × escalationFactor^(k − 1), k = exits within lookbackDays; 1–10 (1 = none).' })
  escalationFactor!: number;
  @Field(() => Int, { description: 'Window of the repeat count, whole UTC days.' })
  lookbackDays!: number;
  @Field(() => Boolean, { description: 'The latest scorecard must be dated after the exit (re-validated since).' })
  requireScorecardAfterExit!: boolean;
}

@ObjectType('PromotionPolicyDefinition', { description: 'A promotion policy: windows, thresholds, approval matrix, portfolio limits, candidate rule, demotion triggers. Units are in each field’s description.' })
export class PromotionPolicyDefinitionType {
  @Field(() => String)
  version!: string;
  @Field(() => EvidenceMeasurementType)
  measurement!: EvidenceMeasurementType;
  @Field(() => ScorecardRequirementsType)
  scorecard!: ScorecardRequirementsType;
  @Field(() => PromotionGatesType)
  gates!: PromotionGatesType;
  @Field(() => ApprovalMatrixType)
  approvalMatrix!: ApprovalMatrixType;
  @Field(() => PortfolioLimitsType)
  portfolio!: PortfolioLimitsType;
  @Field(() => CandidateRuleType)
  candidate!: CandidateRuleType;
  @Field(() => DemotionTriggersType)
  demotion!: DemotionTriggersType;
  @Field(() => Int, { description: 'Whole days a promotion request stays open for approvals (its expiresAt); 1–90, default 7.' })
  requestValidityDays!: number;
  @Field(() => ReentryCooldownType, { nullable: true, description: 'Re-entry cool-down after a rollback or demotion; null = none (versions stored before it existed).' })
  reentryCooldown!: ReentryCooldownType | null;
}

@ObjectType('PromotionPolicyVersion', { description: 'The versioned promotion policy in force (the newest active row). Invalid or missing ⇒ everything stays OBSERVE.' })
export class PromotionPolicyVersionType {
  @Field(() => String, { nullable: true, description: 'The version; null when no policy row exists.' })
  version!: string | null;
  @Field(() => Boolean, { description: 'False when the stored definition does not parse (or none exists): every deployment stays OBSERVE.' })
  valid!: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is invalid, naming the field; null when valid.' })
  invalidReason!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the version was stored (proposed, or seeded by a migration).' })
  createdAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the version is in force (the newest active one decides); false for a proposal waiting for a second person; null when no policy row exists.' })
  active!: boolean | null;
  @Field(() => String, { nullable: true, description: 'User id of the person who proposed it; null when seeded by a migration (or no row exists).' })
  proposedById!: string | null;
  @Field(() => String, { nullable: true, description: 'The stored definition as JSON text, as `proposePromotionPolicy` takes it (edit it, give it a new `version`, propose it); null when no policy row exists.' })
  definitionJson!: string | null;
  @Field(() => PromotionPolicyDefinitionType, { nullable: true, description: 'The definition; null when invalid.' })
  definition!: PromotionPolicyDefinitionType | null;
}
