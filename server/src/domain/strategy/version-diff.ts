import type { ParameterSpace } from '../../engine/index.ts';

/** One difference between two versions' submitted definitions. */
export interface VersionChange {
  /** Dotted path of the changed value, e.g. `parameters.slowPeriod.max` or `template`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** The comparable part of a version: template and parameter space (changelog and seed are shown, not diffed). */
export interface VersionDefinition {
  template: string;
  parameterSpace: ParameterSpace;
}

/**
 * Differences between two version definitions (lifecycle-spec FR-002: history with a diff between versions).
 * Parameter lists are compared by parameter `name`, so reordering is not a change.
 */
export function diffVersionDefinitions(before: VersionDefinition, after: VersionDefinition): VersionChange[] {
  const changes: VersionChange[] = [];
  if (before.template !== after.template) changes.push({ path: 'template', kind: 'changed', before: before.template, after: after.template });
  diffValues('parameters', byName(before.parameterSpace.parameters), byName(after.parameterSpace.parameters), changes);
  diffValues('constraints', before.parameterSpace.constraints ?? [], after.parameterSpace.constraints ?? [], changes);
  return changes;
}

function byName(list: unknown): Record<string, unknown> {
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(list.map((item, index) => [typeof item === 'object' && item && 'name' in item ? String(item.name) : String(index), item]));
}

function diffValues(path: string, before: unknown, after: unknown, changes: VersionChange[]): void {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const childPath = `${path}.${key}`;
      if (!(key in before)) changes.push({ path: childPath, kind: 'added', after: after[key] });
      else if (!(key in after)) changes.push({ path: childPath, kind: 'removed', before: before[key] });
      else diffValues(childPath, before[key], after[key], changes);
    }
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ path, kind: 'changed', before, after });
}
