import 'reflect-metadata';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { simulationDecisionKinds } from '../../domain/simulation/simulation-decision.ts';
import { screamingEnum } from '../screaming-enum.ts';

/**
 * The typed result of a completed governance simulation (issue 15): per arm the success criteria of the specs, the
 * counts, the portfolio and its decision log; the comparison (differences, first divergence, divergent decisions)
 * and the daily series of both arms. Amounts are in quote currency (USD), fractions are signed (−0.1 = −10 %).
 * Everything here is simulated.
 */

export const SimulationDecisionKindEnum = screamingEnum(simulationDecisionKinds);
registerEnumType(SimulationDecisionKindEnum, { name: 'SimulationDecisionKind', description: 'What a simulated decision did; each is taken by the production decision function named in its evidence.' });

export const SimulationArmEnum = screamingEnum(['baseline', 'variant'] as const);
registerEnumType(SimulationArmEnum, { name: 'SimulationArm', description: 'The baseline policy arm or the variant policy arm of a comparison.' });

@ObjectType('SimulationEvidence', { description: 'One number a simulated decision rested on.' })
export class SimulationEvidenceType {
  @Field(() => String, { description: 'The policy field or rule, e.g. `gates.paperToLive.risk.minMaxDrawdown` or `rules.benchmarkLag`.' }) rule!: string;
  @Field(() => Float, { nullable: true, description: 'The measured value, in the rule’s unit (fractions signed, counts, ratios).' }) measured!: number | null;
  @Field(() => Float, { nullable: true, description: 'The rule’s limit, same unit.' }) threshold!: number | null;
  @Field(() => String, { description: 'The verdict: pass, fail, breach, warn, …' }) status!: string;
}

@ObjectType('SimulationDecision', { description: 'One simulated decision with its evidence (browsable like a real one; no real record behind it).' })
export class SimulationDecisionType {
  @Field(() => Int, { description: 'Order within the arm (0, 1, …).' }) sequence!: number;
  @Field(() => Date, { description: 'Simulated time of the decision.' }) at!: Date;
  @Field(() => SimulationDecisionKindEnum) kind!: string;
  @Field(() => String, { nullable: true, description: 'Simulated deployment id (sim-…), not a real deployment.' }) deploymentId!: string | null;
  @Field(() => String, { nullable: true, description: 'Simulated strategy id (template and configuration).' }) strategyId!: string | null;
  @Field(() => String, { nullable: true, description: 'Stage before (observe, shadow, paper, live, retired).' }) fromStage!: string | null;
  @Field(() => String, { nullable: true, description: 'Stage after.' }) toStage!: string | null;
  @Field(() => String, { nullable: true, description: 'The policy version that decided; null for the simulated people.' }) policyVersion!: string | null;
  @Field(() => String, { nullable: true, description: 'The rule that decided (first failing check, monitoring rule, approval step).' }) rule!: string | null;
  @Field(() => String) message!: string;
  @Field(() => [SimulationEvidenceType]) evidence!: SimulationEvidenceType[];
}

@ObjectType('SimulationDecisionPage', { description: 'A page of simulated decisions in time order.' })
export class SimulationDecisionPageType {
  @Field(() => Int, { description: 'Decisions matching the filter.' }) totalCount!: number;
  @Field(() => Int, { description: 'Index of the first item within the matching decisions.' }) offset!: number;
  @Field(() => [SimulationDecisionType]) items!: SimulationDecisionType[];
}

@ObjectType('SimulationDivergentDecision', { description: 'A decision one arm took and the other did not (same time, kind, strategy, stages and rule).' })
export class SimulationDivergentDecisionType {
  @Field(() => SimulationArmEnum, { description: 'The arm that took it.' }) arm!: string;
  @Field(() => SimulationDecisionType) decision!: SimulationDecisionType;
}

@ObjectType('SimulationDivergentDecisionPage', { description: 'A page of the divergent decisions, first divergence first.' })
export class SimulationDivergentDecisionPageType {
  @Field(() => Int, { description: 'All divergent decisions (the stored list keeps the first 1,000).' }) totalCount!: number;
  @Field(() => Int, { description: 'Index of the first item.' }) offset!: number;
  @Field(() => [SimulationDivergentDecisionType]) items!: SimulationDivergentDecisionType[];
}

@ObjectType('SimulationFirstDivergence', { description: 'The first position where the two arms’ time-ordered decision sequences differ.' })
export class SimulationFirstDivergenceType {
  @Field(() => Int, { description: 'Position in both decision sequences.' }) index!: number;
  @Field(() => Date, { description: 'Simulated time of the earlier of the two decisions there.' }) at!: Date;
  @Field(() => SimulationDecisionType, { nullable: true, description: 'The baseline’s decision there; null when its sequence ended.' }) baseline!: SimulationDecisionType | null;
  @Field(() => SimulationDecisionType, { nullable: true, description: 'The variant’s decision there; null when its sequence ended.' }) variant!: SimulationDecisionType | null;
}

@ObjectType('SimulationCounts', { description: 'What one arm did over the period (numbers of decisions).' })
export class SimulationCountsType {
  @Field(() => Int) evaluationCycles!: number;
  @Field(() => Int, { description: 'Strategies that became promotion candidates.' }) candidates!: number;
  @Field(() => Int) promotionRequests!: number;
  @Field(() => Int) promotionsToShadow!: number;
  @Field(() => Int) promotionsToPaper!: number;
  @Field(() => Int) promotionsToLive!: number;
  @Field(() => Int, { description: 'Promotion requests the gates refused.' }) gateRefusals!: number;
  @Field(() => Int, { description: 'Approved promotions blocked at execution (portfolio limits, monitoring block).' }) blockedAtExecution!: number;
  @Field(() => Int, { description: 'Promotion requests the simulated approvers rejected.' }) rejections!: number;
  @Field(() => Int, { description: 'Approval signatures the simulated people gave: the human workload (SC-009).' }) approvalsSigned!: number;
  @Field(() => Int) demotions!: number;
  @Field(() => Int) rollbacks!: number;
  @Field(() => Int) deactivations!: number;
  @Field(() => Int) throttles!: number;
  @Field(() => Int, { description: 'Demotions because the live set was full.' }) liveCapDemotions!: number;
  @Field(() => Int) incidents!: number;
}

@ObjectType('SimulationSc002', { description: 'Orchestration SC-002: promotions to LIVE at least 90 days before the end that were still LIVE 90 days later (target 75 %).' })
export class SimulationSc002Type {
  @Field(() => Int, { description: 'LIVE stints that began at least 90 days before the end.' }) evaluated!: number;
  @Field(() => Int, { description: 'Of those, still LIVE 90 days after entry.' }) stillActive!: number;
  @Field(() => Float, { nullable: true, description: 'stillActive ÷ evaluated, fraction 0–1; null when nothing was evaluated.' }) successRate!: number | null;
  @Field(() => Float, { description: 'The spec’s target, fraction (0.75).' }) target!: number;
}

@ObjectType('SimulationProtectiveExit', { description: 'One protective exit from LIVE (rollback, demotion, deactivation, freeze) and its counterfactual (SC-003).' })
export class SimulationProtectiveExitType {
  @Field(() => String) deploymentId!: string;
  @Field(() => String) strategyId!: string;
  @Field(() => Date) exitedAt!: Date;
  @Field(() => SimulationDecisionKindEnum) kind!: string;
  @Field(() => String, { nullable: true }) rule!: string | null;
  @Field(() => Float, { description: 'Capital the exit returned to the reserve, USD.' }) capitalKept!: number;
  @Field(() => Float, { description: 'P&L of that capital had the deployment run on for 90 days (or to the end), USD.' }) counterfactualPnl!: number;
  @Field(() => Float, { description: 'Deepest loss of that counterfactual from the exit, signed fraction ≤ 0.' }) counterfactualWorstLoss!: number;
  @Field(() => Float, { description: 'max(0, −counterfactualPnl), USD.' }) lossPrevented!: number;
  @Field(() => Float, { description: 'max(0, counterfactualPnl), USD.' }) gainGivenUp!: number;
}

@ObjectType('SimulationSc003', { description: 'Orchestration SC-003 (rollback prevents losses above 20 %): the protective exits, what they prevented and gave up.' })
export class SimulationSc003Type {
  @Field(() => [SimulationProtectiveExitType], { description: 'Every protective exit from LIVE, in time order.' }) exits!: SimulationProtectiveExitType[];
  @Field(() => Float, { description: 'Sum of the exits’ losses prevented, USD.' }) totalLossPrevented!: number;
  @Field(() => Float, { description: 'Sum of the exits’ gains given up, USD.' }) totalGainGivenUp!: number;
  @Field(() => Float, { nullable: true, description: 'Deepest loss any LIVE stint took from its entry capital, signed fraction; null without LIVE stints.' }) worstLiveLossFromEntry!: number | null;
  @Field(() => Int, { description: 'LIVE stints whose capital fell more than 20 % below entry.' }) stintsLosingMoreThan20Percent!: number;
}

@ObjectType('SimulationSc004', { description: 'Orchestration SC-004 (drift detected within an hour): breach start → monitoring action. Marks are hourly, so lags are whole bars.' })
export class SimulationSc004Type {
  @Field(() => Int, { description: 'Monitoring actions taken (rollbacks, demotions, deactivations, throttles, freezes).' }) actions!: number;
  @Field(() => Float, { nullable: true, description: 'Mean lag, hours.' }) meanLagHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'Longest lag, hours.' }) maxLagHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'Actions within the target; null for results stored before it was measured.' }) withinTarget!: number | null;
  @Field(() => Float, { description: 'The target, hours (1).' }) targetHours!: number;
}

@ObjectType('SimulationLifecycleSc004', { description: 'Lifecycle SC-004 (rollback-worthy incidents roll back within 2 minutes of the breach): breach start → rollback.' })
export class SimulationLifecycleSc004Type {
  @Field(() => Int, { description: 'Monitoring rollbacks.' }) rollbacks!: number;
  @Field(() => Float, { nullable: true, description: 'Mean lag, minutes.' }) meanLagMinutes!: number | null;
  @Field(() => Float, { nullable: true, description: 'Longest lag, minutes.' }) maxLagMinutes!: number | null;
  @Field(() => Int, { description: 'Rollbacks within the target.' }) withinTarget!: number;
  @Field(() => Float, { description: 'The target, minutes (2).' }) targetMinutes!: number;
}

@ObjectType('SimulationSc006', { description: 'Orchestration SC-006 (live correlation below 0.7): pairwise daily-return correlation of the live set.' })
export class SimulationSc006Type {
  @Field(() => Float, { nullable: true, description: 'Largest pairwise correlation seen, −1–1; null when never measured.' }) maxCorrelation!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean of the daily mean pairwise correlation.' }) meanCorrelation!: number | null;
  @Field(() => Int, { description: 'Days the largest correlation was at or above the limit.' }) daysAbove!: number;
  @Field(() => Float, { description: 'The limit (0.7).' }) limit!: number;
}

@ObjectType('SimulationSc010', { description: 'Orchestration SC-010 (no template above 30 % of the live set).' })
export class SimulationSc010Type {
  @Field(() => Float, { nullable: true, description: 'Largest template share of the live set seen, fraction 0–1; null without a live set.' }) maxTemplateShare!: number | null;
  @Field(() => Int, { description: 'Days a template held more than the limit.' }) daysAbove!: number;
  @Field(() => Float, { description: 'The limit, fraction (0.3).' }) limit!: number;
  @Field(() => Int, { description: 'Distinct templates ever LIVE.' }) templatesEverLive!: number;
}

@ObjectType('SimulationReturnSummary', { description: 'An equity series summarized.' })
export class SimulationReturnSummaryType {
  @Field(() => Float, { description: 'Equity at the end, USD.' }) finalEquity!: number;
  @Field(() => Float, { description: 'Total return, signed fraction.' }) totalReturn!: number;
  @Field(() => Float, { description: 'Maximum drawdown, signed fraction ≤ 0.' }) maxDrawdown!: number;
  @Field(() => Float, { nullable: true, description: 'Annualized Sharpe ratio of daily returns (√365); null when undefined.' }) sharpe!: number | null;
}

@ObjectType('SimulationPortfolio', { description: 'The simulated portfolio (reserve + live capital) over the period, and the benchmark basket.' })
export class SimulationPortfolioType extends SimulationReturnSummaryType {
  @Field(() => SimulationReturnSummaryType, { description: 'The benchmark basket scaled to the initial equity from its first close in the period.' }) benchmark!: SimulationReturnSummaryType;
  @Field(() => Int, { description: 'Largest number of LIVE deployments at once.' }) maxLiveCount!: number;
}

@ObjectType('SimulationTimings', { description: 'Wall time the arm spent per phase, ms (the bench’s breakdown).' })
export class SimulationTimingsType {
  @Field(() => Float) evaluationCyclesMs!: number;
  @Field(() => Float) executionMs!: number;
  @Field(() => Float) monitoringMs!: number;
  @Field(() => Float) governanceMs!: number;
}

@ObjectType('SimulationArmReport', { description: 'The report of one policy arm.' })
export class SimulationArmReportType {
  @Field(() => SimulationArmEnum) arm!: string;
  @Field(() => SimulationCountsType) counts!: SimulationCountsType;
  @Field(() => SimulationSc002Type) sc002!: SimulationSc002Type;
  @Field(() => SimulationSc003Type) sc003!: SimulationSc003Type;
  @Field(() => SimulationSc004Type) sc004!: SimulationSc004Type;
  @Field(() => SimulationLifecycleSc004Type, { nullable: true, description: 'Null for results stored before it was measured.' }) lifecycleSc004!: SimulationLifecycleSc004Type | null;
  @Field(() => SimulationSc006Type) sc006!: SimulationSc006Type;
  @Field(() => SimulationSc010Type) sc010!: SimulationSc010Type;
  @Field(() => SimulationPortfolioType) portfolio!: SimulationPortfolioType;
  @Field(() => SimulationTimingsType) timings!: SimulationTimingsType;
}

@ObjectType('SimulationDifference', { description: 'Variant minus baseline of the headline figures.' })
export class SimulationDifferenceType {
  @Field(() => Int) rollbacks!: number;
  @Field(() => Int) promotionsToLive!: number;
  @Field(() => Float, { description: 'USD.' }) totalLossPrevented!: number;
  @Field(() => Float, { description: 'USD.' }) finalEquity!: number;
  @Field(() => Float, { description: 'Difference of the signed max-drawdown fractions (positive: the variant’s drawdown was shallower).' }) maxDrawdown!: number;
  @Field(() => Int) approvalsSigned!: number;
}

@ObjectType('SimulationDay', { description: 'One simulated day (00:00 UTC) of both arms.' })
export class SimulationDayType {
  @Field(() => Date) date!: Date;
  @Field(() => Float, { description: 'Baseline portfolio equity, USD.' }) baselineEquity!: number;
  @Field(() => Float, { nullable: true, description: 'Variant portfolio equity, USD.' }) variantEquity!: number | null;
  @Field(() => Float, { nullable: true, description: 'Benchmark basket equity, USD; null before the basket exists.' }) benchmarkEquity!: number | null;
  @Field(() => Float, { description: 'Baseline drawdown from its running peak, signed fraction ≤ 0.' }) baselineDrawdown!: number;
  @Field(() => Float, { nullable: true, description: 'Variant drawdown from its running peak, signed fraction ≤ 0.' }) variantDrawdown!: number | null;
  @Field(() => Int) baselineLiveCount!: number;
  @Field(() => Int, { nullable: true }) variantLiveCount!: number | null;
}
