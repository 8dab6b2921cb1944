import type { PerformanceMetrics } from '../metrics/performance-metrics.ts';

/** A name of a {@link PerformanceMetrics} field. */
export type MetricName = keyof PerformanceMetrics;

/**
 * A constraint on one metric, e.g. `{ metric: 'maxDrawdown', operator: '>=', value: -0.25 }`
 * (drawdown no worse than −25 %). A NaN metric violates every constraint.
 */
export interface MetricConstraint {
  metric: MetricName;
  operator: '>=' | '<=' | '>' | '<';
  value: number;
}

/**
 * What a search optimizes: `direction` of `metric`, subject to `constraints`. Trials that break a
 * constraint are infeasible and always rank below every feasible trial.
 */
export interface SearchObjective {
  metric: MetricName;
  direction: 'maximize' | 'minimize';
  constraints: readonly MetricConstraint[];
}

/** The objective's verdict on one set of metrics. */
export interface ObjectiveEvaluation {
  /** The objective metric's value (may be NaN/±∞). */
  value: number;
  feasible: boolean;
  /** Human-readable description of each violated constraint. */
  violations: string[];
  /** Σ of how far each violated constraint is missed (∞ when the metric is NaN); 0 when feasible. */
  violationAmount: number;
}

/** Apply an objective to metrics. */
export function calculateObjectiveEvaluation(objective: SearchObjective, metrics: PerformanceMetrics): ObjectiveEvaluation {
  const violations: string[] = [];
  let violationAmount = 0;
  for (const constraint of objective.constraints) {
    const actual = metrics[constraint.metric];
    let holds: boolean;
    switch (constraint.operator) {
      case '>=':
        holds = actual >= constraint.value;
        break;
      case '<=':
        holds = actual <= constraint.value;
        break;
      case '>':
        holds = actual > constraint.value;
        break;
      case '<':
        holds = actual < constraint.value;
        break;
    }
    if (!holds) {
      violations.push(`${constraint.metric} ${constraint.operator} ${constraint.value} (was ${actual})`);
      violationAmount += actual === actual ? Math.abs(actual - constraint.value) : Number.POSITIVE_INFINITY;
    }
  }
  return { value: metrics[objective.metric], feasible: violations.length === 0, violations, violationAmount };
}

/**
 * Order two evaluations, best first (negative when `first` is better): feasible before
 * infeasible; among feasible, by objective in its direction with NaN last; among infeasible, by
 * smaller violation amount, then objective. Equal → 0 (callers break ties by trial index).
 */
export function compareObjectiveEvaluations(direction: 'maximize' | 'minimize', first: ObjectiveEvaluation, second: ObjectiveEvaluation): number {
  if (first.feasible !== second.feasible) return first.feasible ? -1 : 1;
  if (!first.feasible && first.violationAmount !== second.violationAmount) return first.violationAmount < second.violationAmount ? -1 : 1;
  const firstNaN = first.value !== first.value;
  const secondNaN = second.value !== second.value;
  if (firstNaN || secondNaN) return firstNaN === secondNaN ? 0 : firstNaN ? 1 : -1;
  if (first.value === second.value) return 0;
  const firstBetter = direction === 'maximize' ? first.value > second.value : first.value < second.value;
  return firstBetter ? -1 : 1;
}
