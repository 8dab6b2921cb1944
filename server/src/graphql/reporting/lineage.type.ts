import 'reflect-metadata';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export const LineageSubjectEnum = { BACKTEST_RUN: 'backtestRun', SCORECARD_ENTRY: 'scorecardEntry', STRATEGY_VERSION: 'strategyVersion', PROMOTION_RECORD: 'promotionRecord' } as const;
registerEnumType(LineageSubjectEnum, { name: 'LineageSubject', description: 'What a lineage starts from: a run, a scorecard entry, a version approval, or a promotion or rollback record.' });

@ObjectType('LineageFact', { description: 'A fact of the decision, in words (label empty for a continued list).' })
export class LineageFactType {
  @Field(() => String)
  label!: string;
  @Field(() => String)
  value!: string;
}

@ObjectType('LineageStrategy')
export class LineageStrategyType {
  @Field(() => String, { description: 'Row UUID.' })
  id!: string;
  @Field(() => String)
  name!: string;
  @Field(() => String)
  code!: string;
}

@ObjectType('LineageVersion', { description: 'The strategy version and its approval, people by name.' })
export class LineageVersionType {
  @Field(() => String, { description: 'Row UUID.' })
  id!: string;
  @Field(() => String)
  versionTag!: string;
  @Field(() => String, { description: 'Engine template id.' })
  template!: string;
  @Field(() => Float, { description: 'Deterministic seed of the version.' })
  seed!: number;
  @Field(() => String)
  approvalStatus!: string;
  @Field(() => String, { description: 'Display name <email> of who submitted it.' })
  submittedBy!: string;
  @Field(() => String, { nullable: true, description: 'Display name <email> of the reviewer who decided; null while pending.' })
  reviewedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'When the reviewer decided (ISO-8601).' })
  decidedAt!: string | null;
  @Field(() => String, { nullable: true })
  notes!: string | null;
}

@ObjectType('LineageApproval', { description: 'One approval of a promotion, approver by name.' })
export class LineageApprovalType {
  @Field(() => String, { description: 'Approval-matrix step, e.g. riskApprover.' })
  step!: string;
  @Field(() => String)
  role!: string;
  @Field(() => String, { description: 'Display name <email>.' })
  approver!: string;
  @Field(() => String, { description: 'ISO-8601.' })
  at!: string;
}

@ObjectType('LineageRun', { description: 'A computation behind the decision: dataset, parameters, seed, engine.' })
export class LineageRunType {
  @Field(() => String, { description: 'Run UUID.' })
  id!: string;
  @Field(() => String)
  status!: string;
  @Field(() => String, { nullable: true })
  engineVersion!: string | null;
  @Field(() => String, { description: 'Symbols, timeframe and date range of the dataset.' })
  datasetLabel!: string;
  @Field(() => String, { description: 'SHA-256 of the dataset bytes.' })
  datasetChecksum!: string;
  @Field(() => String, { description: 'SHA-256 of the parameter config.' })
  parameterChecksum!: string;
  @Field(() => String, { description: 'The parameters as JSON.' })
  parametersJson!: string;
  @Field(() => Float, { description: 'Basis points of traded notional.' })
  feeBps!: number;
  @Field(() => Float, { description: 'Basis points of traded notional.' })
  slippageBps!: number;
  @Field(() => Float, { description: 'Deterministic seed of the run’s version.' })
  seed!: number;
  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}

@ObjectType('LineageAuditEvent', { description: 'An audit event of an object in the lineage, actor and subject named.' })
export class LineageAuditEventType {
  @Field(() => Float)
  sequence!: number;
  @Field(() => Date)
  occurredAt!: Date;
  @Field(() => String, { description: 'Display name <email>, or the platform.' })
  actor!: string;
  @Field(() => String)
  actorRole!: string;
  @Field(() => String)
  action!: string;
  @Field(() => String, { description: 'The object acted on, by name where the lineage knows it.' })
  subject!: string;
  @Field(() => String, { nullable: true })
  datasetChecksum!: string | null;
  @Field(() => String, { nullable: true })
  engineVersion!: string | null;
  @Field(() => String, { nullable: true })
  correlationId!: string | null;
  @Field(() => String, { description: 'SHA-256 of the event in the hash chain.' })
  hash!: string;
}

@ObjectType('Lineage', { description: 'Everything behind one decision or computation, on one page (compliance).' })
export class LineageType {
  @Field(() => LineageSubjectEnum)
  subject!: string;
  @Field(() => String)
  subjectId!: string;
  @Field(() => String)
  title!: string;
  @Field(() => LineageStrategyType, { nullable: true })
  strategy!: LineageStrategyType | null;
  @Field(() => LineageVersionType, { nullable: true })
  version!: LineageVersionType | null;
  @Field(() => [LineageFactType])
  decision!: LineageFactType[];
  @Field(() => [LineageFactType], { description: 'Policy versions that applied (scoring, promotion).' })
  policies!: LineageFactType[];
  @Field(() => [LineageApprovalType])
  approvals!: LineageApprovalType[];
  @Field(() => [LineageRunType], { description: 'The run, the runs of the version (newest 20) or the runs a promotion cites.' })
  runs!: LineageRunType[];
  @Field(() => [LineageAuditEventType], { description: 'Audit events of every object above, newest first (at most 200).' })
  auditEvents!: LineageAuditEventType[];
  @Field(() => Int, { description: 'Audit events listed.' })
  auditEventCount!: number;
}
