import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';

/**
 * The checkpoint of a running task (backtest, optimization, evaluation cycle): true once its row was cancelled. The
 * status is read fresh on a new fork, outside the task's unit of work, so a cancellation committed by another
 * process is seen at the next checkpoint.
 */
export async function wasCancelled<Row extends { id: string; status: string }>(em: EntityManager, entity: EntityClass<Row>, id: string): Promise<boolean> {
  const row = await em.fork().findOne(entity, { id } as never, { fields: ['status'] as never });
  return (row as { status?: string } | null)?.status === 'cancelled';
}
