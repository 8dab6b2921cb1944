import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { completedSmaRuns } from './support/backtest-runs.ts';
import { graphql } from './support/graphql.ts';

/** The text of a downloaded PDF, read back by pdf.js, and its page count. */
async function pdfText(download: Download): Promise<{ pages: number; text: string }> {
  const bytes = readFileSync((await download.path())!);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
  let text = '';
  for (let number = 1; number <= document.numPages; number++) text += `${(await (await document.getPage(number)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
  return { pages: document.numPages, text };
}

/** The built-in SMA crossover strategy's global id. */
async function smaStrategyId(page: Page): Promise<string> {
  const result = await graphql<{ strategies: { edges: { node: { id: string; name: string } }[] } }>(page.request, `{ strategies(first: 100) { edges { node { id name } } } }`);
  return result.strategies.edges.find((edge) => edge.node.name === 'SMA crossover')!.node.id;
}

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`compliance opens a version's lineage and downloads the strategy's history and monitoring log from its page (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page, 'compliance');
    const id = await smaStrategyId(page);
    await page.goto(`/strategies/${encodeURIComponent(id)}`);
    await expect(page.getByRole('heading', { name: 'SMA crossover', level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    const [history] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'History report (PDF)' }).click()]);
    expect(history.suggestedFilename()).toMatch(/^crucible-strategy-history-.*\.pdf$/);
    const historyPdf = await pdfText(history);
    for (const heading of ['Strategy history: SMA crossover', 'Versions', 'Promotions and rollbacks', 'Scorecards', 'Runs']) expect(historyPdf.text).toContain(heading);

    const [monitoring] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Monitoring log (PDF)' }).click()]);
    expect(monitoring.suggestedFilename()).toMatch(/^crucible-monitoring-.*\.pdf$/);
    const monitoringPdf = await pdfText(monitoring);
    for (const heading of ['Monitoring log: SMA crossover', 'Deployments', 'Incidents', 'Deployment events']) expect(monitoringPdf.text).toContain(heading);

    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('link', { name: /^Lineage of / }).first().click();
    await expect(page).toHaveURL(/\/lineage\/version\//);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('SMA crossover');
  });
}

test('research downloads the comparison of two runs as a PDF from the compare page; research sees no lineage links', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'research');
  const ids = await completedSmaRuns(page, [7, 12], 40);
  await page.goto(`/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  await expect(page.getByRole('table', { name: 'Parameter diff' })).toBeVisible();
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Report PDF' }).click()]);
  expect(report.suggestedFilename()).toMatch(/^crucible-comparison-.*\.pdf$/);
  const { text } = await pdfText(report);
  for (const expected of ['Run comparison: 2 runs', 'Sharpe ratio', 'fastPeriod', 'Equity rebased']) expect(text).toContain(expected);

  await page.goto(`/strategies/${encodeURIComponent(await smaStrategyId(page))}`);
  await expect(page.getByRole('link', { name: 'History report (PDF)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Versions' }).getByRole('link', { name: /^Lineage of / })).toHaveCount(0);
});

test('compliance drills from a scorecard row to its lineage, and downloads the experiment comparison PDF of the cycle', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, 'research');
  await page.goto('/scorecard');
  await page.getByRole('button', { name: 'Run evaluation cycle' }).click();
  await expect(page.getByTestId('cycle-status')).toHaveText('COMPLETED', { timeout: 60_000 });

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const compliance = await context.newPage();
  await signIn(compliance, 'compliance');
  await compliance.goto('/scorecard');
  const row = compliance.getByRole('table', { name: 'Ranking' }).locator('tbody tr').filter({ hasText: 'SMA crossover' });
  await expect(row.locator('td.why')).toContainText(/held back by|carried by|no factor stands out/);
  const [experiment] = await Promise.all([compliance.waitForEvent('download'), compliance.getByRole('link', { name: 'Experiment PDF' }).click()]);
  expect(experiment.suggestedFilename()).toMatch(/^crucible-experiment-.*\.pdf$/);
  expect((await pdfText(experiment)).text).toContain('Configurations by mean out-of-sample Sharpe');
  await row.getByRole('link', { name: 'Lineage' }).click();
  await expect(compliance).toHaveURL(/\/lineage\/scorecard-entry\//);
  await expect(compliance.getByRole('heading', { level: 1 })).toContainText(/Scorecard entry of \d{4}-\d{2}-\d{2} · SMA crossover/);
  await context.close();
});
