import 'reflect-metadata';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { GraphQLContext } from '../context.ts';

@ObjectType('AuditEvent', { description: 'One entry of the tamper-evident audit trail (append-only, hash-chained, signed).' })
export class AuditEventType {
  @Field(() => String, { description: 'Position in the chain (a 64-bit integer as a decimal string).' })
  sequence!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  actorId!: string | null;

  @Field(() => String, { description: 'Roles in force (comma-separated), SYSTEM or ANONYMOUS in lower case.' })
  actorRole!: string;

  @Field(() => String, { description: 'Dotted action, e.g. backtest.queued, permission.granted.' })
  action!: string;

  @Field(() => String)
  subjectType!: string;

  @Field(() => String, { nullable: true })
  subjectId!: string | null;

  @Field(() => GraphQLJSONObject)
  details!: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  datasetChecksum!: string | null;

  @Field(() => String, { nullable: true })
  engineVersion!: string | null;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field(() => String)
  previousHash!: string;

  @Field(() => String, { description: 'SHA-256 (hex) of the canonical serialization.' })
  hash!: string;

  @Field(() => String, { description: 'Ed25519 signature (base64) of the hash.' })
  signature!: string;
}

@ObjectType('AuditEventList')
export class AuditEventListType {
  @Field(() => [AuditEventType])
  events!: AuditEventType[];

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType('AuditChainVerification', { description: 'Result of re-checking hashes, links and signatures.' })
export class AuditChainVerificationType {
  @Field(() => Boolean)
  intact!: boolean;

  @Field(() => Int)
  checkedCount!: number;

  @Field(() => String, { nullable: true })
  firstSequence!: string | null;

  @Field(() => String, { nullable: true })
  lastSequence!: string | null;

  @Field(() => String, { nullable: true, description: 'Sequence of the first broken link; null when intact.' })
  brokenSequence!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

export const AuditExportFormatEnum = { CSV: 'csv', JSON: 'json' } as const;
registerEnumType(AuditExportFormatEnum, { name: 'AuditExportFormat' });

@ArgsType()
class AuditFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only events by this user id.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact action, a prefix ending in "." (e.g. "auth.") or a pattern with *.' })
  action?: string | null;

  @Field(() => String, { nullable: true })
  subjectType?: string | null;

  @Field(() => String, { nullable: true })
  subjectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until this time (exclusive).' })
  to?: Date | null;
}

@ArgsType()
class AuditEventsArgs extends AuditFilterArgs {
  @Field(() => Int, { nullable: true, description: '1–1000 (default 100).' })
  limit?: number | null;

  @Field(() => String, { nullable: true, description: 'Only events with a smaller sequence (paging backwards).' })
  before?: string | null;
}

const toType = <T extends { sequence: number }>(event: T) => ({ ...event, sequence: String(event.sequence) });
const toText = (value: number | null) => (value === null ? null : String(value));

/** The audit trail: list, verify, export (compliance, admin). */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEventListType, { description: 'Audit events, newest first.' })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: GraphQLContext) {
    const { limit, before, ...filter } = args;
    const result = await ctx.services.audit.list(filter, { limit, before: before ? Number(before) : null });
    return { events: result.events.map(toType), totalCount: result.totalCount };
  }

  @Query(() => AuditChainVerificationType, { description: 'Verifies the hash chain over [from, to) (the whole chain when omitted).' })
  async verifyAuditChain(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => Date, { nullable: true }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true }) to?: Date | null,
  ) {
    const result = await ctx.services.audit.verifyChain({ from, to });
    return { ...result, firstSequence: toText(result.firstSequence), lastSequence: toText(result.lastSequence), brokenSequence: toText(result.brokenSequence) };
  }

  @Query(() => String, { description: 'Matching audit events, oldest first, as CSV or JSON text.' })
  async exportAuditEvents(@Args(() => AuditFilterArgs) filter: AuditFilterArgs, @Arg('format', () => AuditExportFormatEnum) format: 'csv' | 'json', @Ctx() ctx: GraphQLContext) {
    return ctx.services.audit.export(filter, format);
  }
}
