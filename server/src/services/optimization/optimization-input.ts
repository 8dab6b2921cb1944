import { findUnsatisfiableConstraint, getStrategyTemplate, type MetricName, type ParameterDefinition, type ParameterSpace, type SearchMethod as EngineSearchMethod, type SearchObjective } from '../../engine/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { SearchMethod } from '../../domain/optimization/search-method.ts';
import type { ObjectiveSpec, ParameterOverride, WalkForwardWindowsSpec } from '../../domain/optimization/optimization-settings.ts';

/** Metrics an objective or constraint may name (engine `PerformanceMetrics` fields). */
export const objectiveMetrics = [
  'totalReturn',
  'cagr',
  'annualVolatility',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'valueAtRisk',
  'conditionalValueAtRisk',
  'tailRatio',
  'omega',
  'stability',
  'downsideRisk',
  'winRate',
  'profitFactor',
  'payoffRatio',
  'exposure',
  'turnover',
] as const satisfies readonly MetricName[];

/** Largest trial budget per segment (the largest number of segments per dataset: domain `maxSegmentsPerDataset`). */
export const maxTrialBudget = 1000;

/** Domain search method → engine search method (`bayesian` is the engine's TPE). */
export function toEngineSearchMethod(method: SearchMethod): EngineSearchMethod {
  return method === 'bayesian' ? 'tree_parzen' : method;
}

/**
 * The template's parameter space narrowed by `overrides`: numeric bounds within the template's bounds, a positive
 * step (whole for integers), choices among the template's choices. Defaults outside the narrowed range move to it.
 * The narrowed space must still satisfy the template's constraints (engine `findUnsatisfiableConstraint`).
 * @throws ValidationError naming `parameterOverrides.<name>` (an unsatisfiable constraint is named in the message).
 */
export function applyParameterOverrides(templateId: string, overrides: readonly ParameterOverride[]): ParameterSpace {
  const template = getStrategyTemplate(templateId);
  const byName = new Map(overrides.map((override) => [override.name, override]));
  for (const name of byName.keys()) {
    if (!template.parameterSpace.parameters.some((definition) => definition.name === name)) {
      throw new ValidationError(`template ${templateId} has no parameter ${name}`, `parameterOverrides.${name}`);
    }
  }
  const parameters = template.parameterSpace.parameters.map((definition): ParameterDefinition => {
    const override = byName.get(definition.name);
    if (!override) return definition;
    const field = `parameterOverrides.${definition.name}`;
    if (definition.kind === 'integer' || definition.kind === 'float') {
      const min = override.min ?? definition.min ?? 0;
      const max = override.max ?? definition.max ?? 0;
      const step = override.step ?? definition.step;
      if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new ValidationError(`${definition.name}: min must be ≤ max`, field);
      if ((definition.min !== undefined && min < definition.min) || (definition.max !== undefined && max > definition.max)) {
        throw new ValidationError(`${definition.name}: bounds must stay within [${definition.min}, ${definition.max}]`, field);
      }
      if (step !== undefined && (!(step > 0) || (definition.kind === 'integer' && !Number.isInteger(step)))) {
        throw new ValidationError(`${definition.name}: step must be > 0${definition.kind === 'integer' ? ' and whole' : ''}`, field);
      }
      if (definition.kind === 'integer' && (!Number.isInteger(min) || !Number.isInteger(max))) throw new ValidationError(`${definition.name}: bounds must be whole`, field);
      const fallback = typeof definition.default === 'number' ? Math.min(max, Math.max(min, definition.default)) : min;
      return { ...definition, min, max, ...(step === undefined ? {} : { step }), default: definition.kind === 'integer' ? Math.round(fallback) : fallback };
    }
    if (override.choices) {
      const allowed = definition.kind === 'boolean' ? [true, false] : (definition.choices ?? []);
      if (override.choices.length === 0 || override.choices.some((choice) => !allowed.includes(choice))) {
        throw new ValidationError(`${definition.name}: choices must be a non-empty subset of ${JSON.stringify(allowed)}`, field);
      }
      const choices = [...override.choices];
      return { ...definition, kind: 'categorical', choices, default: choices.includes(definition.default) ? definition.default : choices[0] };
    }
    return definition;
  });
  const space = { parameters, constraints: template.parameterSpace.constraints };
  const unsatisfiable = findUnsatisfiableConstraint(space);
  if (unsatisfiable) {
    const range = (name: string) => {
      const definition = parameters.find((candidate) => candidate.name === name);
      return definition?.choices ? `${name} ∈ ${JSON.stringify(definition.choices)}` : `${name} ∈ [${definition?.min}, ${definition?.max}]`;
    };
    throw new ValidationError(
      `no point of the parameter space satisfies the constraint ${unsatisfiable.description} (${range(unsatisfiable.left)}, ${range(unsatisfiable.right)})`,
      `parameterOverrides.${byName.has(unsatisfiable.left) ? unsatisfiable.left : unsatisfiable.right}`,
    );
  }
  return space;
}

/** @throws ValidationError naming `windows.<field>`. */
export function validateWindows(windows: WalkForwardWindowsSpec): WalkForwardWindowsSpec {
  for (const field of ['trainSize', 'testSize', 'stepSize'] as const) {
    const value = windows[field];
    if (!Number.isFinite(value) || value <= 0 || (windows.unit === 'bars' && !Number.isInteger(value))) {
      throw new ValidationError(`${field} must be a positive ${windows.unit === 'bars' ? 'whole number of bars' : 'duration in ms'}`, `windows.${field}`);
    }
  }
  if (windows.stepSize < windows.testSize) throw new ValidationError('stepSize must be ≥ testSize', 'windows.stepSize');
  return windows;
}

/** @throws ValidationError naming `objective.metric` or `objective.constraints`. */
export function toSearchObjective(spec: ObjectiveSpec): SearchObjective {
  const isMetric = (name: string): name is (typeof objectiveMetrics)[number] => (objectiveMetrics as readonly string[]).includes(name);
  if (!isMetric(spec.metric)) throw new ValidationError(`unknown objective metric ${spec.metric}`, 'objective.metric');
  const constraints = spec.constraints.map((constraint) => {
    if (!isMetric(constraint.metric)) throw new ValidationError(`unknown constraint metric ${constraint.metric}`, 'objective.constraints');
    if (!Number.isFinite(constraint.value)) throw new ValidationError('constraint values must be finite', 'objective.constraints');
    return { metric: constraint.metric, operator: constraint.operator, value: constraint.value };
  });
  return { metric: spec.metric, direction: spec.direction, constraints };
}
