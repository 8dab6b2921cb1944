import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DeploymentEvent } from '../../src/domain/deployment/deployment-event.entity.ts';
import { DeploymentMonitoringState } from '../../src/domain/monitoring/deployment-monitoring-state.entity.ts';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import type { MonitoringRuleResult } from '../../src/domain/monitoring/policy/evaluate-monitoring-rules.ts';
import type { MonitoringState } from '../../src/domain/monitoring/policy/monitoring-state.ts';
import type { Role } from '../../src/domain/auth/roles.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

async function download(path: string, role: Role) {
  return fetch(`${api.server.url}${path}`, { headers: { authorization: `Bearer ${api.tokens[role]}` } });
}

/** The PDF's pages and text, read back by pdf.js. */
async function readPdf(bytes: ArrayBuffer) {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  let text = '';
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
  }
  return { pages: document.numPages, text };
}

async function completedRun(marketDataSetId: string, versionId: string, parameters: Record<string, number>) {
  const run = await api.services().backtests.queue({ strategyVersionId: versionId, marketDataSetId, parameters });
  await api.services().backtests.execute(run.id);
  return run;
}

describe('experiment comparison and monitoring log reports', () => {
  it('compares three runs (labels and units, best marked, parameter diff, different-datasets warning) as PDF, CSV and JSON; bad ids refused', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
    const { marketDataSet: eth } = await api.services().marketData.importBytes('ETH-USDT_1d.csv', await readMarketFile('ETH-USDT_1d.csv'));
    const runs = [
      await completedRun(marketDataSet.id, version.id, { fastPeriod: 10, slowPeriod: 30 }),
      await completedRun(marketDataSet.id, version.id, { fastPeriod: 20, slowPeriod: 50 }),
      await completedRun(eth.id, version.id, { fastPeriod: 10, slowPeriod: 30 }),
    ];
    const ids = runs.map((run) => run.id).join(',');

    const json = (await (await download(`/reports/comparison.json?ids=${ids}`, 'research')).json()) as {
      runs: { id: string; strategy: string; dataset: { label: string } }[];
      warning: string | null;
      metrics: { metric: string; label: string; unit: string; values: (number | null)[]; best: number[] }[];
      parameters: { name: string; values: unknown[]; differs: boolean }[];
      equity: { timestamps: string[]; series: { runId: string; equity: (number | null)[] }[] };
    };
    expect(json.runs.map((run) => run.id)).toEqual(runs.map((run) => run.id));
    expect(json.runs[0]!.strategy).toBe('SMA crossover');
    expect(json.warning).toMatch(/2 different datasets/);
    const sharpe = json.metrics.find((row) => row.metric === 'sharpe')!;
    expect(sharpe).toMatchObject({ label: 'Sharpe ratio', unit: 'annualized, rf 0' });
    const finite = sharpe.values.filter((value): value is number => value !== null);
    expect(finite).toHaveLength(3);
    expect(sharpe.best.map((index) => sharpe.values[index])).toEqual(sharpe.best.map(() => Math.max(...finite)));
    expect(json.parameters.find((row) => row.name === 'fastPeriod')).toEqual({ name: 'fastPeriod', values: [10, 20, 10], differs: true });
    expect(json.parameters.find((row) => row.name === 'feeBps')!.differs).toBe(false);
    expect(json.equity.series).toHaveLength(3);

    const csv = await (await download(`/reports/comparison.csv?ids=${ids}`, 'research')).text();
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(/^section,name,label,unit,best,"?1\. SMA crossover/);
    expect(lines.find((line) => line.startsWith('metric,sharpe,Sharpe ratio,'))).toBeDefined();
    expect(lines.find((line) => line.startsWith('parameter,fastPeriod,fastPeriod,,differs,10,20,10'))).toBeDefined();

    const pdf = await download(`/reports/comparison.pdf?ids=${ids}`, 'research');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toMatch(/filename="crucible-comparison-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}\.pdf"/);
    const { text } = await readPdf(await pdf.arrayBuffer());
    for (const expected of ['Warning', 'different datasets', 'Metrics', 'Sharpe ratio', 'Parameters and costs', 'fastPeriod', 'Equity rebased']) expect(text).toContain(expected);

    expect((await download(`/reports/comparison.pdf`, 'research')).status).toBe(400);
    const nine = Array.from({ length: 9 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`).join(',');
    const tooMany = await download(`/reports/comparison.json?ids=${nine}`, 'research');
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('ids');
    expect((await download(`/reports/comparison.json?ids=not-a-uuid`, 'research')).status).toBe(400);
    expect((await download(`/reports/comparison.json?ids=00000000-0000-4000-8000-000000000001`, 'research')).status).toBe(404);
  });

  it('downloads the experiment comparison of an evaluation cycle as a PDF (configurations ranked) and as CSV', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await api.services().marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
    const cycle = await api.services().cycles.run({ configurationCount: 60, seed: 4, reason: 'experiment report test' });
    await api.services().cycles.execute(cycle.id);

    const pdf = await download(`/reports/experiment.pdf?id=${cycle.id}`, 'research');
    expect(pdf.status, pdf.status === 200 ? '' : await pdf.clone().text()).toBe(200);
    const { text } = await readPdf(await pdf.arrayBuffer());
    for (const expected of ['Experiment comparison', 'Probability of backtest overfitting', 'Configurations by mean out-of-sample Sharpe', 'BTC-USDT 1d']) expect(text).toContain(expected);
    // The equity comparison chart of the best configurations: its heading, the dataset's chart, its axis and legend.
    for (const expected of ['Out-of-sample equity of the best configurations', 'BTC-USDT 1d: out-of-sample equity', 'first test window', '1. builtin-', '5. builtin-']) expect(text).toContain(expected);
    expect(text).toMatch(/\d\.\d\dx/);
    const csv = await (await download(`/reports/experiment.csv?id=${cycle.id}`, 'research')).text();
    expect(csv.split('\n')[0]).toMatch(/^strategy,template,configuration,parameters,outOfSampleSharpe,/);
    expect(csv.trim().split('\n').length).toBeGreaterThan(10);
  });

  it('downloads a strategy’s monitoring log (rules, incidents, events); research gets it without capital figures and event texts', async () => {
    const { strategy, deployment } = await arrangeShadowDeployment(api, { seed: 7 });
    const em = api.orm.em.fork();
    const results = [
      { rule: 'drawdown', status: 'breach', comparator: '>=', threshold: -0.1, measured: -0.14, unit: 'fraction', window: { startMs: 0, endMs: 1 }, breach: { key: 'k', startMs: 0, sustainedMarks: 3, sustainedMs: 3, sustained: true }, message: 'drawdown -14 % beyond -10 %' },
      { rule: 'dailyLoss', status: 'pass', comparator: '>=', threshold: -0.05, measured: -0.01, unit: 'fraction', window: { startMs: 0, endMs: 1 }, breach: null, message: 'ok' },
    ] as MonitoringRuleResult[];
    em.create(DeploymentMonitoringState, { deployment: deployment.id, policyVersion: 'monitoring-test-1', state: {} as MonitoringState, lastMarkAt: new Date('2026-03-01T00:00:00Z'), results, promotionBlocked: true, evaluatedAt: new Date('2026-03-01T00:05:00Z') });
    em.create(MonitoringIncident, { deployment: deployment.id, strategy: strategy.id, incidentType: 'drawdown', detectedAt: new Date('2026-03-01T00:05:00Z'), severity: 'critical', status: 'open', summary: 'Drawdown monitor: rolled back to SHADOW', context: {}, autoActions: { kind: 'rollback', rule: 'drawdown' }, impactedCapital: 8600, breachKey: `${deployment.id}:drawdown:report-test` });
    em.create(DeploymentEvent, { deployment: deployment.id, occurredAt: new Date('2026-02-28T10:00:00Z'), category: 'data_integrity', kind: 'stale_feed', rule: 'bar_stale', threshold: '172800000', measured: '200000000', message: 'feed stale: the last bar closed 55.6 h ago' });
    em.create(DeploymentEvent, { deployment: deployment.id, occurredAt: new Date('2025-01-01T00:00:00Z'), category: 'runtime', kind: 'replay_completed', message: 'an old event outside the window' });
    await em.flush();

    const pdf = await download(`/reports/monitoring.pdf?id=${strategy.id}&from=2026-01-01T00:00:00Z`, 'risk');
    expect(pdf.status, pdf.status === 200 ? '' : await pdf.clone().text()).toBe(200);
    const { text } = await readPdf(await pdf.arrayBuffer());
    for (const expected of ['Monitoring log: SMA crossover', 'Deployments (', 'blocked by monitoring', 'monitoring-test-1', 'drawdown', 'dailyLoss', 'Drawdown monitor: rolled back to SHADOW', 'rollback', 'stale_feed', 'feed stale']) expect(text).toContain(expected);
    expect(text).not.toContain('an old event outside the window');

    const risk = (await (await download(`/reports/monitoring.json?id=${strategy.id}`, 'risk')).json()) as { incidents: { impactedCapital?: number }[]; events: { kind: string; message?: string }[]; deployments: { monitoring: { rules: { rule: string; status: string }[] } | null }[] };
    expect(risk.incidents[0]!.impactedCapital).toBe(8600);
    expect(risk.events.map((event) => event.kind)).toEqual(['stale_feed', 'replay_completed']);
    expect(risk.deployments.find((row) => row.monitoring)!.monitoring!.rules).toEqual([expect.objectContaining({ rule: 'drawdown', status: 'breach' }), expect.objectContaining({ rule: 'dailyLoss', status: 'pass' })]);
    const research = (await (await download(`/reports/monitoring.json?id=${strategy.id}`, 'research')).json()) as { incidents: object[]; events: object[] };
    expect(research.incidents[0]).not.toHaveProperty('impactedCapital');
    expect(research.events[0]).not.toHaveProperty('message');
    const csv = await (await download(`/reports/monitoring.csv?id=${strategy.id}`, 'compliance')).text();
    expect(csv.split('\n')[0]).toBe('time,kind,deployment,what,status_or_rule,threshold_or_actions,measured_or_capital,message');
    expect(csv).toContain(',incident,');
    expect(csv).toContain(',event:data_integrity,');

    const backwards = await download(`/reports/monitoring.csv?id=${strategy.id}&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`, 'risk');
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as { errors: { extensions: { field: string } }[] }).errors[0]!.extensions.field).toBe('to');
    expect((await download(`/reports/monitoring.pdf?id=00000000-0000-4000-8000-000000000001`, 'risk')).status).toBe(404);
  });
});
