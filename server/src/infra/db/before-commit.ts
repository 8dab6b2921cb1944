import type { EntityManager as CoreEntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Work waiting for its transaction's commit, per transaction (MikroORM's transaction object; a savepoint has its own). */
const pending = new WeakMap<object, ((em: EntityManager) => Promise<void>)[]>();

/**
 * Runs the work {@link runBeforeCommit} registered on a transaction right before MikroORM commits it (after its last
 * flush), in registration order, on the transaction's EntityManager. Work that fails fails the commit: the transaction
 * rolls back and the error reaches the caller of `transactional`. Registered in the ORM configuration (`orm-config.ts`).
 */
export const beforeCommitSubscriber: EventSubscriber = {
  async beforeTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction;
    if (!transaction) return;
    // Work registered while running earlier work (none today) runs too.
    for (let works = pending.get(transaction); works; works = pending.get(transaction)) {
      pending.delete(transaction);
      for (const work of works) await work(args.em as unknown as EntityManager);
    }
  },
};

/**
 * Registers `work` to run on `em`'s transaction right before it commits (see {@link beforeCommitSubscriber}): a lock the
 * work takes is then held only for the commit, not for the rest of the transaction. Rolled back, the work never runs.
 * @returns false — nothing registered, the caller runs the work now — when `em` is in no transaction or its
 *   EntityManager does not dispatch to the subscriber (an ORM opened without `makeOrmConfig`).
 */
export function runBeforeCommit(em: EntityManager, work: (em: EntityManager) => Promise<void>): boolean {
  const transaction = em.getTransactionContext<object>();
  if (!transaction || !(em as unknown as CoreEntityManager).getEventManager().getSubscribers().has(beforeCommitSubscriber)) return false;
  const works = pending.get(transaction);
  if (works) works.push(work);
  else pending.set(transaction, [work]);
  return true;
}
