import type { ParameterConstraint, ParameterDefinition, ParameterSpace, ParameterValue } from '../../engine/index.ts';

/** How a value differs between two versions. */
export const versionChangeKinds = ['added', 'removed', 'changed'] as const;
export type VersionChangeKind = (typeof versionChangeKinds)[number];

/**
 * One difference between two versions' submitted definitions, down to a single value: the template, one field of
 * one parameter (a choice of a categorical parameter is one value of the set `choices`), or one constraint.
 */
export interface VersionChange {
  /**
   * Dotted path of the changed value: `template`, `parameters.<name>.<field>` (e.g. `parameters.slowPeriod.max`,
   * `parameters.mode.choices`) or `constraints.<left> <operator> <right>`.
   */
  path: string;
  kind: VersionChangeKind;
  /** The value before; null when added. A constraint's value is its description. */
  before: ParameterValue | null;
  /** The value after; null when removed. */
  after: ParameterValue | null;
}

/** The comparable part of a version: template and parameter space (changelog and seed are shown, not diffed). */
export interface VersionDefinition {
  template: string;
  parameterSpace: ParameterSpace;
}

type DefinitionField = Exclude<keyof ParameterDefinition, 'name'>;

/** A parameter's fields in the order they are reported; every field of ParameterDefinition but `name` (the build fails when one is added). */
const definitionFields = Object.keys({
  kind: true,
  min: true,
  max: true,
  step: true,
  choices: true,
  default: true,
  description: true,
  unit: true,
} satisfies Record<DefinitionField, true>) as DefinitionField[];

/**
 * Differences between two version definitions (lifecycle-spec FR-002: history with a diff between versions), one per
 * changed value: an added or removed parameter is reported field by field, `choices` as a set (one change per choice
 * added or removed), constraints as a set keyed by their relation `left operator right` (a changed description is a
 * `changed`). Parameters are compared by `name`, so reordering is not a change. Ordered: template, parameters by
 * name (fields in definition order), constraints by relation.
 */
export function diffVersionDefinitions(before: VersionDefinition, after: VersionDefinition): VersionChange[] {
  const changes: VersionChange[] = [];
  if (before.template !== after.template) changes.push({ path: 'template', kind: 'changed', before: before.template, after: after.template });
  const beforeParameters = byKey(before.parameterSpace.parameters, (definition) => definition.name);
  const afterParameters = byKey(after.parameterSpace.parameters, (definition) => definition.name);
  for (const name of unionOfKeys(beforeParameters, afterParameters)) {
    const was = beforeParameters.get(name);
    const is = afterParameters.get(name);
    for (const field of definitionFields) diffField(`parameters.${name}.${field}`, field, was?.[field], is?.[field], changes);
  }
  const relation = (constraint: ParameterConstraint) => `${constraint.left} ${constraint.operator} ${constraint.right}`;
  const beforeConstraints = byKey(before.parameterSpace.constraints ?? [], relation);
  const afterConstraints = byKey(after.parameterSpace.constraints ?? [], relation);
  for (const key of unionOfKeys(beforeConstraints, afterConstraints)) {
    diffValue(`constraints.${key}`, beforeConstraints.get(key)?.description, afterConstraints.get(key)?.description, changes);
  }
  return changes;
}

function byKey<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

function unionOfKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort();
}

function diffField(path: string, field: DefinitionField, before: ParameterDefinition[DefinitionField] | undefined, after: ParameterDefinition[DefinitionField] | undefined, changes: VersionChange[]): void {
  if (field !== 'choices') {
    diffValue(path, before as ParameterValue | undefined, after as ParameterValue | undefined, changes);
    return;
  }
  const was = (before ?? []) as readonly ParameterValue[];
  const is = (after ?? []) as readonly ParameterValue[];
  for (const choice of was) if (!is.includes(choice)) changes.push({ path, kind: 'removed', before: choice, after: null });
  for (const choice of is) if (!was.includes(choice)) changes.push({ path, kind: 'added', before: null, after: choice });
}

function diffValue(path: string, before: ParameterValue | undefined, after: ParameterValue | undefined, changes: VersionChange[]): void {
  if (before === after) return;
  if (before === undefined) changes.push({ path, kind: 'added', before: null, after: after! });
  else if (after === undefined) changes.push({ path, kind: 'removed', before, after: null });
  else changes.push({ path, kind: 'changed', before, after });
}
