import { LockMode, wrap } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { nextRetryDelayMs } from '../../domain/notification/delivery-retry.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { NotificationChannel } from '../../domain/notification/notification-channel.entity.ts';
import { NotificationDeliveryAttempt } from '../../domain/notification/notification-delivery-attempt.entity.ts';
import { NotificationDelivery, type NotificationDeliveryStatus } from '../../domain/notification/notification-delivery.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { enqueueJob } from '../../infra/jobs/enqueue-job.ts';
import { defaultNotificationDeliverySettings, type NotificationDeliverySettings } from '../../infra/notification/delivery-settings.ts';
import { sendEmail } from '../../infra/notification/smtp-transport.ts';
import { postSignedWebhook, type DeliveryAttemptResult } from '../../infra/notification/webhook-transport.ts';
import { openSecret } from '../../infra/security/secret-box.ts';
import type { Governance } from '../auth/authorize.ts';
import { paginate, type Page, type PageRequest } from '../pagination.ts';
import type { ServiceContext } from '../service-context.ts';
import { deliveryJobKey } from './channel-fanout.ts';
import { channelSecretContext } from './channel-secret.ts';
import { emailOf } from './delivery-email.ts';

/** Filter of the delivery log. */
export interface DeliveryLogFilter {
  channelId?: string | null;
  status?: NotificationDeliveryStatus | null;
}

/**
 * Sends queued notification deliveries (the `deliver_notification` task) and serves the delivery log. An attempt
 * runs OUTSIDE any transaction (a hanging endpoint holds no lock and delays no use-case; it is bounded by the
 * webhook timeout or the SMTP timeouts), then its outcome is recorded in one transaction: the attempt row, the
 * delivery's status, and — when it failed with attempts left — the next attempt's job at the backoff delay.
 */
export class NotificationDeliveryService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly settings: NotificationDeliverySettings;
  constructor(ctx: ServiceContext, governance: Governance, settings: NotificationDeliverySettings = defaultNotificationDeliverySettings) {
    this.ctx = ctx;
    this.governance = governance;
    this.settings = settings;
  }

  /**
   * One attempt of delivery `deliveryId` (platform use: the worker). A delivery already delivered or given up is
   * left as it is (a duplicate job does nothing); a channel disabled or deleted meanwhile gives the delivery up
   * without sending. Retries carry the same `webhook-id` / `Message-ID` (the delivery id) and the same body.
   * @throws NotFoundError, ForbiddenError (platform only).
   */
  async deliver(deliveryId: string): Promise<NotificationDelivery> {
    await this.governance.authorize('manage', 'NotificationDelivery', deliveryId);
    const em = this.ctx.em.fork();
    const delivery = await em.findOne(NotificationDelivery, { id: deliveryId }, { populate: ['channel'] });
    if (!delivery) throw new NotFoundError('NotificationDelivery', deliveryId);
    if (delivery.status === 'delivered' || delivery.status === 'failed') return delivery;
    const channel = delivery.channel as NotificationChannel;
    const attempt = delivery.attempts + 1;
    const startedAt = this.ctx.clock.now();
    const started = performance.now();
    const unusable = channel.deletedAt ? 'the channel was deleted' : !channel.enabled ? 'the channel is disabled' : null;
    const result: DeliveryAttemptResult = unusable
      ? { delivered: false, httpStatus: null, response: null, error: `${unusable}: not sent` }
      : await this.attempt(channel, delivery, startedAt);
    const durationMs = Math.round(performance.now() - started);
    return this.record(deliveryId, attempt, startedAt, durationMs, result, unusable !== null);
  }

  /** The delivery log, newest first (admin, risk, compliance). @throws ValidationError (page), ForbiddenError. */
  async list(page: PageRequest, filter: DeliveryLogFilter = {}): Promise<Page<NotificationDelivery>> {
    await this.governance.authorize('read', 'NotificationDelivery');
    const where: FilterQuery<NotificationDelivery> = {};
    if (filter.channelId) where.channel = filter.channelId;
    if (filter.status) where.status = filter.status;
    return paginate(this.ctx.em, NotificationDelivery, where, page, ['channel']);
  }

  /** One delivery. @throws NotFoundError, ForbiddenError. */
  async get(id: string): Promise<NotificationDelivery> {
    await this.governance.authorize('read', 'NotificationDelivery', id);
    const delivery = await this.ctx.em.findOne(NotificationDelivery, { id }, { populate: ['channel'] });
    if (!delivery) throw new NotFoundError('NotificationDelivery', id);
    return delivery;
  }

  /** A delivery's attempts, first first. @throws ForbiddenError. */
  async attempts(deliveryId: string): Promise<NotificationDeliveryAttempt[]> {
    await this.governance.authorize('read', 'NotificationDelivery', deliveryId);
    return this.ctx.em.find(NotificationDeliveryAttempt, { delivery: deliveryId }, { orderBy: { attempt: 'asc' } });
  }

  /**
   * The channel a delivery went to, as the delivery log shows it (name and kind, never its target or secret): readers
   * of the log (risk) need not read channels. @throws ForbiddenError.
   */
  async channelOf(delivery: NotificationDelivery): Promise<{ id: string; name: string; kind: NotificationChannel['kind'] }> {
    await this.governance.authorize('read', 'NotificationDelivery', delivery.id);
    const channel = wrap(delivery.channel).isInitialized() ? (delivery.channel as NotificationChannel) : await this.ctx.em.findOneOrFail(NotificationChannel, { id: delivery.channel.id });
    return { id: channel.id, name: channel.name, kind: channel.kind };
  }

  private async attempt(channel: NotificationChannel, delivery: NotificationDelivery, at: Date): Promise<DeliveryAttemptResult> {
    if (channel.kind === 'webhook') {
      let secret: string;
      try {
        secret = openSecret(this.governance.security, channel.sealedSecret ?? '', channelSecretContext(channel.id));
      } catch {
        return { delivered: false, httpStatus: null, response: null, error: 'the signing secret could not be opened (SECRETS_KEYS lacks its key?)' };
      }
      return postSignedWebhook({ url: channel.url!, secret, messageId: delivery.id, timestamp: at, body: JSON.stringify(delivery.payload), timeoutMs: this.settings.webhookTimeoutMs });
    }
    if (!this.settings.smtp) return { delivered: false, httpStatus: null, response: null, error: 'no SMTP server is configured (SMTP_HOST)' };
    return sendEmail(this.settings.smtp, emailOf(delivery, channel.recipients));
  }

  private async record(deliveryId: string, attempt: number, startedAt: Date, durationMs: number, result: DeliveryAttemptResult, final: boolean): Promise<NotificationDelivery> {
    return this.ctx.em.fork().transactional(async (em) => {
      const delivery = await em.findOneOrFail(NotificationDelivery, { id: deliveryId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Someone recorded this attempt already (a duplicate job raced this one): keep theirs.
      if (delivery.attempts >= attempt || delivery.status === 'delivered' || delivery.status === 'failed') return delivery;
      const now = this.ctx.clock.now();
      const delayMs = result.delivered || final ? null : nextRetryDelayMs({ ...this.settings.retry, maxAttempts: delivery.maxAttempts }, attempt);
      // The wait runs from the end of the failed attempt.
      const nextAttemptAt = delayMs === null ? null : new Date(startedAt.getTime() + durationMs + delayMs);
      em.create(NotificationDeliveryAttempt, {
        delivery,
        attempt,
        startedAt,
        durationMs,
        outcome: result.delivered ? 'delivered' : 'failed',
        httpStatus: result.httpStatus,
        response: result.response,
        error: result.error,
        nextAttemptAt,
      });
      delivery.attempts = attempt;
      delivery.lastAttemptAt = startedAt;
      delivery.lastHttpStatus = result.httpStatus;
      delivery.lastResponse = result.response;
      delivery.lastError = result.error;
      delivery.nextAttemptAt = nextAttemptAt;
      delivery.status = result.delivered ? 'delivered' : nextAttemptAt ? 'retrying' : 'failed';
      if (result.delivered) delivery.deliveredAt = now;
      await em.flush();
      if (nextAttemptAt) await enqueueJob(em, 'deliver_notification', { deliveryId, correlationId: this.ctx.correlationId }, { jobKey: deliveryJobKey(deliveryId), runAt: nextAttemptAt });
      await publishEvent(em, 'NOTIFICATION_DELIVERY_UPDATED', { id: delivery.id, channelId: delivery.channel.id, status: delivery.status });
      const log = { deliveryId, channelId: delivery.channel.id, attempt, status: delivery.status, httpStatus: result.httpStatus, durationMs, nextAttemptAt };
      if (result.delivered) this.ctx.logger.info(log, 'notification delivered');
      else this.ctx.logger.warn({ ...log, reason: result.error }, delivery.status === 'failed' ? 'notification delivery given up' : 'notification delivery failed; retry queued');
      return delivery;
    });
  }
}
