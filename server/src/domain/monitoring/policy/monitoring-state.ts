import type { RegimeBand } from '../../../engine/index.ts';
import type { MonitoringPersistence } from './monitoring-policy.ts';

/**
 * Persistence of one rule (or one pair of strategies) between evaluations, carried explicitly (pure in → out):
 * the current breach episode, the current unknown episode, and the key already acted on.
 */
export interface RulePersistenceState {
  /** Mark time (ms) of the first breaching mark of the current episode; null = not breaching. */
  breachStartMs: number | null;
  /** Consecutive breaching marks of the episode. */
  breachMarks: number;
  /** Mark time (ms) of the first unknown evaluation of the current unknown episode; null = known. */
  unknownSinceMs: number | null;
  /** The breach key whose action was already emitted; an episode acts once. */
  actedBreachKey: string | null;
  /** The unknown key whose warning was already emitted. */
  actedUnknownKey: string | null;
}

/** Monitoring state of one deployment after an evaluation; the input of the next. */
export interface MonitoringState {
  deploymentId: string;
  /** Time of the last evaluated mark (ms); evaluating the same mark again changes no counter (a retried job). */
  lastMarkMs: number | null;
  rules: Record<string, RulePersistenceState>;
  /** The regime band last confirmed (the reference a band change is measured against); null until the first labelled mark. */
  confirmedRegimeBand: RegimeBand | null;
}

/** The state before a deployment's first evaluation. */
export function initialMonitoringState(deploymentId: string): MonitoringState {
  return { deploymentId, lastMarkMs: null, rules: {}, confirmedRegimeBand: null };
}

export const cleanPersistence: RulePersistenceState = { breachStartMs: null, breachMarks: 0, unknownSinceMs: null, actedBreachKey: null, actedUnknownKey: null };

/** Outcome of one persistence step: the new state, the episode's key, how long it has held and whether to act now. */
export interface PersistenceStep {
  state: RulePersistenceState;
  key: string | null;
  sustainedMarks: number;
  sustainedMs: number;
  sustained: boolean;
  /** True exactly once per episode: when it first becomes sustained (or, for unknown, first seen). */
  act: boolean;
}

/**
 * Advances a rule's persistence by one evaluation of the mark at `markMs`. A breach starts or continues an episode
 * (key `<subject>:<rule>:<first breaching mark ms>`); it acts once, when it has held for `minBars` marks and
 * `minDurationMs`. An unknown outcome leaves the breach episode as it is (neither counts nor clears it) and opens
 * an unknown episode (key `<subject>:<rule>:unknown:<first unknown mark ms>`) that acts once, at once (fails closed).
 * A pass (or not applicable) clears both. `repeated` (the same mark evaluated again) changes no counter.
 */
export function stepPersistence(previous: RulePersistenceState, outcome: 'breach' | 'unknown' | 'clear', markMs: number, repeated: boolean, persistence: MonitoringPersistence, subject: string, rule: string): PersistenceStep {
  if (outcome === 'clear') return { state: { ...cleanPersistence }, key: null, sustainedMarks: 0, sustainedMs: 0, sustained: false, act: false };
  if (outcome === 'unknown') {
    const unknownSinceMs = previous.unknownSinceMs ?? markMs;
    const key = `${subject}:${rule}:unknown:${unknownSinceMs}`;
    const act = previous.actedUnknownKey !== key;
    return { state: { ...previous, unknownSinceMs, actedUnknownKey: key }, key, sustainedMarks: 0, sustainedMs: markMs - unknownSinceMs, sustained: false, act };
  }
  const breachStartMs = previous.breachStartMs ?? markMs;
  const breachMarks = previous.breachStartMs === null ? 1 : repeated ? previous.breachMarks : previous.breachMarks + 1;
  const key = `${subject}:${rule}:${breachStartMs}`;
  const sustainedMs = markMs - breachStartMs;
  const sustained = breachMarks >= persistence.minBars && sustainedMs >= persistence.minDurationMs;
  const act = sustained && previous.actedBreachKey !== key;
  return { state: { breachStartMs, breachMarks, unknownSinceMs: null, actedBreachKey: act ? key : previous.actedBreachKey, actedUnknownKey: previous.actedUnknownKey }, key, sustainedMarks: breachMarks, sustainedMs, sustained, act };
}
