import 'reflect-metadata';
import type { NotificationKind } from '../../domain/notification/notification-kind.ts';
import type { EntityFields } from '../entity-fields.ts';
import type { Notification } from '../../domain/notification/notification.entity.ts';
import { DetailEntryType } from '../detail-entry.type.ts';
import { Field, ObjectType } from 'type-graphql';
import { RoleEnum } from '../auth/auth.types.ts';
import { NodeInterface, makeConnectionType } from '../relay.ts';
import type { NotificationSeverity } from '../../domain/notification/notification-severity.ts';
import { NotificationSeverityEnum } from './notification-enums.ts';

@ObjectType('Notification', {
  implements: NodeInterface,
  description: 'An in-app message to a role (its audience). Read state is shared by everyone holding the role: whoever marks it read marks it read for the role.',
})
export class NotificationType extends NodeInterface implements EntityFields<Notification, 'details'> {
  @Field(() => RoleEnum, { description: 'The role that should act.' })
  audience!: string;

  @Field(() => String, { description: 'What it is about: incident.opened, job.escalated, scorecard.incomplete, promotion.activation_halted or deployment.connector_unavailable.' })
  kind!: NotificationKind;

  @Field(() => NotificationSeverityEnum, { description: 'How urgent: INFO, WARNING or CRITICAL (an incident’s own severity; CRITICAL for an escalated job).' })
  severity!: NotificationSeverity;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true, description: 'Type of the object it is about, e.g. MonitoringIncident, Strategy.' })
  subjectType!: string | null;

  @Field(() => String, { nullable: true, description: 'Database id (UUID) of the object it is about.' })
  subjectId!: string | null;

  @Field(() => [DetailEntryType], { description: 'Kind-specific facts, one entry per value (e.g. the failed job’s context, the incident’s follow-up cycle id).' })
  details!: DetailEntryType[];

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When someone of the audience marked it read; null while unread.' })
  readAt!: Date | null;
}

export const NotificationConnection = makeConnectionType('Notification', NotificationType);
