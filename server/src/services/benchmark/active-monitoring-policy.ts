import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveMonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.schema.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';

/** The monitoring policy in force, or why there is none (fail closed: every rule comparing with it is unknown). */
export type ActiveMonitoringPolicy = { policy: MonitoringPolicy; problem: null } | { policy: null; problem: string };

/**
 * The newest active `monitoring_policy` row, validated (`resolveMonitoringPolicy`). A missing row or an invalid
 * definition gives `policy: null` and the reason, naming the field — callers fail closed, never fall back to defaults.
 */
export async function loadActiveMonitoringPolicy(em: EntityManager): Promise<ActiveMonitoringPolicy> {
  const [row] = await em.execute<{ version: string; definition: unknown }[]>(`select version, definition from monitoring_policy where active order by created_at desc, id desc limit 1`);
  if (!row) return { policy: null, problem: 'no active monitoring policy' };
  const resolution = resolveMonitoringPolicy(row.definition);
  if (!resolution.valid) return { policy: null, problem: `monitoring policy ${row.version} is invalid${resolution.field ? ` at ${resolution.field}` : ''}: ${resolution.reason}` };
  return { policy: resolution.policy, problem: null };
}
