import { calculateConstraintHolds } from './parameter-space.ts';
import type { ParameterConstraint, ParameterDefinition, ParameterSpace } from './parameter-space.ts';
import { calculateGridValue, calculateParameterCardinality } from './sample-parameters.ts';

/** Grids larger than this are treated as continuous intervals (their bounds only). */
const maxEnumeratedValues = 100_000;

/** The values a parameter may still take: an explicit sorted list, or a closed interval for continuous floats. */
type Domain = { kind: 'values'; values: number[] } | { kind: 'interval'; min: number; max: number };

function initialDomain(definition: ParameterDefinition): Domain | null {
  if (definition.kind === 'boolean') return null;
  if (definition.kind === 'categorical') {
    const numbers = (definition.choices ?? []).filter((choice): choice is number => typeof choice === 'number');
    return { kind: 'values', values: [...numbers].sort((a, b) => a - b) };
  }
  const cardinality = calculateParameterCardinality(definition);
  if (!Number.isFinite(cardinality) || cardinality > maxEnumeratedValues) return { kind: 'interval', min: definition.min ?? 0, max: definition.max ?? 0 };
  return { kind: 'values', values: Array.from({ length: cardinality }, (_, index) => calculateGridValue(definition, index)) };
}

const lowest = (domain: Domain) => (domain.kind === 'values' ? domain.values[0] : domain.min);
const highest = (domain: Domain) => (domain.kind === 'values' ? domain.values[domain.values.length - 1] : domain.max);
const isEmpty = (domain: Domain) => (domain.kind === 'values' ? domain.values.length === 0 : !(domain.min <= domain.max));

/** Keeps the values `v` of `domain` for which some `w` of `other` has `v <operator> w`. */
function narrow(domain: Domain, operator: ParameterConstraint['operator'], other: Domain): Domain {
  if (isEmpty(other)) return domain.kind === 'values' ? { kind: 'values', values: [] } : { kind: 'interval', min: 1, max: 0 };
  const low = lowest(other);
  const high = highest(other);
  if (domain.kind === 'values') {
    const keep = (value: number) =>
      operator === '!=' ? !(other.kind === 'values' && other.values.length === 1 && other.values[0] === value) && !(other.kind === 'interval' && low === high && low === value) : calculateConstraintHolds(value, operator, operator === '<' || operator === '<=' ? high : low);
    return { kind: 'values', values: domain.values.filter(keep) };
  }
  switch (operator) {
    case '<':
      return { kind: 'interval', min: domain.min, max: Math.min(domain.max, high) - (domain.min < high ? 0 : 1) };
    case '<=':
      return { kind: 'interval', min: domain.min, max: Math.min(domain.max, high) };
    case '>':
      return { kind: 'interval', min: Math.max(domain.min, low) + (domain.max > low ? 0 : 1), max: domain.max };
    case '>=':
      return { kind: 'interval', min: Math.max(domain.min, low), max: domain.max };
    case '!=':
      return domain;
  }
}

const mirrored: Record<ParameterConstraint['operator'], ParameterConstraint['operator']> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '!=': '!=' };

/**
 * Whether a parameter space's constraints can all hold at once, by bound propagation (arc consistency) over each
 * numeric parameter's grid (continuous floats as intervals): exact for the pairwise constraints the templates use
 * (`fastPeriod < slowPeriod`, chains of them). Bounded: at most `parameters × constraints + 1` passes.
 * @returns the first constraint that empties a parameter's values (the one to name to the user), or null when a
 *   point satisfying every constraint may exist. A constraint naming an unknown or non-numeric parameter is returned.
 */
export function findUnsatisfiableConstraint(space: ParameterSpace): ParameterConstraint | null {
  const domains = new Map<string, Domain>();
  for (const definition of space.parameters) {
    const domain = initialDomain(definition);
    if (domain) domains.set(definition.name, domain);
  }
  for (const constraint of space.constraints) {
    if (!domains.has(constraint.left) || !domains.has(constraint.right)) return constraint;
  }
  const passes = space.parameters.length * space.constraints.length + 1;
  for (let pass = 0; pass < passes; pass++) {
    let changed = false;
    for (const constraint of space.constraints) {
      const left = domains.get(constraint.left)!;
      const right = domains.get(constraint.right)!;
      const newLeft = narrow(left, constraint.operator, right);
      const newRight = narrow(right, mirrored[constraint.operator], newLeft);
      if (isEmpty(newLeft) || isEmpty(newRight)) return constraint;
      if (lowest(newLeft) !== lowest(left) || highest(newLeft) !== highest(left) || lowest(newRight) !== lowest(right) || highest(newRight) !== highest(right)) changed = true;
      domains.set(constraint.left, newLeft);
      domains.set(constraint.right, newRight);
    }
    if (!changed) break;
  }
  return null;
}
