import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { NotificationKind } from '../../domain/notification/notification-kind.ts';
import type { Role } from '../../domain/auth/roles.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { Notification } from '../../domain/notification/notification.entity.ts';
import { paginate, maxPageSize, type Page, type PageRequest } from '../pagination.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import { defaultNotificationSeverity, type NotificationSeverity } from '../../domain/notification/notification-severity.ts';
import { defaultDeliveryRetryPolicy, type DeliveryRetryPolicy } from '../../domain/notification/delivery-retry.ts';
import { queueChannelDeliveriesIn } from './channel-fanout.ts';

/** What one notification says; it is written once per audience role. */
export interface NotificationMessage {
  kind: NotificationKind;
  /** How urgent; default from the kind (`defaultNotificationSeverity`: an incident's own severity, `critical` for an escalated job). */
  severity?: NotificationSeverity;
  message: string;
  subjectType?: string | null;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * In-app notifications (lifecycle-spec FR-032). A notification is addressed to a ROLE (`audience`), not to a
 * person: everyone holding that role sees it, and "read" is kept per notification — whoever of the role marks it
 * read marks it read for the whole role. That suits a desk sharing one inbox; per-person read receipts would need
 * a receipt table (not needed yet).
 */
export class NotificationService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly retry: DeliveryRetryPolicy;
  constructor(ctx: ServiceContext, governance: Governance, retry: DeliveryRetryPolicy = defaultDeliveryRetryPolicy) {
    this.ctx = ctx;
    this.governance = governance;
    this.retry = retry;
  }

  /**
   * The viewer's notifications (audience ∈ the viewer's roles in force), newest first; `unreadOnly` keeps those
   * nobody marked read. The platform account holds no role and so sees none.
   * @throws ValidationError (page arguments), ForbiddenError (needs `read Notification`).
   */
  async listForViewer(page: PageRequest, filter: { unreadOnly?: boolean | null } = {}): Promise<Page<Notification>> {
    await this.governance.authorize('read', 'Notification');
    return paginate(this.ctx.em, Notification, this.visibleWhere(filter.unreadOnly ?? false), page);
  }

  /** One of the viewer's notifications. @throws NotFoundError (also when addressed to a role the viewer lacks), ForbiddenError. */
  async get(id: string): Promise<Notification> {
    await this.governance.authorize('read', 'Notification', id);
    const notification = uuidPattern.test(id) ? await this.ctx.em.findOne(Notification, { $and: [this.visibleWhere(false), { id }] }) : null;
    if (!notification) throw new NotFoundError('Notification', id);
    return notification;
  }

  /** Number of the viewer's unread notifications. @throws ForbiddenError (needs `read Notification`). */
  async unreadCount(): Promise<number> {
    await this.governance.authorize('read', 'Notification');
    return this.ctx.em.count(Notification, this.visibleWhere(true));
  }

  /**
   * Marks notifications read (for their whole audience role) and publishes each one marked (`NOTIFICATION_READ`, so
   * the audience's open pages and badges update). Ids the viewer cannot see, or already read, are left as they are;
   * returns the viewer's notifications among `ids` after the change.
   * @throws ValidationError naming `ids` (not UUIDs, more than 200), ForbiddenError (needs `read Notification`).
   */
  async markRead(ids: readonly string[]): Promise<Notification[]> {
    await this.governance.authorizeUseCase('markNotificationsRead');
    if (ids.length > maxPageSize) throw new ValidationError(`mark at most ${maxPageSize} notifications at once`, 'ids');
    const invalid = ids.find((id) => !uuidPattern.test(id));
    if (invalid !== undefined) throw new ValidationError(`"${invalid}" is not a notification id`, 'ids');
    if (ids.length === 0) return [];
    return this.ctx.em.transactional(async (em) => {
      const visible = await em.find(Notification, { $and: [this.visibleWhere(false), { id: { $in: [...ids] } }] }, { orderBy: { id: 'desc' } });
      const now = this.ctx.clock.now();
      const marked = visible.filter((notification) => notification.readAt === null);
      for (const notification of marked) notification.readAt = now;
      await em.flush();
      if (marked.length > 0) {
        await this.governance.audit.record(em, {
          action: 'notification.read',
          subjectType: 'Notification',
          subjectId: marked.length === 1 ? marked[0]!.id : null,
          details: { ids: marked.map((notification) => notification.id) },
        });
      }
      for (const notification of marked) await publishEvent(em, 'NOTIFICATION_READ', { id: notification.id, audience: notification.audience });
      return visible;
    });
  }

  /**
   * Writes `message` once per audience role on `em`, inside the caller's use-case transaction (the caller has
   * authorized and audits the use-case), publishes each (`NOTIFICATION_CREATED`, pushed to the audience's open
   * pages on commit), and queues one delivery (row + `deliver_notification` job) per enabled channel subscribed to
   * one of the roles, the kind and the severity — in the same transaction, so a rolled-back use-case notifies
   * nobody, and sending happens in the worker afterwards: a slow or failing channel never delays or fails the
   * caller. Not a use-case of its own.
   */
  async notifyIn(em: EntityManager, audiences: readonly Role[], message: NotificationMessage): Promise<Notification[]> {
    const details = message.details ?? {};
    const severity = message.severity ?? defaultNotificationSeverity(message.kind, details);
    const notifications = [...new Set(audiences)].map((audience) =>
      em.create(Notification, {
        audience,
        kind: message.kind,
        severity,
        message: message.message,
        subjectType: message.subjectType ?? null,
        subjectId: message.subjectId ?? null,
        details,
        readAt: null,
      }),
    );
    for (const notification of notifications) await publishEvent(em, 'NOTIFICATION_CREATED', { id: notification.id, audience: notification.audience });
    await queueChannelDeliveriesIn(em, notifications, this.retry.maxAttempts, this.ctx.clock.now());
    return notifications;
  }

  private visibleWhere(unreadOnly: boolean): FilterQuery<Notification> {
    const where: FilterQuery<Notification> = { audience: { $in: [...this.ctx.actor.roles] } };
    return unreadOnly ? { ...where, readAt: null } : where;
  }
}
