import 'reflect-metadata';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { LineageSubject } from '../../services/reporting/lineage.service.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId } from '../relay.ts';
import { LineageSubjectEnum, LineageType } from './lineage.type.ts';

const typeNames: Record<LineageSubject, string> = { backtestRun: 'BacktestRun', scorecardEntry: 'ScorecardEntry', strategyVersion: 'StrategyVersion', promotionRecord: 'PromotionRecord' };

@Resolver()
export class LineageResolver {
  @Query(() => LineageType, {
    description:
      'Lineage of a run, a scorecard entry, a version approval, or a promotion or rollback: dataset checksums, engine versions, parameter checksums, seeds, policy versions, approvers and audit events, people by name. Needs read AuditEvent (compliance, admin).',
  })
  async lineage(@Arg('subject', () => LineageSubjectEnum) subject: LineageSubject, @Arg('id', () => ID, { description: 'Global id or row UUID.' }) id: string, @Ctx() ctx: GraphQLContext) {
    const lineage = await ctx.services.lineage.lineage(subject, parseId(id, typeNames[subject]));
    return { ...lineage, runs: lineage.runs.map((run) => ({ ...run, parametersJson: JSON.stringify(run.parameters) })), auditEventCount: lineage.auditEvents.length };
  }
}
