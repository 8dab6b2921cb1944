import { LockMode, type EntityClass, type EntityManager } from '@mikro-orm/core';
import { ConflictError, NotFoundError } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { StateMachine } from './state-machine.ts';

/** The properties of `Row` that hold a state of `S`. */
export type StateField<Row, S extends string> = { [K in keyof Row]-?: [Row[K]] extends [S] ? K : never }[keyof Row] & string;

/** One move of one row: which row, which of its properties holds the state, where to, and what goes with it. */
export interface TransitionRequest<Row extends object, S extends string, E, M extends EntityManager = EntityManager> {
  entity: EntityClass<Row>;
  id: string;
  field: StateField<Row, S>;
  to: S;
  /** The evidence the machine's gate needs, read inside the transaction after the row is locked. */
  evidence?: (row: Row, em: M) => E | Promise<E>;
  /** How messages name the row; default `<Entity> <id>`. */
  subject?: (row: Row) => string;
  /** Further changes that belong to the move (timestamps, results), applied after the state is set, before the flush. */
  change?: (row: Row, em: M, from: S) => void | Promise<void>;
}

/** What {@link applyTransition} did. `changed` is false only when a `keep` machine found the row terminal. */
export interface TransitionResult<Row, S extends string> {
  row: Row;
  from: S;
  changed: boolean;
}

/**
 * Applies `machine` to one row: locks it (`SELECT … FOR UPDATE`, fresh from the database), checks the move, sets the
 * state, applies `change` and flushes — all in `em`, which must be the use-case transaction (MikroORM refuses a
 * pessimistic lock outside one). Concurrent moves of the same row therefore run one after the other, each judging
 * the state the previous one left. A row already terminal is returned unchanged when the machine says `keep`.
 * @throws NotFoundError (no such row, or an id that is not a UUID); ConflictError with the machine's refusal reason.
 */
export async function applyTransition<Row extends object, S extends string, E = undefined, M extends EntityManager = EntityManager>(
  em: M,
  machine: StateMachine<S, E>,
  request: TransitionRequest<Row, S, E, M>,
): Promise<TransitionResult<Row, S>> {
  const name = request.entity.name;
  const row = isUuid(request.id)
    ? await em.findOne(request.entity, { id: request.id } as never, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true })
    : null;
  if (!row) throw new NotFoundError(name, request.id);
  const state = row as unknown as Record<string, S>;
  const from = state[request.field]!;
  if (machine.onTerminal === 'keep' && machine.isTerminal(from)) return { row, from, changed: false };
  const evidence = request.evidence ? await request.evidence(row, em) : (undefined as E);
  const subject = request.subject ? request.subject(row) : `${name} ${request.id}`;
  const refusal = machine.refusal(from, request.to, evidence, subject);
  if (refusal !== null) throw new ConflictError(refusal);
  state[request.field] = request.to;
  await request.change?.(row, em, from);
  await em.flush();
  return { row, from, changed: true };
}
