import type { Subject } from '../../domain/auth/abilities.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';

/**
 * Turns the snapshot an event carries back into its entity, for subscriptions: they deliver the object's state
 * as of the event, never a later re-read. The snapshot is mapped onto this context's EntityManager (no query);
 * authorization is applied here, as the object's `get` would.
 */
export class EventSnapshots {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * The event's object as of the event (`subject` is also its entity's name).
   * @throws ForbiddenError/UnauthenticatedError (needs `read` on `subject`), NotFoundError when the event carried no
   * snapshot (the row was already gone when it was published).
   */
  async asOfEvent<T extends object>(subject: Subject, delivery: EventDelivery): Promise<T> {
    const id = typeof delivery.snapshot?.id === 'string' ? delivery.snapshot.id : null;
    await this.governance.authorize('read', subject, id);
    if (!delivery.snapshot || id === null) throw new NotFoundError(subject, JSON.stringify(delivery.payload));
    const meta = this.ctx.em.getMetadata().getByClassName(subject);
    return this.ctx.em.map(meta.class, delivery.snapshot as never) as T;
  }
}
