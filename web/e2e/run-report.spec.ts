import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { graphql } from './support/graphql.ts';

/** Queues an SMA-crossover backtest on BTC-USDT 1d through the API and waits until it completes; returns its id. */
async function completedSmaRun(page: Page): Promise<string> {
  const options = await graphql<{
    strategies: { edges: { node: { name: string; versions: { id: string; template: string }[] } }[] };
    marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] };
  }>(page.request, `{ strategies(first: 50) { edges { node { name versions { id template } } } } marketDataSets(first: 50) { edges { node { id symbolUniverse timeframe } } } }`);
  // The built-in strategy (other specs register their own strategies on the same template).
  const version = options.strategies.edges.filter((edge) => edge.node.name === 'SMA crossover').flatMap((edge) => edge.node.versions).find((candidate) => candidate.template === 'sma_crossover')!;
  const dataSet = options.marketDataSets.edges.map((edge) => edge.node).find((node) => node.symbolUniverse.join() === 'BTC-USDT' && node.timeframe === 'ONE_DAY')!;
  const queued = await graphql<{ queueBacktest: { backtestRun: { id: string } } }>(
    page.request,
    `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }`,
    { input: { strategyVersionId: version.id, marketDataSetId: dataSet.id, parameters: [{ name: 'fastPeriod', value: 10 }, { name: 'slowPeriod', value: 30 }] } },
  );
  const id = queued.queueBacktest.backtestRun.id;
  await expect
    .poll(async () => (await graphql<{ backtestRun: { status: string } }>(page.request, `query($id: ID!) { backtestRun(id: $id) { status } }`, { id })).backtestRun.status, { timeout: 45_000 })
    .toBe('COMPLETED');
  return id;
}

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`trades on a run: candles with the SMAs, entry/exit markers and a sortable trade table linked to the chart (${viewport.name})`, async ({ page }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await signIn(page, 'research');
    const id = await completedSmaRun(page);
    await page.goto(`/runs/${encodeURIComponent(id)}`);

    const trades = page.getByRole('region', { name: 'Trades' });
    const chart = trades.getByTestId('candlestick-chart');
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(trades.getByText('SMA 10')).toBeVisible();
    await expect(trades.getByText('SMA 30')).toBeVisible();
    await expect(chart).toHaveAttribute('data-markers', /^[1-9]\d*$/);

    const table = trades.getByRole('table', { name: 'Trades' });
    const rows = table.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(5);
    await expect(rows.first().getByRole('cell').nth(1)).toHaveText('long');
    await expect(rows.first().getByRole('cell').nth(10)).toHaveText(/^\d+ d( \d+ h)?$|^open$/);

    // Sorting by P&L (the server sorts): the first row is the best trade, descending.
    await table.getByRole('button', { name: /^P&L/ }).click();
    await expect(table.getByRole('columnheader', { name: /P&L/ })).toHaveAttribute('aria-sort', 'descending');
    const profits = await rows.evaluateAll((elements) => elements.map((row) => Number(row.children[7]!.textContent!.replace('−', '-'))).filter((value) => Number.isFinite(value)));
    expect(profits).toEqual([...profits].sort((a, b) => b - a));

    // A click on a row focuses its trade on the chart (the row is selected; the chart shows its markers by number).
    const second = rows.nth(1);
    const number = await second.getAttribute('data-trade');
    await second.click();
    await expect(second).toHaveClass(/selected/);
    expect(number).toMatch(/^\d+$/);

    const report = page.getByRole('region', { name: 'Report analytics' });
    await expect(report.getByRole('table', { name: 'Monthly returns' })).toBeVisible();
    await expect(report.getByText(/VaR and CVaR are per 1 day/)).toBeVisible();
    await expect(report.getByRole('img', { name: 'Histogram of per-bar returns' })).toBeVisible();
    await noHorizontalOverflow(page);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `test-results/screenshots/run-trades-${viewport.name}.png`, fullPage: true });
  });
}

for (const viewport of [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test(`compliance drills from a run to its lineage and downloads the run report PDF, whose pages render (${viewport.name})`, async ({ page, browser }) => {
    await signIn(page, 'research');
    const id = await completedSmaRun(page);

    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const compliance = await context.newPage();
    await signIn(compliance, 'compliance');
    await compliance.goto(`/runs/${encodeURIComponent(id)}`);
    await compliance.getByRole('link', { name: 'Lineage' }).click();
    await expect(compliance).toHaveURL(/\/lineage\/run\//);
    await expect(compliance.getByRole('heading', { name: /Backtest run · SMA crossover/ })).toBeVisible();
    const computations = compliance.getByRole('region', { name: 'Computations' });
    await expect(computations.getByText('Dataset checksum')).toBeVisible();
    await expect(computations.getByText(/fastPeriod = 10 · slowPeriod = 30/)).toBeVisible();
    const audit = compliance.getByRole('region', { name: 'Audit events' });
    await expect(audit.getByRole('row').filter({ hasText: 'backtest.completed' })).toContainText('run on BTC-USDT 1d');
    await expect(audit.getByRole('row').filter({ hasText: 'backtest.queued' })).toContainText('@');
    await noHorizontalOverflow(compliance);
    await compliance.screenshot({ path: `test-results/screenshots/lineage-${viewport.name}.png`, fullPage: true });

    const [download] = await Promise.all([compliance.waitForEvent('download'), compliance.getByRole('link', { name: 'Run report (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^crucible-run-.*\.pdf$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBeGreaterThan(10_000);
    const { getDocument, OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
    expect(document.numPages).toBeGreaterThan(1);
    let paths = 0;
    let text = '';
    for (let number = 1; number <= document.numPages; number++) {
      const pdfPage = await document.getPage(number);
      const operators = await pdfPage.getOperatorList();
      paths += operators.fnArray.filter((op) => op === OPS.constructPath || op === OPS.stroke).length;
      text += (await pdfPage.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    }
    expect(paths).toBeGreaterThan(50); // charts and tables drawn as vectors
    for (const heading of ['Summary', 'Equity', 'Monthly returns', 'Lineage', 'Trades']) expect(text).toContain(heading);
    await context.close();
  });
}
