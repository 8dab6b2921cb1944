import type { EntityManager } from '@mikro-orm/postgresql';
import { isRole, type Role } from '../../domain/auth/roles.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { channelTargetLimits, parseRecipients, parseWebhookSecret, parseWebhookUrl } from '../../domain/notification/channel-target.ts';
import { notificationChannelKinds, NotificationChannel, type NotificationChannelKind } from '../../domain/notification/notification-channel.entity.ts';
import { NotificationDelivery } from '../../domain/notification/notification-delivery.entity.ts';
import { notificationKinds, type NotificationKind } from '../../domain/notification/notification-kind.ts';
import { notificationSeverities, type NotificationSeverity } from '../../domain/notification/notification-severity.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { sealSecret } from '../../infra/security/secret-box.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { deliveryJobKey } from './channel-fanout.ts';
import { channelSecretContext, generateWebhookSecret } from './channel-secret.ts';

/** What an admin sets on a channel (on update, absent = unchanged). */
export interface NotificationChannelInput {
  name?: string | null;
  kind?: NotificationChannelKind | null;
  enabled?: boolean | null;
  audiences?: readonly string[] | null;
  /** Empty = every kind. */
  notificationKinds?: readonly string[] | null;
  minimumSeverity?: NotificationSeverity | null;
  /** Webhook endpoint. */
  url?: string | null;
  /** Webhook signing secret `whsec_…` given by the admin; absent on create = generated. */
  secret?: string | null;
  /** Update: replace the signing secret with a generated one. */
  rotateSecret?: boolean | null;
  /** Email recipients. */
  recipients?: readonly string[] | null;
}

/** A channel after a change, with the signing secret the platform generated in this call (shown this once, never again). */
export interface ChannelChange {
  channel: NotificationChannel;
  generatedSecret: string | null;
}

/**
 * Notification channels, configured by admins (creating, changing and deleting one is a production action: TOTP;
 * each is audited without its secret). A webhook's signing secret is sealed with the secret box bound to its row and
 * leaves the platform only in the signatures; reads say only whether one is set.
 */
export class NotificationChannelService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly maxAttempts: number;
  constructor(ctx: ServiceContext, governance: Governance, maxAttempts: number) {
    this.ctx = ctx;
    this.governance = governance;
    this.maxAttempts = maxAttempts;
  }

  /** Channels not deleted, by name. @throws ForbiddenError (admin, compliance). */
  async list(): Promise<NotificationChannel[]> {
    await this.governance.authorize('read', 'NotificationChannel');
    return this.ctx.em.find(NotificationChannel, { deletedAt: null }, { orderBy: { name: 'asc' } });
  }

  /** One channel (also a deleted one, for the delivery log). @throws NotFoundError, ForbiddenError. */
  async get(id: string): Promise<NotificationChannel> {
    await this.governance.authorize('read', 'NotificationChannel', id);
    const channel = await this.ctx.em.findOne(NotificationChannel, { id });
    if (!channel) throw new NotFoundError('NotificationChannel', id);
    return channel;
  }

  /**
   * Creates a channel. A webhook needs `url` and takes `secret` or generates one (returned once in the result);
   * an email channel needs `recipients` (sent through the configured SMTP server).
   * @throws ValidationError naming the field, ConflictError (name taken), ForbiddenError (admin with step-up).
   */
  async create(input: NotificationChannelInput): Promise<ChannelChange> {
    await this.governance.authorizeUseCase('createNotificationChannel');
    if (!input.kind || !notificationChannelKinds.includes(input.kind)) throw new ValidationError(`kind must be one of ${notificationChannelKinds.join(', ')}`, 'kind');
    const kind = input.kind;
    const name = parseName(input.name ?? '');
    const audiences = parseAudiences(input.audiences ?? []);
    const kinds = parseKinds(input.notificationKinds ?? []);
    const minimumSeverity = parseSeverity(input.minimumSeverity ?? 'info');
    const target = kind === 'webhook' ? this.webhookTarget(input, true) : emailTarget(input, true);
    const id = newId();
    return this.ctx.em.transactional(async (em) => {
      await this.assertNameFree(em, name, null);
      const secret = target.secret ?? null;
      const channel = em.create(NotificationChannel, {
        id,
        name,
        kind,
        enabled: input.enabled ?? true,
        audiences,
        notificationKinds: kinds,
        minimumSeverity,
        url: target.url ?? null,
        sealedSecret: secret ? sealSecret(this.governance.security, secret, channelSecretContext(id)) : null,
        recipients: target.recipients ?? [],
        createdBy: this.ctx.actor.userId ? em.getReference(User, this.ctx.actor.userId) : null,
        deletedAt: null,
      });
      await em.flush();
      await this.governance.audit.record(em, { action: 'notification_channel.created', subjectType: 'NotificationChannel', subjectId: id, details: { ...auditView(channel), secretGenerated: target.generated } });
      return { channel, generatedSecret: target.generated ? secret : null };
    });
  }

  /**
   * Changes a channel: any of name, enabled, audiences, kinds, minimum severity, and its target (url / secret /
   * `rotateSecret` for a webhook, recipients for email; its kind stays).
   * @throws ValidationError naming the field, NotFoundError, ConflictError (name taken), ForbiddenError (admin with step-up).
   */
  async update(id: string, input: NotificationChannelInput): Promise<ChannelChange> {
    await this.governance.authorizeUseCase('updateNotificationChannel', id);
    return this.ctx.em.transactional(async (em) => {
      const channel = await this.existing(em, id);
      if (input.kind && input.kind !== channel.kind) throw new ValidationError('a channel keeps its kind: create another channel instead', 'kind');
      const changed: string[] = [];
      if (input.name !== undefined && input.name !== null) {
        const name = parseName(input.name);
        if (name !== channel.name) await this.assertNameFree(em, name, id);
        channel.name = name;
        changed.push('name');
      }
      if (input.enabled !== undefined && input.enabled !== null) {
        channel.enabled = input.enabled;
        changed.push('enabled');
      }
      if (input.audiences) {
        channel.audiences = parseAudiences(input.audiences);
        changed.push('audiences');
      }
      if (input.notificationKinds) {
        channel.notificationKinds = parseKinds(input.notificationKinds);
        changed.push('notificationKinds');
      }
      if (input.minimumSeverity) {
        channel.minimumSeverity = parseSeverity(input.minimumSeverity);
        changed.push('minimumSeverity');
      }
      let generated: string | null = null;
      if (channel.kind === 'webhook') {
        const target = this.webhookTarget(input, false);
        if (target.url) {
          channel.url = target.url;
          changed.push('url');
        }
        if (target.secret) {
          channel.sealedSecret = sealSecret(this.governance.security, target.secret, channelSecretContext(id));
          changed.push(target.generated ? 'secretRotated' : 'secretReplaced');
          if (target.generated) generated = target.secret;
        }
      } else {
        const target = emailTarget(input, false);
        if (target.recipients) {
          channel.recipients = target.recipients;
          changed.push('recipients');
        }
      }
      await em.flush();
      await this.governance.audit.record(em, { action: 'notification_channel.updated', subjectType: 'NotificationChannel', subjectId: id, details: { ...auditView(channel), changed } });
      return { channel, generatedSecret: generated };
    });
  }

  /**
   * Deletes a channel: it stops receiving deliveries (queued ones are given up when they run), its secret is wiped,
   * and the row stays for its delivery log. @throws NotFoundError, ForbiddenError (admin with step-up).
   */
  async delete(id: string): Promise<NotificationChannel> {
    await this.governance.authorizeUseCase('deleteNotificationChannel', id);
    return this.ctx.em.transactional(async (em) => {
      const channel = await this.existing(em, id);
      channel.deletedAt = this.ctx.clock.now();
      channel.enabled = false;
      channel.sealedSecret = null;
      await em.flush();
      await this.governance.audit.record(em, { action: 'notification_channel.deleted', subjectType: 'NotificationChannel', subjectId: id, details: auditView(channel) });
      return channel;
    });
  }

  /**
   * Queues a test message (`channel.test`) to one channel, whatever it subscribes to (also when disabled: the
   * attempt then says so), and returns its delivery — follow it in the delivery log.
   * @throws NotFoundError, ForbiddenError (admin).
   */
  async sendTest(id: string): Promise<NotificationDelivery> {
    await this.governance.authorizeUseCase('sendTestNotification', id);
    return this.ctx.em.transactional(async (em) => {
      const channel = await this.existing(em, id);
      const now = this.ctx.clock.now();
      const who = this.ctx.actor.email ?? 'the platform';
      const delivery = em.create(NotificationDelivery, {
        channel,
        notification: null,
        event: 'channel.test',
        payload: {
          type: 'channel.test',
          timestamp: now.toISOString(),
          data: { kind: 'channel.test', severity: 'info', message: `Test notification from Crucible to channel "${channel.name}", sent by ${who}.`, channelId: channel.id, channelName: channel.name, details: {} },
        },
        status: 'pending',
        attempts: 0,
        maxAttempts: this.maxAttempts,
      });
      await em.flush();
      await enqueueJob(em, 'deliver_notification', { deliveryId: delivery.id, correlationId: this.ctx.correlationId }, { jobKey: deliveryJobKey(delivery.id) });
      await this.governance.audit.record(em, { action: 'notification_channel.test_sent', subjectType: 'NotificationChannel', subjectId: id, details: { deliveryId: delivery.id, name: channel.name } });
      await publishEvent(em, 'NOTIFICATION_DELIVERY_UPDATED', { id: delivery.id, channelId: channel.id, status: delivery.status });
      return delivery;
    });
  }

  private async existing(em: EntityManager, id: string): Promise<NotificationChannel> {
    const channel = await em.findOne(NotificationChannel, { id, deletedAt: null });
    if (!channel) throw new NotFoundError('NotificationChannel', id);
    return channel;
  }

  private async assertNameFree(em: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const taken = await em.findOne(NotificationChannel, { name, deletedAt: null, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
    if (taken) throw new ConflictError(`a notification channel named "${name}" exists already`);
  }

  private webhookTarget(input: NotificationChannelInput, creating: boolean): { url?: string; secret?: string; generated: boolean; recipients?: undefined } {
    if (input.recipients && input.recipients.length > 0) throw new ValidationError('a webhook channel has no recipients', 'recipients');
    if (creating && !input.url) throw new ValidationError('a webhook channel needs its endpoint url', 'url');
    const url = input.url ? parseWebhookUrl(input.url) : undefined;
    if (input.secret && input.rotateSecret) throw new ValidationError('give a secret or ask to rotate it, not both', 'rotateSecret');
    if (input.secret) return { url, secret: parseWebhookSecret(input.secret), generated: false };
    if (creating || input.rotateSecret) return { url, secret: generateWebhookSecret(), generated: true };
    return { url, generated: false };
  }
}

function emailTarget(input: NotificationChannelInput, creating: boolean): { recipients?: string[]; url?: undefined; secret?: undefined; generated: false } {
  if (input.url) throw new ValidationError('an email channel has no url', 'url');
  if (input.secret || input.rotateSecret) throw new ValidationError('an email channel has no signing secret', 'secret');
  if (creating || input.recipients) return { recipients: parseRecipients(input.recipients ?? []), generated: false };
  return { generated: false };
}

function parseName(value: string): string {
  const name = value.trim();
  if (name.length < 1 || name.length > channelTargetLimits.nameCharacters) throw new ValidationError(`name must be 1–${channelTargetLimits.nameCharacters} characters`, 'name');
  return name;
}

function parseAudiences(values: readonly string[]): Role[] {
  const unknown = values.find((value) => !isRole(value));
  if (unknown !== undefined) throw new ValidationError(`"${unknown.slice(0, 40)}" is not a role`, 'audiences');
  const audiences = [...new Set(values)] as Role[];
  if (audiences.length === 0) throw new ValidationError('subscribe the channel to at least one role', 'audiences');
  return audiences;
}

function parseKinds(values: readonly string[]): NotificationKind[] {
  const unknown = values.find((value) => !(notificationKinds as readonly string[]).includes(value));
  if (unknown !== undefined) throw new ValidationError(`"${unknown.slice(0, 40)}" is not a notification kind (${notificationKinds.join(', ')})`, 'notificationKinds');
  return [...new Set(values)] as NotificationKind[];
}

function parseSeverity(value: string): NotificationSeverity {
  if (!(notificationSeverities as readonly string[]).includes(value)) throw new ValidationError(`minimumSeverity must be one of ${notificationSeverities.join(', ')}`, 'minimumSeverity');
  return value as NotificationSeverity;
}

/** What the audit trail keeps of a channel: never its secret, and of a webhook only the endpoint's origin (a path or query may carry a token). */
function auditView(channel: NotificationChannel): Record<string, unknown> {
  return {
    name: channel.name,
    kind: channel.kind,
    enabled: channel.enabled,
    audiences: channel.audiences,
    notificationKinds: channel.notificationKinds,
    minimumSeverity: channel.minimumSeverity,
    ...(channel.kind === 'webhook' ? { endpointOrigin: channel.url ? new URL(channel.url).origin : null, secretSet: channel.sealedSecret !== null } : { recipientCount: channel.recipients.length }),
  };
}
