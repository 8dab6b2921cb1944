/**
 * Dashboard pages (issue 14 budget: interactive in < 1 s with 100 strategies and 10,000 runs in the database, measured
 * by Playwright). A throwaway database gets 100 approved strategies (the engine templates, cycled), 10,000 completed
 * backtest runs (100 per strategy: each template's real run on BTC-USDT 1d copied with its metrics jittered, creation
 * times spread over a year) and two scorecard dates for every strategy; then the API and the built web UI (web/build,
 * built first when missing) serve it on one origin, and headless Chromium (/usr/bin/chromium) loads each audience's
 * dashboard page as its role, five times: the figure is the time from the navigation's start until the page's data is
 * on screen (its main table's rows or board rendered, nothing "Loading…"), read in the page from
 * `performance.now()`; also DOMContentLoaded. p50 and max in ms against the 1,000 ms budget; never asserted.
 * Run alone: `npx tsx --tsconfig server/tsconfig.json server/bench/dashboard-pages.bench.ts`.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { BacktestRun } from '../src/domain/backtest/backtest-run.entity.ts';
import { EvaluationCycle } from '../src/domain/cycle/evaluation-cycle.entity.ts';
import { newId } from '../src/domain/ids.ts';
import { StrategyVersion } from '../src/domain/strategy/strategy-version.entity.ts';
import { Strategy } from '../src/domain/strategy/strategy.entity.ts';
import { strategyTemplates } from '../src/engine/index.ts';
import { parseConfig, repositoryRoot } from '../src/infra/config.ts';
import { createLogger } from '../src/infra/logger.ts';
import { startServer } from '../src/http/server.ts';
import type { ScoringSubject } from '../src/services/scoring/scorecard.service.ts';
import { findOrCreateParameterConfig } from '../src/services/strategy/parameter-config.repository.ts';
import { createSystemServices } from '../src/services/system-services.ts';
import { openBenchDatabase } from './bench-database.ts';

const strategyCount = 100;
const runsPerStrategy = 100;
const repeats = 5;
const budgetMs = 1_000;

/** Each audience's dashboard page, the role that reads it, and what is on screen once its data is. */
const pages: { path: string; role: 'research' | 'production' | 'risk' | 'compliance'; ready: string }[] = [
  { path: '/runs', role: 'research', ready: 'table[aria-label="Backtest runs"] tbody tr[data-run-id]' },
  { path: '/strategies', role: 'research', ready: 'table[aria-label="Strategies"] tbody tr td:not(.empty)' },
  { path: '/scorecard', role: 'research', ready: 'table[aria-label="Ranking"] tbody tr td.why' },
  { path: '/promotions', role: 'production', ready: '[aria-label="Promotion pipeline board"]' },
  { path: '/deployments', role: 'production', ready: 'table[aria-label="Deployments"] tbody tr' },
  { path: '/risk', role: 'risk', ready: 'table[aria-label="Risk wall"]' },
  { path: '/audit', role: 'compliance', ready: 'table[aria-label="Audit events"] tbody tr td:not(.empty)' },
];

/** Signs in through the sign-in page as the demo user of `role`. */
async function signIn(page: Page, role: string): Promise<void> {
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(`${role}@demo.crucible.local`);
  await form.getByLabel('Password').fill(`${role}-demo-password`);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/runs$/);
}

/**
 * Loads `path` and returns ms from the navigation's start until `ready` is on screen with nothing loading,
 * DOMContentLoaded, and the slowest GraphQL request of the load (operation name, ms from request start to response end).
 */
async function measurePage(page: Page, path: string, ready: string): Promise<{ readyMs: number; domContentLoadedMs: number; slowest: { operation: string; ms: number } | null }> {
  const requests: { operation: string; ms: number }[] = [];
  const onFinished = (request: import('@playwright/test').Request) => {
    if (!request.url().endsWith('/graphql')) return;
    let operation = '?';
    try {
      operation = (JSON.parse(request.postData() ?? '{}') as { operationName?: string }).operationName ?? '?';
    } catch {
      // not JSON
    }
    requests.push({ operation, ms: Math.round(request.timing().responseEnd) });
  };
  page.on('requestfinished', onFinished);
  await page.goto(path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      const main = document.querySelector('main') ?? document.body;
      if (!element || !(element as HTMLElement).offsetParent || /Loading…/.test(main.textContent ?? '')) return false;
      return performance.now();
    },
    ready,
    { polling: 'raf', timeout: 30_000 },
  );
  const readyMs = (await handle.jsonValue()) as number;
  const domContentLoadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
  page.off('requestfinished', onFinished);
  const slowest = requests.sort((a, b) => b.ms - a.ms)[0] ?? null;
  return { readyMs, domContentLoadedMs, slowest };
}

export async function benchDashboardPages(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const webBuildDir = join(repositoryRoot, 'web/build');
  if (!existsSync(join(webBuildDir, 'index.html')) && !existsSync(join(webBuildDir, 'handler.js'))) {
    execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: repositoryRoot, stdio: 'ignore' });
  }
  const database = await openBenchDatabase(6, logger, { roles: true });
  const { orm, databaseUrl: appUrl } = database;
  const figures: Record<string, unknown>[] = [];
  try {
    const config = { ...parseConfig({ ...process.env, DATABASE_URL: appUrl, PORT: '0', WEB_BUILD_DIR: webBuildDir }), databaseUrl: appUrl };
    const services = () => createSystemServices(orm, config, logger);
    const seedStarted = performance.now();
    await services().audit.registerSigningKey();
    await services().users.ensureDemoUsers();
    await services().strategies.registerBuiltInStrategies();
    const { marketDataSet } = await services().marketData.importBytes('BTC-USDT_1d.csv', await readFile(join(repositoryRoot, 'data/market/BTC-USDT_1d.csv')));
    const system = await services().strategies.systemUser();

    // One real run per template (its metrics and checksums are copied), then 100 strategies with 100 runs each.
    const realRuns = new Map<string, BacktestRun>();
    for (const template of strategyTemplates) {
      const em = orm.em.fork();
      const version = await em.findOneOrFail(StrategyVersion, { template: template.id, approvalStatus: 'approved' });
      const queued = await services().backtests.queue({ strategyVersionId: version.id, marketDataSetId: marketDataSet.id });
      await services().backtests.execute(queued.id);
      realRuns.set(template.id, await orm.em.fork().findOneOrFail(BacktestRun, { id: queued.id }));
    }
    const existing = await orm.em.fork().count(Strategy, {});
    const yearMs = 365 * 86_400_000;
    const now = Date.now();
    for (let index = existing; index < strategyCount; index++) {
      const template = strategyTemplates[index % strategyTemplates.length]!;
      const em = orm.em.fork();
      const strategy = em.create(Strategy, {
        code: `bench-${String(index).padStart(3, '0')}`,
        name: `${template.name} variant ${index}`,
        objective: template.description,
        owner: system,
        eligibleMarkets: ['BTC-USDT'],
        riskCategory: 'moderate',
        capitalGuardrails: { staging: 0.02, production: 0.05 },
        lifecycleState: 'research',
      });
      em.create(StrategyVersion, {
        strategy,
        versionTag: 'v1.0.0',
        submittedBy: system,
        approvalStatus: 'approved',
        approvalMetadata: { reviewerId: system.id, decidedAt: new Date().toISOString(), notes: 'bench' },
        changelog: 'bench strategy',
        deterministicSeed: index + 1,
        template: template.id,
        parameterSpace: template.parameterSpace,
      });
      await em.flush();
    }
    const strategies = await orm.em.fork().find(Strategy, {}, { orderBy: { code: 'asc' } });
    let runCount = await orm.em.fork().count(BacktestRun, {});
    for (const [index, strategy] of strategies.entries()) {
      const em = orm.em.fork();
      const version = (await services().strategies.latestApprovedVersion(strategy.id))!;
      const real = realRuns.get(version.template)!;
      const realConfig = await em.findOneOrFail(BacktestRun, { id: real.id }, { populate: ['parameterConfig'] });
      const config = await findOrCreateParameterConfig(em, await em.findOneOrFail(StrategyVersion, { id: version.id }), realConfig.parameterConfig.parameters, 'research');
      await em.flush();
      const wanted = index === strategies.length - 1 ? strategyCount * runsPerStrategy - runCount : runsPerStrategy;
      const rows = Array.from({ length: Math.max(0, wanted) }, (_, k) => {
        const metrics = { ...real.metrics };
        for (const key of ['sharpe', 'totalReturn', 'cagr', 'maxDrawdown']) if (typeof metrics[key] === 'number') metrics[key] = (metrics[key] as number) * (0.8 + 0.4 * Math.random());
        const createdAt = new Date(now - Math.random() * yearMs);
        return {
          id: newId(),
          strategyVersion: version.id,
          parameterConfig: config.id,
          marketDataSet: marketDataSet.id,
          triggerType: 'manual' as const,
          mode: 'historical' as const,
          status: 'completed' as const,
          startedAt: createdAt,
          completedAt: new Date(createdAt.getTime() + 2_000),
          metrics,
          regimeMetrics: real.regimeMetrics ?? null,
          robustnessScore: real.robustnessScore ?? null,
          warningFlags: real.warningFlags,
          engineVersion: real.engineVersion,
          datasetChecksum: real.datasetChecksum,
          parameterChecksum: config.checksum,
          feeBps: real.feeBps,
          slippageBps: real.slippageBps,
          correlationId: `bench-${index}-${k}`,
          createdAt,
        };
      });
      if (rows.length > 0) await em.insertMany(BacktestRun, rows);
      runCount += rows.length;
    }

    // Two scorecard dates (a rank change to show) for every strategy.
    for (const [date, offset] of [['2030-01-01', 0], ['2030-01-02', 7]] as const) {
      const subjects: ScoringSubject[] = [];
      for (const [index, strategy] of strategies.entries()) {
        const version = (await services().strategies.latestApprovedVersion(strategy.id))!;
        const sharpe = 0.2 + (((index + offset) * 37) % strategies.length) / 40;
        subjects.push({ strategyId: strategy.id, strategyVersionId: version.id, inputs: { sharpe, sortino: sharpe * 1.2, calmar: 0.8, maxDrawdown: -0.25, valueAtRisk: -0.03, conditionalValueAtRisk: -0.045, winRateDispersion: 0.05 } as ScoringSubject['inputs'] });
      }
      const cycle = await services().cycles.run({ configurationCount: 60, seed: 1, reason: `bench ${date}` });
      const policy = await services().scorecards.activePolicy(orm.em.fork());
      await orm.em.fork().transactional(async (tx) => services().scorecards.writeEntries(tx, await tx.findOneOrFail(EvaluationCycle, { id: cycle.id }), date, policy, subjects, system));
    }
    const seeded = { strategies: await orm.em.fork().count(Strategy, {}), runs: await orm.em.fork().count(BacktestRun, {}), seedSeconds: Math.round((performance.now() - seedStarted) / 100) / 10 };

    const server = await startServer({ config, orm, databaseUrl: appUrl, logger });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      for (const role of [...new Set(pages.map((entry) => entry.role))]) {
        const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await signIn(page, role);
        for (const entry of pages.filter((candidate) => candidate.role === role)) {
          const timings: Awaited<ReturnType<typeof measurePage>>[] = [];
          for (let repeat = 0; repeat < repeats; repeat++) timings.push(await measurePage(page, entry.path, entry.ready));
          const ready = timings.map((timing) => timing.readyMs).sort((a, b) => a - b);
          const loaded = timings.map((timing) => timing.domContentLoadedMs).sort((a, b) => a - b);
          figures.push({
            figure: 'dashboard_page_interactive_ms',
            page: entry.path,
            role,
            first: Math.round(timings[0]!.readyMs),
            p50: Math.round(ready[Math.floor(repeats / 2)]!),
            max: Math.round(ready.at(-1)!),
            domContentLoadedP50: Math.round(loaded[Math.floor(repeats / 2)]!),
            slowestGraphqlOfLastLoad: timings.at(-1)!.slowest,
            budgetMs,
            ...seeded,
            viewport: '1440x900',
            loadAverage: Math.round(loadavg()[0]! * 10) / 10,
          });
        }
        await context.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await database.drop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchDashboardPages()) console.log(JSON.stringify(figure));
}
