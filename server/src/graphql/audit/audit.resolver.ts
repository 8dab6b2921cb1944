import 'reflect-metadata';
import { GraphQLID, GraphQLString, type GraphQLScalarType } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { auditEventFieldNames, auditEventFields, auditNullableFields, type AuditFieldKind } from '../../domain/audit/audit-event.entity.ts';
import type { GraphQLContext } from '../context.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';

/**
 * One entry of the audit trail. Its fields are generated from the one declaration of the event's shape
 * (`auditEventFields` in domain/audit), so the GraphQL type cannot drift from the table, the chain or the export.
 */
@ObjectType('AuditEvent', { description: 'One entry of the tamper-evident audit trail (append-only, hash-chained, signed).' })
export class AuditEventType {}
const graphqlTypeOf: Record<AuditFieldKind, () => GraphQLScalarType | DateConstructor | [typeof DetailEntryType]> = {
  sequence: () => GraphQLString,
  datetime: () => Date,
  id: () => GraphQLID,
  string: () => GraphQLString,
  // A JSON object in the table and the exports; typed values, one per leaf, in GraphQL.
  json: () => [DetailEntryType],
};
for (const field of auditEventFieldNames) {
  const { kind, description } = auditEventFields[field];
  const nullable = auditNullableFields.has(field);
  Field(graphqlTypeOf[kind], { nullable, description })(AuditEventType.prototype, field);
}
// Read with the event, not part of it (the record keeps the id): who `actorId` is, as the users page names them.
Field(() => String, { nullable: true, description: 'Display name of the acting user (`actorId`); null for the platform or an anonymous caller.' })(AuditEventType.prototype, 'actorName');
Field(() => String, { nullable: true, description: 'Email (sign-in name) of the acting user (`actorId`); null for the platform or an anonymous caller.' })(AuditEventType.prototype, 'actorEmail');

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

  @Field(() => Int, { description: 'Signed checkpoints of the chain head matched against the events (they reveal removed newest events).' })
  checkpointCount!: number;

  @Field(() => [String], { description: 'Append-only tables or audit partitions missing an enabled trigger refusing UPDATE/DELETE or TRUNCATE (each with what is missing); any makes `intact` false.' })
  unprotectedRelations!: string[];
}

export const AuditExportFormatEnum = { CSV: 'csv', JSON: 'json' } as const;
registerEnumType(AuditExportFormatEnum, { name: 'AuditExportFormat' });

@ArgsType()
class AuditFilterArgs {
  @Field(() => ID, { nullable: true, description: 'Only events by this user id.' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'An action or dotted prefix ("auth" finds auth.sign_in and every auth.* action; "auth." only the prefix), or a pattern with * (any run of characters). Case-insensitive.' })
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

const toType = <T extends { sequence: number; details: Record<string, unknown> }>(event: T) => ({
  ...event,
  sequence: String(event.sequence),
  details: toDetailEntries(event.details).map(toDetailEntryValue),
});
const toText = (value: number | null) => (value === null ? null : String(value));

/** The audit trail: list, verify, export (compliance, admin). */
@Resolver()
export class AuditResolver {
  @Query(() => AuditEventListType, { description: 'Audit events, newest first.' })
  async auditEvents(@Args(() => AuditEventsArgs) args: AuditEventsArgs, @Ctx() ctx: GraphQLContext) {
    const { limit, before, ...filter } = args;
    const result = await ctx.services.audit.list(filter, { limit, before: before ? Number(before) : null });
    const actorOf = (actorId: string | null | undefined) => (actorId ? result.actors.get(actorId) : undefined);
    return {
      events: result.events.map((event) => ({ ...toType(event), actorName: actorOf(event.actorId)?.displayName ?? null, actorEmail: actorOf(event.actorId)?.email ?? null })),
      totalCount: result.totalCount,
    };
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
