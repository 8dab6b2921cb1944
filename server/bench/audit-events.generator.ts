import type pg from 'pg';
import { auditActions } from '../src/domain/audit/audit-actions.ts';

/** What to generate: `count` events spread evenly over `years` years ending at `endAt`. */
export interface AuditEventGeneration {
  count: number;
  years: number;
  endAt: Date;
  /** Rows per INSERT statement (each its own transaction). */
  batchSize?: number;
}

/** Subject kinds of the generated events; each subject gets about `eventsPerSubject` consecutive events. */
const subjectTypes = ['BacktestRun', 'Optimization', 'EvaluationCycle', 'Strategy', 'StrategyVersion', 'User', 'MarketDataSet', 'TriggerEvent'];
export const eventsPerSubject = 4;

/** The time of generated event `sequence` (1-based): evenly spaced, oldest first. */
export function generatedEventTime(generation: AuditEventGeneration, sequence: number): Date {
  const start = generation.endAt.getTime() - generation.years * 365.25 * 86_400_000;
  return new Date(start + ((sequence - 1) * (generation.endAt.getTime() - start)) / generation.count);
}

/** The subject of generated event `sequence`, as the generator derives it. */
export function generatedEventSubject(sequence: number): { subjectType: string; subjectId: string } {
  const subject = Math.floor((sequence - 1) / eventsPerSubject);
  return { subjectType: subjectTypes[subject % subjectTypes.length]!, subjectId: uuidOf(subject) };
}

/** A deterministic UUID-shaped id of a number (the same as the SQL below derives). */
function uuidOf(value: number): string {
  return `00000000-0000-7000-8000-${value.toString(16).padStart(12, '0')}`;
}

/**
 * Fills an empty `audit_event` with `count` realistic-shaped events (actions of the closed list, actors, subjects with
 * a few events each, small details, correlation ids) over `years` years, in INSERT … SELECT generate_series batches —
 * fast enough for 10 million rows. Hashes and signatures are placeholders: this is a retrieval workload, not a chain
 * that verifies. Needs a role that may insert (the owner). Runs ANALYZE at the end.
 * @returns rows inserted.
 */
export async function generateAuditEvents(client: pg.Client, generation: AuditEventGeneration, onProgress: (inserted: number) => void = () => {}): Promise<number> {
  const batchSize = generation.batchSize ?? 500_000;
  const startMs = generation.endAt.getTime() - generation.years * 365.25 * 86_400_000;
  const stepMs = (generation.endAt.getTime() - startMs) / generation.count;
  const actions = auditActions.map((action) => `'${action}'`).join(',');
  const subjects = subjectTypes.map((type) => `'${type}'`).join(',');
  for (let first = 1; first <= generation.count; first += batchSize) {
    const last = Math.min(generation.count, first + batchSize - 1);
    await client.query(
      `insert into audit_event (sequence, occurred_at, actor_id, actor_role, action, subject_type, subject_id, details, dataset_checksum,
                                engine_version, correlation_id, previous_hash, hash, signature, signing_key_id)
       select s,
              to_timestamp(($3::float8 + (s - 1) * $4::float8) / 1000),
              case when s % 5 = 0 then null else ('00000000-0000-7000-8000-' || lpad(to_hex(s % 50), 12, '0'))::uuid end,
              case when s % 5 = 0 then 'system' else 'research' end,
              (array[${actions}])[1 + (s % ${auditActions.length})],
              (array[${subjects}])[1 + (((s - 1) / ${eventsPerSubject}) % ${subjectTypes.length})],
              '00000000-0000-7000-8000-' || lpad(to_hex((s - 1) / ${eventsPerSubject}), 12, '0'),
              jsonb_build_object('reason', 'generated', 'n', s),
              case when s % 3 = 0 then md5(s::text) || md5((s + 1)::text) end,
              case when s % 3 = 0 then '1.0.0' end,
              md5('c' || ((s - 1) / ${eventsPerSubject})::text),
              md5((s - 1)::text) || md5((s - 1)::text),
              md5(s::text) || md5(s::text),
              'generated',
              'bench'
         from generate_series($1::bigint, $2::bigint) s`,
      [first, last, startMs, stepMs],
    );
    onProgress(last);
  }
  await client.query('analyze audit_event');
  return generation.count;
}
