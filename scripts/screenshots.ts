import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { repositoryRoot } from '../server/src/infra/config.ts';

/**
 * Screenshots of every page at desktop (1440×900) and phone (390×844) width, to look at what was built.
 * Against a running stack (e.g. `E2E_PORT=4210 npx tsx --tsconfig server/tsconfig.json scripts/e2e-stack.ts` after
 * `npm run build -w web`, or `npm start`) with the demo users:
 *
 *   SCREENSHOT_URL=http://127.0.0.1:4210 npx tsx --tsconfig server/tsconfig.json scripts/screenshots.ts
 *
 * Seeds what a page needs to show something (a completed backtest run, a small optimization, an evaluation cycle,
 * an incident and so a notification) through the API, then writes `screenshots/<page>-<desktop|phone>-<dark|light>.png`
 * (gitignored; SCREENSHOT_DIR overrides) in each colour scheme of SCREENSHOT_SCHEMES (default `dark,light`; the app
 * follows the system's). SCREENSHOT_PAGES=optimization,risk,… takes only those pages. The deployment page needs a
 * deployment: start the stack with E2E_PROMOTION_DEMO=1 for the demo's. Uses Debian's chromium (/usr/bin/chromium,
 * CHROMIUM_PATH overrides).
 */
const baseURL = process.env.SCREENSHOT_URL ?? 'http://127.0.0.1:3000';
const outDir = process.env.SCREENSHOT_DIR ?? join(repositoryRoot, 'screenshots');
const viewports = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const schemes = (process.env.SCREENSHOT_SCHEMES ?? 'dark,light').split(',').map((scheme) => scheme.trim()) as ('dark' | 'light')[];
const onlyPages = process.env.SCREENSHOT_PAGES ? new Set(process.env.SCREENSHOT_PAGES.split(',').map((name) => name.trim())) : null;

type Role = 'research' | 'production' | 'risk' | 'compliance' | 'admin';

async function graphql<T>(request: APIRequestContext, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await request.post(`${baseURL}/graphql`, { data: { query, variables } });
  const body = (await response.json()) as { data: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data;
}

async function signIn(request: APIRequestContext, role: Role): Promise<void> {
  await graphql(request, `mutation($input: SignInInput!) { signIn(input: $input) { __typename } }`, { input: { email: `${role}@demo.crucible.local`, password: `${role}-demo-password` } });
}

/** Polls `probe` every 500 ms for at most `seconds` (a script waiting for the worker, not a test). */
async function waitFor(what: string, probe: () => Promise<boolean>, seconds = 180): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveLater) => setTimeout(resolveLater, 500));
  }
}

/** Seeds a completed run, optimization and cycle, and an incident (hence a notification); returns ids for detail pages. */
async function seed(request: APIRequestContext) {
  await signIn(request, 'research');
  const data = await graphql<{ strategies: { edges: { node: { id: string; code: string; versions: { id: string }[] } }[] }; marketDataSets: { edges: { node: { id: string; symbolUniverse: string[] } }[] } }>(
    request,
    `{ strategies(first: 50) { edges { node { id code versions { id } } } } marketDataSets(first: 10) { edges { node { id symbolUniverse } } } }`,
  );
  const sma = data.strategies.edges.find((edge) => edge.node.code === 'builtin-sma-crossover')!.node;
  const btc = data.marketDataSets.edges.find((edge) => edge.node.symbolUniverse.includes('BTC-USDT'))!.node;
  const run = await graphql<{ queueBacktest: { backtestRun: { id: string } } }>(
    request,
    `mutation($input: QueueBacktestInput!) { queueBacktest(input: $input) { backtestRun { id } } }`,
    { input: { strategyVersionId: sma.versions[0]!.id, marketDataSetId: btc.id, parameters: [{ name: 'fastPeriod', value: 15 }, { name: 'slowPeriod', value: 60 }] } },
  );
  const optimization = await graphql<{ queueOptimization: { optimization: { id: string } } }>(
    request,
    `mutation($input: QueueOptimizationInput!) { queueOptimization(input: $input) { optimization { id } } }`,
    {
      input: {
        strategyVersionId: sma.versions[0]!.id,
        marketDataSetIds: [btc.id],
        searchMethod: 'LATIN_HYPERCUBE',
        trialBudget: 12,
        windows: { scheme: 'ROLLING', unit: 'BARS', trainSize: 500, testSize: 250 },
        objective: { metric: 'SHARPE', direction: 'MAXIMIZE', constraints: [] },
      },
    },
  );
  await graphql(request, `mutation { runEvaluationCycle(input: { reason: "screenshots", seed: 5 }) { evaluationCycle { id } } }`);
  await signIn(request, 'risk');
  await graphql(request, `mutation($input: OpenStrategyIncidentInput!) { openStrategyIncident(input: $input) { incident { id } } }`, {
    input: { strategyId: sma.id, incidentType: 'DRAWDOWN', severity: 'WARNING', summary: 'Drawdown of 8 % approaching the 10 % desk limit (screenshot seed)' },
  });
  await waitFor('the run and the optimization to complete', async () => {
    const state = await graphql<{ backtestRun: { status: string }; optimization: { status: string } }>(
      request,
      `query($run: ID!, $optimization: ID!) { backtestRun(id: $run) { status } optimization(id: $optimization) { status } }`,
      { run: run.queueBacktest.backtestRun.id, optimization: optimization.queueOptimization.optimization.id },
    );
    return state.backtestRun.status !== 'QUEUED' && state.backtestRun.status !== 'RUNNING' && state.optimization.status !== 'QUEUED' && state.optimization.status !== 'RUNNING';
  });
  await signIn(request, 'production');
  const deployments = await graphql<{ deployments: { edges: { node: { id: string } }[] } }>(request, `{ deployments(first: 1) { edges { node { id } } } }`);
  return { strategyId: sma.id, runId: run.queueBacktest.backtestRun.id, optimizationId: optimization.queueOptimization.optimization.id, deploymentId: deployments.deployments.edges[0]?.node.id ?? null };
}

/** The pages to take, each with the role that sees the most of it. */
function pages(ids: Awaited<ReturnType<typeof seed>>): { name: string; path: string; role: Role }[] {
  return [
    { name: 'registry', path: '/strategies', role: 'research' },
    { name: 'strategy', path: `/strategies/${ids.strategyId}`, role: 'risk' },
    { name: 'strategy-version-form', path: `/strategies/${ids.strategyId}`, role: 'research' },
    { name: 'runs-and-parameter-form', path: '/runs', role: 'research' },
    { name: 'run', path: `/runs/${ids.runId}`, role: 'research' },
    { name: 'optimizations-and-form', path: '/optimizations', role: 'research' },
    { name: 'optimization', path: `/optimizations/${ids.optimizationId}`, role: 'research' },
    { name: 'scorecard-and-cycle', path: '/scorecard', role: 'research' },
    { name: 'datasets', path: '/datasets', role: 'research' },
    { name: 'triggers', path: '/triggers', role: 'research' },
    { name: 'incidents', path: '/incidents', role: 'risk' },
    { name: 'notifications', path: '/notifications', role: 'risk' },
    { name: 'audit', path: '/audit', role: 'compliance' },
    { name: 'operations', path: '/operations', role: 'risk' },
    { name: 'users', path: '/users', role: 'admin' },
    { name: 'account', path: '/account', role: 'research' },
    { name: 'risk', path: '/risk', role: 'risk' },
    { name: 'capital', path: '/promotions/capital', role: 'production' },
    ...(ids.deploymentId ? [{ name: 'deployment', path: `/deployments/${ids.deploymentId}`, role: 'production' as const }] : []),
  ].filter((target) => !onlyPages || onlyPages.has(target.name));
}

async function shoot(browser: Browser, role: Role, viewport: keyof typeof viewports, scheme: 'dark' | 'light', targets: { name: string; path: string }[]): Promise<void> {
  const context = await browser.newContext({ baseURL, viewport: viewports[viewport], colorScheme: scheme });
  await signIn(context.request, role);
  const page: Page = await context.newPage();
  for (const target of targets) {
    await page.goto(target.path);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(outDir, `${target.name}-${viewport}-${scheme}.png`), fullPage: true });
    console.log(`${target.name}-${viewport}-${scheme}.png`);
  }
  // The top bar with the live notification bell (its unread count), as the first screen shows it.
  if (role === 'risk' && !onlyPages) {
    await page.goto('/runs');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(outDir, `bell-${viewport}-${scheme}.png`), clip: { x: 0, y: 0, width: viewports[viewport].width, height: 120 } });
    console.log(`bell-${viewport}-${scheme}.png`);
  }
  await context.close();
}

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const seeding = await browser.newContext({ baseURL });
  const ids = await seed(seeding.request);
  await seeding.close();
  const targets = pages(ids);
  for (const viewport of Object.keys(viewports) as (keyof typeof viewports)[]) {
    for (const scheme of schemes) {
      for (const role of [...new Set(targets.map((target) => target.role))]) {
        await shoot(browser, role, viewport, scheme, targets.filter((target) => target.role === role));
      }
    }
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
}
