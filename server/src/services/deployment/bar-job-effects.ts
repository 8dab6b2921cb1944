import type { EntityManager } from '@mikro-orm/postgresql';
import { eventChannel, type EventTopics } from '../../domain/events.ts';
import { maxNotifyPayloadBytes, publishEvent } from '../../infra/events/publish-event.ts';
import { addJobCall } from '../../infra/jobs/enqueue-job.ts';
import { monitoringBatchJobKey } from '../monitoring/monitoring.service.ts';
import { deploymentBarJobKey } from './runner-settings.ts';

/** What a bar job queues and publishes after writing its records. */
export interface BarJobEffects {
  deploymentId: string;
  /** The next bar's job: its bar open time (ms) and when it runs (null = now); null when none is queued. */
  nextBar: { barOpenMs: number; runAt: Date | null } | null;
  /**
   * The deployment's monitoring evaluation (queued when the job wrote P&L marks), appended to the platform's batched
   * monitoring job of its shard (`monitoringBatchJobKey(deploymentId, shards)`): `at` null = now (the key's queued job is
   * moved to now), a date = then, keeping an earlier queued run time (evaluations coalesce); null = none.
   */
  monitoring: { at: Date | null; shards: number } | null;
  /** Orders whose `DEPLOYMENT_ORDER_UPDATED` is published (a few per job). */
  orders: EventTopics['DEPLOYMENT_ORDER_UPDATED'][];
  /** The `DEPLOYMENT_PNL_MARKED` of the job's last mark, or null. */
  pnlMarked: EventTopics['DEPLOYMENT_PNL_MARKED'] | null;
}

/**
 * Queues the next bar job and the monitoring evaluation and publishes the job's events — `DEPLOYMENT_UPDATED` (with the
 * deployment's row as snapshot), `DEPLOYMENT_ORDER_UPDATED` per order (with the order's row), `DEPLOYMENT_PNL_MARKED` —
 * in ONE statement on `em`'s transaction (delivered on COMMIT, as {@link publishEvent}; the same envelopes). It replaced
 * one or two round trips per job and event (≈ 7 statements of a bar job). An envelope too large for NOTIFY is
 * published by {@link publishEvent} afterwards (through `event_overflow`). Pending changes must be flushed first.
 */
export async function queueAndPublishBarJobEffects(em: EntityManager, effects: BarJobEffects): Promise<void> {
  const calls: { sql: string; params: unknown[] }[] = [];
  if (effects.nextBar) {
    calls.push(
      addJobCall(
        'process_deployment_bars',
        { deploymentId: effects.deploymentId },
        { jobKey: deploymentBarJobKey(effects.deploymentId, effects.nextBar.barOpenMs), jobKeyMode: 'preserve_run_at', ...(effects.nextBar.runAt ? { runAt: effects.nextBar.runAt } : {}) },
      ),
    );
  }
  if (effects.monitoring) {
    const at = effects.monitoring.at;
    calls.push(
      addJobCall('evaluate_deployment_monitoring', [{ deploymentId: effects.deploymentId }], { jobKey: monitoringBatchJobKey(effects.deploymentId, effects.monitoring.shards), jobKeyMode: at ? 'preserve_run_at' : 'replace', ...(at ? { runAt: at } : {}) }),
    );
  }
  const updated: EventTopics['DEPLOYMENT_UPDATED'] = { id: effects.deploymentId, change: 'bars_processed' };
  const [row] = await em.execute<{ oversized: string[] | null }[]>(
    `with jobs as (select ${calls.length > 0 ? calls.map((call) => call.sql).join(', ') : 'null'}),
          events as (
            select 1 as ordinal, 0::bigint as position,
                   json_build_object('topic', 'DEPLOYMENT_UPDATED', 'payload', ?::json, 'snapshot', (select row_to_json(t) from deployment t where t.id = ?))::text as body
            union all
            select 2, o.position, json_build_object('topic', 'DEPLOYMENT_ORDER_UPDATED', 'payload', o.payload, 'snapshot', (select row_to_json(t) from deployment_order t where t.id = (o.payload->>'id')::uuid))::text
              from json_array_elements(?::json) with ordinality as o(payload, position)
            union all
            select 3, 0, json_build_object('topic', 'DEPLOYMENT_PNL_MARKED', 'payload', p.payload, 'snapshot', null)::text
              from (select ?::json as payload) p where p.payload is not null
          ),
          sent as (select pg_notify(?, body) from (select body from events where octet_length(body) <= ? order by ordinal, position) e)
     select (select count(*) from jobs) as jobs, (select count(*) from sent) as sent,
            (select array_agg(body order by ordinal, position) from events where octet_length(body) > ?) as oversized`,
    [
      ...calls.flatMap((call) => call.params),
      JSON.stringify(updated),
      effects.deploymentId,
      JSON.stringify(effects.orders),
      effects.pnlMarked ? JSON.stringify(effects.pnlMarked) : null,
      eventChannel,
      maxNotifyPayloadBytes,
      maxNotifyPayloadBytes,
    ],
  );
  for (const body of row?.oversized ?? []) {
    const envelope = JSON.parse(body) as { topic: 'DEPLOYMENT_UPDATED' | 'DEPLOYMENT_ORDER_UPDATED' | 'DEPLOYMENT_PNL_MARKED'; payload: never };
    await publishEvent(em, envelope.topic, envelope.payload);
  }
}
