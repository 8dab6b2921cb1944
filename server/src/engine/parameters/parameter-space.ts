/** A parameter value: numbers for `integer`/`float`, strings or numbers for `categorical`, booleans for `boolean`. */
export type ParameterValue = number | string | boolean;

/** One concrete point of a parameter space, keyed by parameter name. */
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

/** The kind of a parameter, which decides how it is validated and sampled. */
export type ParameterKind = 'integer' | 'float' | 'categorical' | 'boolean';

/**
 * One dimension of a template's parameter space.
 *
 * - `integer`: whole numbers in `[min, max]`, on the grid `min + k·step` (step defaults to 1).
 * - `float`: numbers in `[min, max]`; when `step` is set, on the grid `min + k·step`
 *   (checked to a relative tolerance of 1e-9 of `step`).
 * - `categorical`: one of `choices`.
 * - `boolean`: `true` or `false`.
 *
 * `unit` says what the number means (`'bars'`, `'fraction'`, `'annualized fraction'`, …).
 */
export interface ParameterDefinition {
  name: string;
  kind: ParameterKind;
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly ParameterValue[];
  default: ParameterValue;
  description: string;
  unit?: string;
}

/** Comparison operator of a {@link ParameterConstraint}. */
export type ConstraintOperator = '<' | '<=' | '>' | '>=' | '!=';

/**
 * A relation between two numeric parameters that every valid point must satisfy,
 * `values[left] <operator> values[right]`, e.g. `{ left: 'fastPeriod', operator: '<', right: 'slowPeriod' }`.
 * Serializable, so the platform can store and display it; `description` is the human form.
 */
export interface ParameterConstraint {
  description: string;
  left: string;
  operator: ConstraintOperator;
  right: string;
}

/** All parameters of a template and the constraints between them. */
export interface ParameterSpace {
  parameters: readonly ParameterDefinition[];
  constraints: readonly ParameterConstraint[];
}

/**
 * Whether `left <operator> right` holds.
 */
export function calculateConstraintHolds(left: number, operator: ConstraintOperator, right: number): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '!=':
      return left !== right;
  }
}
