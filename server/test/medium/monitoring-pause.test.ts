import { describe, expect, it } from 'vitest';
import { defaultMonitoringPolicy } from '../../src/domain/monitoring/policy/monitoring-policy.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { runnerFor } from '../support/deployment-runner-harness.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: it activates a monitoring policy version of its own.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);
const hour = 3_600_000;
/** Real Binance 1h bars of the 2025-10-10 liquidation cascade (the bundled files cut to 2025-10-09 … 11). */
const crashDays = ['2025-10-09', '2025-10-10', '2025-10-11'];

async function importCrashSlice(symbol: string) {
  const lines = (await readMarketFile(`${symbol}_1h.csv`)).toString('utf8').split('\n');
  const slice = [lines[0], ...lines.filter((line) => crashDays.some((day) => line.startsWith(day)))].join('\n') + '\n';
  return (await harness.services().marketData.importBytes(`${symbol}_1h.csv`, Buffer.from(slice))).marketDataSet;
}

interface IncidentRow {
  id: string;
  breach_key: string;
  severity: string;
  summary: string;
  auto_actions: Record<string, unknown>;
  promotion_record_id: string | null;
}

describe('the monitor’s PAUSE action', () => {
  it('a policy whose daily-loss action is PAUSE pauses a LIVE deployment holding SOL into the crash once: activation paused, stage, capital and position kept, audited; the runner processes no further bar', async () => {
    const policy = structuredClone(defaultMonitoringPolicy);
    policy.version = `${defaultMonitoringPolicy.version}-pause-on-daily-loss-test`;
    policy.rules.dailyLoss.action = { kind: 'pause', severity: 'critical', toStage: null, positionSizeFactor: null, revalidate: false, freeze: false };
    await harness.orm.em.fork().execute(`insert into monitoring_policy (id, version, definition, created_at) values (gen_random_uuid(), ?, ?::jsonb, now() + interval '1 second')`, [policy.version, JSON.stringify(policy)]);

    const [, , sol] = [await importCrashSlice('BTC-USDT'), await importCrashSlice('ETH-USDT'), await importCrashSlice('SOL-USDT')];
    const [{ close }] = await rows<{ close: number }>(`select close from market_bar where dataset_id = ? and "timestamp" = '2025-10-10T12:00:00Z'`, [sol.id]);
    const quantity = (1.5 * 10_000) / close;
    const { deployment } = await arrangeShadowDeployment(harness, {
      stage: 'live', effectiveStage: 'live', venue: 'binanceus', replayDataset: sol.id, symbol: 'SOL/USDT', timeframe: '1h', replayStartAt: new Date('2025-10-10T12:00:00Z'),
      maxBarAgeMs: 2 * hour, capitalAllocation: 0.2, positionQuantity: quantity, averageEntryPrice: close, cash: 10_000 - quantity * close,
    });
    await harness.services().liveConfirmationTokens.create({ deploymentId: deployment.id });
    // The worker's order: a bar job (one bar each), then the monitoring job it queued.
    for (let job = 0; job < 100; job++) {
      const outcome = await runnerFor(harness, systemClock, { deploymentBatchBars: 1 }).processBars(deployment.id);
      await harness.services().monitoring.evaluate(deployment.id);
      if (outcome.nextBarMs === null) break;
    }

    const [pause, ...more] = await rows<IncidentRow>(`select * from monitoring_incident where deployment_id = ? and auto_actions->>'rule' = 'dailyLoss'`, [deployment.id]);
    expect(more).toEqual([]);
    expect(pause.breach_key).toBe(`${deployment.id}:dailyLoss:${Date.parse('2025-10-10T15:00:00Z')}`);
    expect(pause).toMatchObject({ severity: 'critical', promotion_record_id: null });
    expect(pause.auto_actions).toEqual({ kind: 'pause', rule: 'dailyLoss', activationState: { from: 'active', to: 'paused' } });
    expect(pause.summary).toContain('Return since the day');
    const notified = await rows<{ message: string }>(`select message from notification where subject_id = ?`, [pause.id]);
    expect(notified.length).toBeGreaterThan(0);
    for (const notification of notified) expect(notification.message).toContain('paused until a person resumes it');
    const [after] = await rows<{ activation_state: string; stage: string; position_quantity: number; capital_allocation: number; last_bar_ms: number }>(
      `select activation_state, stage, position_quantity, capital_allocation, (extract(epoch from last_processed_bar_at) * 1000)::float8 as last_bar_ms from deployment where id = ?`,
      [deployment.id],
    );
    expect(after).toMatchObject({ activation_state: 'paused', stage: 'live', capital_allocation: 0.2, last_bar_ms: Date.parse('2025-10-10T15:00:00Z') });
    expect(after.position_quantity).toBeCloseTo(quantity, 9);
    const [audit] = await rows<{ details: Record<string, unknown> }>(`select details from audit_event where action = 'deployment.paused' and subject_id = ?`, [deployment.id]);
    expect(audit.details).toMatchObject({ automated: true, breachKey: pause.breach_key, activationState: { from: 'active', to: 'paused' } });
    // The default policy's rollback of the later marks never came: the runner stopped at the pause.
    expect(await rows(`select id from monitoring_incident where deployment_id = ? and auto_actions->>'kind' in ('rollback', 'demote')`, [deployment.id])).toEqual([]);
  }, 300_000);
});
