import 'reflect-metadata';
import { Arg, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { SimulationDecision, SimulationDecisionKind } from '../../domain/simulation/simulation-decision.ts';
import { comparedDays, pageDecisions, pageDivergences, type StoredSimulationComparison, type StoredSimulationReport } from '../../services/simulation/simulation-result-view.ts';
import {
  SimulationArmReportType,
  SimulationDayType,
  SimulationDecisionKindEnum,
  SimulationDecisionPageType,
  SimulationDecisionType,
  SimulationDifferenceType,
  SimulationDivergentDecisionPageType,
  SimulationFirstDivergenceType,
} from './governance-simulation-result.type.ts';

/** The arm report as served: the stored report's figures plus its decisions (read by `decisions`). */
export interface ArmRoot extends Omit<SimulationArmReportType, 'timings' | 'sc003'> {
  timings: SimulationArmReportType['timings'];
  sc003: SimulationArmReportType['sc003'];
  source: StoredSimulationReport;
}

export function toDecision(decision: SimulationDecision): SimulationDecisionType {
  return { ...decision, at: new Date(decision.atMs) };
}

function toArm(arm: 'baseline' | 'variant', report: StoredSimulationReport): ArmRoot {
  return {
    arm,
    source: report,
    counts: report.counts,
    sc002: report.sc002,
    sc003: { ...report.sc003, exits: report.sc003.exits.map((exit) => ({ ...exit, exitedAt: new Date(exit.exitedAtMs) })) },
    sc004: { ...report.sc004, withinTarget: report.sc004.withinTarget ?? null, targetHours: 1 },
    lifecycleSc004: report.lifecycleSc004 ?? null,
    sc006: report.sc006,
    sc010: report.sc010,
    portfolio: report.portfolio,
    timings: { evaluationCyclesMs: report.timings.evaluationCycles, executionMs: report.timings.execution, monitoringMs: report.timings.monitoring, governanceMs: report.timings.governance },
  };
}

@ObjectType('GovernanceSimulationResult', { description: 'The result of a completed governance simulation: both arms’ reports, their difference and where they diverged. Everything in it is simulated.' })
export class GovernanceSimulationResultType {
  stored!: StoredSimulationComparison;
  @Field(() => Int, { description: 'Decisions taken by one arm only.' }) divergenceCount!: number;
  @Field(() => SimulationDifferenceType) difference!: SimulationDifferenceType;
}

/** Builds the served result from the stored JSON. */
export function toResult(stored: StoredSimulationComparison): GovernanceSimulationResultType {
  return { stored, divergenceCount: stored.divergenceCount, difference: stored.difference };
}

@Resolver(() => GovernanceSimulationResultType)
export class GovernanceSimulationResultResolver {
  @FieldResolver(() => SimulationArmReportType, { description: 'The baseline policy arm.' })
  baseline(@Root() root: GovernanceSimulationResultType): ArmRoot {
    return toArm('baseline', root.stored.baseline);
  }

  @FieldResolver(() => SimulationArmReportType, { description: 'The variant policy arm (same history, seed and people).' })
  variant(@Root() root: GovernanceSimulationResultType): ArmRoot {
    return toArm('variant', root.stored.variant);
  }

  @FieldResolver(() => SimulationFirstDivergenceType, { nullable: true, description: 'The first decision where the arms differ; null when they decided identically.' })
  firstDivergence(@Root() root: GovernanceSimulationResultType): SimulationFirstDivergenceType | null {
    const first = root.stored.firstDivergence;
    if (!first) return null;
    return { index: first.index, at: new Date(first.atMs), baseline: first.baseline ? toDecision(first.baseline) : null, variant: first.variant ? toDecision(first.variant) : null };
  }

  @FieldResolver(() => SimulationDivergentDecisionPageType, { description: 'Decisions taken by one arm only, first divergence first: `first` (1–500, default 50) from `offset`. Costs first × (selected fields + 1) toward the complexity limit.' })
  divergences(
    @Root() root: GovernanceSimulationResultType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
  ): SimulationDivergentDecisionPageType {
    const page = pageDivergences(root.stored, { first, offset });
    return { ...page, items: page.items.map((item) => ({ arm: item.arm, decision: toDecision(item.decision) })) };
  }

  @FieldResolver(() => [SimulationDayType], { description: 'Both arms day by day (equity, drawdown, live count) and the benchmark, thinned evenly to at most `maxPoints` (2–5,000, default 1,000) keeping the first and last day. Costs maxPoints × (selected fields + 1) toward the complexity limit.' })
  days(@Root() root: GovernanceSimulationResultType, @Arg('maxPoints', () => Int, { defaultValue: 1000 }) maxPoints: number): SimulationDayType[] {
    return comparedDays(root.stored, maxPoints).map((day) => ({ ...day, date: new Date(day.atMs) }));
  }
}

@Resolver(() => SimulationArmReportType)
export class SimulationArmReportResolver {
  @FieldResolver(() => SimulationDecisionPageType, {
    description: 'The arm’s decision log in time order with the evidence of each, optionally only `kinds` and one `strategyId`: `first` (1–500, default 50) from `offset`. Costs first × (selected fields + 1) toward the complexity limit.',
  })
  decisions(
    @Root() root: ArmRoot,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset: number,
    @Arg('kinds', () => [SimulationDecisionKindEnum], { nullable: true, description: 'Only these kinds (empty or null: all).' }) kinds?: SimulationDecisionKind[] | null,
    @Arg('strategyId', () => String, { nullable: true, description: 'Only the decisions about this simulated strategy.' }) strategyId?: string | null,
  ): SimulationDecisionPageType {
    const page = pageDecisions(root.source.decisions, { first, offset, kinds, strategyId });
    return { ...page, items: page.items.map(toDecision) };
  }
}
