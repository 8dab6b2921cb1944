import { parseCrontab } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { calculateConditionalValueAtRisk, calculateSharpeRatio, calculateValueAtRisk } from '@crucible/server/engine';
import { createSystemServices } from '@crucible/server/services';
import { arrangeShadowDeployment } from '../../../server/test/support/deployment-fixtures.ts';
import { makeManualClock, runToEnd } from '../../../server/test/support/deployment-runner-harness.ts';
import type { ServiceTestHarness } from '../../../server/test/support/test-services.ts';
import { defaultCrontab } from '../../src/worker.ts';
import { useWorkerHarness } from '../support/worker-harness.ts';

const harness = useWorkerHarness();

const rows = async <T>(sql: string, parameters: unknown[] = []) => (await harness.pool.query(sql, parameters)).rows as T[];
const addJob = (payload: Record<string, unknown>) => harness.pool.query(`select graphile_worker.add_job('generate_daily_reports', $1::json)`, [JSON.stringify(payload)]);

interface ReportRow {
  id: string;
  strategy_id: string;
  report_date: string;
  deployments: Record<string, unknown>[];
  incidents: Record<string, unknown>[];
}

describe('generate_daily_reports', () => {
  it('is on the crontab daily at 00:15 UTC', () => {
    expect(parseCrontab(defaultCrontab).find((item) => item.task === 'generate_daily_reports')).toMatchObject({ task: 'generate_daily_reports', options: { backfillPeriod: 86_400_000 } });
  });

  it('writes one report per strategy and day from a replayed deployment (P&L, equity, drawdown, VaR/CVaR with horizon, Sharpe, state, incidents) and keeps it when run twice', async () => {
    // A SHADOW replay of BTC-USDT 1d through the crash of May-June 2022, run to its end by the real runner.
    const serviceHarness = { orm: harness.orm, importDir: '/nonexistent', services: () => createSystemServices(harness.orm, harness.settings, harness.logger) } as unknown as ServiceTestHarness;
    const { deployment, strategy } = await arrangeShadowDeployment(serviceHarness, { replayStartAt: new Date('2022-04-01T00:00:00Z'), replayEndAt: new Date('2022-06-30T00:00:00Z'), warmUpBars: 40 });
    await runToEnd(serviceHarness, deployment.id, makeManualClock('2026-12-01T00:00:00Z'), { deploymentBatchBars: 500 });
    const incident = (detectedAt: string, summary: string) =>
      harness.pool.query(
        `insert into monitoring_incident (id, strategy_id, deployment_id, incident_type, detected_at, severity, status, summary, context, auto_actions)
         values (gen_random_uuid(), $1, $2, 'drawdown', $3, 'critical', 'open', $4, '{}', '{}')`,
        [strategy.id, deployment.id, detectedAt, summary],
      );
    await incident('2022-06-13T09:30:00Z', 'Drawdown 21 % beyond the 20 % policy');
    await incident('2022-06-14T00:00:00Z', 'Next day: not in the report');

    await addJob({ reportDate: '2022-06-13' });
    await harness.runDueJobs();
    const [report, ...more] = await rows<ReportRow>('select * from daily_report');
    expect(more).toEqual([]);
    expect(report).toMatchObject({ strategy_id: strategy.id, report_date: '2022-06-13' });

    // The figures against the marks as stored: the day is the bars CLOSING in it (the 2022-06-13 bar closes at its end).
    const marks = await rows<{ bar_at: Date; equity: number; drawdown: number; return_fraction: number; realized_pnl: number; fees: number }>(
      'select * from pnl_snapshot where deployment_id = $1 order by bar_at',
      [deployment.id],
    );
    const at = (day: string) => marks.find((mark) => mark.bar_at.toISOString().startsWith(day))!;
    const window = marks.filter((mark) => mark.bar_at >= new Date('2022-05-15T00:00:00Z') && mark.bar_at <= new Date('2022-06-13T00:00:00Z'));
    expect(window).toHaveLength(30);
    const returns = Float64Array.from(window.map((mark) => mark.return_fraction));
    const [section] = report!.deployments;
    expect(report!.deployments).toHaveLength(1);
    expect(section).toMatchObject({
      deploymentId: deployment.id,
      symbol: 'BTC/USDT',
      quoteCurrency: 'USDT',
      stage: 'shadow',
      tradingState: 'active',
      health: expect.any(String),
      markCount: 1,
      openingEquity: at('2022-06-12').equity,
      closingEquity: at('2022-06-13').equity,
      pnl: at('2022-06-13').equity - at('2022-06-12').equity,
      returnFraction: at('2022-06-13').equity / at('2022-06-12').equity - 1,
      realizedPnl: at('2022-06-13').realized_pnl,
      fees: at('2022-06-13').fees,
      closingDrawdown: at('2022-06-13').drawdown,
      worstDrawdown: at('2022-06-13').drawdown,
      risk: {
        returnCount: 30,
        horizon: '1 bar of 1d',
        windowEnd: '2022-06-14T00:00:00.000Z',
        valueAtRisk: calculateValueAtRisk(returns, 0.05),
        conditionalValueAtRisk: calculateConditionalValueAtRisk(returns, 0.05),
        sharpeRatio: Number.isFinite(calculateSharpeRatio(returns, 365)) ? calculateSharpeRatio(returns, 365) : null,
      },
    });
    expect(report!.incidents).toEqual([expect.objectContaining({ incidentType: 'drawdown', severity: 'critical', summary: 'Drawdown 21 % beyond the 20 % policy', deploymentId: deployment.id })]);

    // Run twice (a retried or back-filled cron tick): the report is kept as it was, nothing added.
    await addJob({ reportDate: '2022-06-13' });
    await harness.runDueJobs();
    expect(await rows<ReportRow>('select * from daily_report')).toEqual([report]);
    const audits = await rows<{ details: { reportDate: string; created: string[]; existing: number } }>(`select details from audit_event where action = 'daily_reports.generated' order by sequence`);
    expect(audits.map((audit) => [audit.details.created.length, audit.details.existing])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // Kept: the table refuses changes.
    await expect(harness.pool.query(`update daily_report set report_date = '2022-06-12'`)).rejects.toThrow();

    // A cron tick reports the day before it; a day not over yet is refused.
    await addJob({ _cron: { ts: '2022-06-15T00:15:00Z', backfilled: false } });
    await harness.runDueJobs();
    expect((await rows<ReportRow>('select report_date from daily_report order by report_date')).map((row) => row.report_date)).toEqual(['2022-06-13', '2022-06-14']);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(createSystemServices(harness.orm, harness.settings, harness.logger).dailyReports.generate(tomorrow)).rejects.toMatchObject({ field: 'reportDate' });
  });
});
