import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Role } from '../../src/domain/auth/roles.ts';
import { arrangeSmaOnBtcDaily } from '../support/fixtures.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

async function completedRun() {
  const { strategy, version, marketDataSet } = await arrangeSmaOnBtcDaily(api);
  const run = await api.services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id, parameters: { fastPeriod: 10, slowPeriod: 30 } });
  await api.services().backtests.execute(run.id);
  return { strategy, version, marketDataSet, run };
}

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

describe('lineage and reports', () => {
  it('shows a run’s lineage to compliance with people named, and refuses research', async () => {
    const { run, marketDataSet, version } = await completedRun();
    const query = `query($id: ID!) { lineage(subject: BACKTEST_RUN, id: $id) { title strategy { name } version { versionTag seed submittedBy } runs { datasetChecksum parameterChecksum engineVersion seed parametersJson } auditEvents { actor action subject } } }`;
    const result = await api.request<{ lineage: { title: string; strategy: { name: string }; version: { seed: number; submittedBy: string }; runs: { datasetChecksum: string; parameterChecksum: string; engineVersion: string; seed: number; parametersJson: string }[]; auditEvents: { actor: string; action: string; subject: string }[] } }>(query, { id: run.id }, { role: 'compliance' });
    expect(result.errors).toBeUndefined();
    const lineage = result.data!.lineage;
    expect(lineage.strategy.name).toBe('SMA crossover');
    expect(lineage.runs).toHaveLength(1);
    expect(lineage.runs[0]).toMatchObject({ datasetChecksum: marketDataSet.checksum, seed: version.deterministicSeed });
    expect(JSON.parse(lineage.runs[0]!.parametersJson)).toMatchObject({ fastPeriod: 10, slowPeriod: 30 });
    expect(lineage.runs[0]!.engineVersion).toMatch(/^\d+\.\d+\.\d+/);
    const actions = lineage.auditEvents.map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['backtest.queued', 'backtest.completed']));
    for (const event of lineage.auditEvents) expect(event.actor).not.toMatch(/^[0-9a-f]{8}-/);
    expect(lineage.auditEvents.find((event) => event.action === 'backtest.completed')!.subject).toMatch(/^run on BTC-USDT 1d/);

    const refused = await api.request(query, { id: run.id }, { role: 'research' });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('downloads a run report as a PDF with charts and lineage (pages render), and as CSV and JSON', async () => {
    const { run } = await completedRun();
    const pdf = await download(`/reports/run.pdf?id=${run.id}`, 'compliance');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/attachment; filename="crucible-run-.*\.pdf"/);
    const bytes = await pdf.arrayBuffer();
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const { pages, text } = await readPdf(bytes);
    expect(pages).toBeGreaterThan(1);
    for (const heading of ['Summary', 'Equity', 'Monthly returns', 'Lineage', 'Trades']) expect(text).toContain(heading);

    const csv = await (await download(`/reports/run.csv?id=${run.id}`, 'research')).text();
    expect(csv.split('\n')[0]).toBe('number,side,entryTime,exitTime,entryPrice,exitPrice,quantity,fee,profit,returnFraction,durationMs,exitReason');
    const json = (await (await download(`/reports/run.json?id=${run.id}`, 'research')).json()) as { trades: unknown[]; lineage: unknown };
    expect(json.trades.length).toBeGreaterThan(5);
    expect(json.lineage).toBeNull(); // research cannot read the audit trail: the report goes without lineage
  });

  it('draws a Korean strategy name (Hangul) in the strategy-history PDF with an embedded font that has its glyphs', async () => {
    const strategy = await api.services().strategies.register({ code: 'momentum-kr', name: '모멘텀 전략', objective: '추세 추종', eligibleMarkets: ['*'], riskCategory: 'moderate', capitalGuardrails: { production: 0.01 } });
    const history = await download(`/reports/strategy-history.pdf?id=${strategy.id}`, 'compliance');
    expect(history.status).toBe(200);
    const bytes = await history.arrayBuffer();
    // Read before pdf.js takes (detaches) the buffer: the Korean font travels inside the file as a subset.
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansKR/);
    // pdf.js reads text back through the glyphs drawn: a font without Hangul leaves blanks where the name should be.
    expect((await readPdf(bytes)).text).toContain('Strategy history: 모멘텀 전략');
  });

  it('downloads a strategy’s history and the audit extract; bad input and missing credentials are refused', async () => {
    const { strategy } = await completedRun();
    const history = await download(`/reports/strategy-history.pdf?id=${strategy.id}`, 'compliance');
    expect(history.status).toBe(200);
    const { text } = await readPdf(await history.arrayBuffer());
    for (const heading of ['Versions', 'Promotions and rollbacks', 'Scorecards', 'Runs']) expect(text).toContain(heading);
    const historyCsv = await (await download(`/reports/strategy-history.csv?id=${strategy.id}`, 'compliance')).text();
    expect(historyCsv).toMatch(/^kind,time,/);
    expect(historyCsv).toContain('\nrun,');

    const audit = await download(`/reports/audit.pdf?from=2000-01-01T00:00:00Z`, 'compliance');
    expect(audit.status, audit.status === 200 ? "" : await audit.clone().text()).toBe(200);
    expect((await readPdf(await audit.arrayBuffer())).text).toContain('backtest.completed');
    expect((await download(`/reports/audit.csv`, 'research')).status).toBe(403);
    expect((await download(`/reports/nothing.pdf?id=${strategy.id}`, 'compliance')).status).toBe(400);
    expect((await fetch(`${api.server.url}/reports/run.pdf?id=${strategy.id}`)).status).toBe(401);
  });
});
