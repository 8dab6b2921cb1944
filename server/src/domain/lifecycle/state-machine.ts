/**
 * One mechanism for every lifecycle (backtest run, optimization, evaluation cycle, strategy, version approval,
 * incident, and the ones to come): a transition table, the reason a move is refused, and what a terminal state
 * means to a repeated request. A machine is pure data plus pure functions; {@link applyTransition} applies it to a
 * row under a lock inside the use-case transaction.
 */

/** The move being judged, as the refusal messages see it. */
export interface Move<S extends string> {
  from: S;
  to: S;
  /** States `from` may move to. */
  allowed: readonly S[];
  /** How the caller names the row in messages, e.g. `backtest run 0192…` or `version v2`. */
  subject: string;
}

/** How a machine is written down (see {@link defineStateMachine}). */
export interface StateMachineSpec<S extends string, E> {
  /** Transition table: every state with the states it may move to; a state with none is terminal. */
  transitions: Readonly<Record<S, readonly S[]>>;
  /**
   * What a move out of a terminal state means: `keep` — the request is a repeat (a retried or duplicate job) and the
   * row is returned unchanged; `refuse` — it is refused like any other illegal move.
   */
  onTerminal: 'keep' | 'refuse';
  /** The refusal of a move the table does not allow. Default: `<subject> cannot go from <from> to <to>`. */
  illegal?: (move: Move<S>) => string;
  /** Refusal of a move the table allows but whose gate `evidence` does not pass; null when it passes. */
  guard?: (move: Move<S>, evidence: E) => string | null;
}

/** A lifecycle: states, table, refusal reasons. `E` is the evidence its gates need (`undefined` for none). */
export interface StateMachine<S extends string, E = undefined> {
  readonly states: readonly S[];
  readonly transitions: Readonly<Record<S, readonly S[]>>;
  readonly onTerminal: 'keep' | 'refuse';
  /** True for states nothing leaves. */
  isTerminal(state: S): boolean;
  /**
   * Why `from → to` is refused, or null when it is allowed. `subject` names the row in the message. A move out of a
   * terminal state of a `keep` machine is also refused here; {@link applyTransition} checks `isTerminal` first.
   */
  refusal(from: S, to: S, evidence: E, subject: string): string | null;
}

/** Builds a {@link StateMachine} from its table and refusal rules. */
export function defineStateMachine<S extends string, E = undefined>(spec: StateMachineSpec<S, E>): StateMachine<S, E> {
  const states = Object.keys(spec.transitions) as S[];
  for (const [from, targets] of Object.entries(spec.transitions) as [S, readonly S[]][]) {
    for (const to of targets) if (!(to in spec.transitions)) throw new Error(`transition table: ${from} → ${to} leads to an unknown state`);
  }
  const illegal = spec.illegal ?? ((move: Move<S>) => `${move.subject} cannot go from ${move.from} to ${move.to}`);
  return {
    states,
    transitions: spec.transitions,
    onTerminal: spec.onTerminal,
    isTerminal: (state) => spec.transitions[state].length === 0,
    refusal(from, to, evidence, subject) {
      const move: Move<S> = { from, to, allowed: spec.transitions[from], subject };
      if (!move.allowed.includes(to)) return illegal(move);
      return spec.guard ? spec.guard(move, evidence) : null;
    },
  };
}
