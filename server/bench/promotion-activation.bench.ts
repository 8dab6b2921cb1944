/**
 * Issue 12 budget "final approval → deployment active: p99 < 5 s" (spec: under 5 minutes), reported, never asserted.
 * A throwaway database (DATABASE_URL's server, else an embedded PostgreSQL) with a LIVE book of 30 deployments (six
 * templates, ranked, 60 days of P&L each) and a PAPER book; then, one after another, BENCH_PROMOTIONS (default 20)
 * SHADOW → PAPER promotions and as many PAPER → LIVE promotions, each opened and signed by risk and ops beforehand.
 * The figure is the final approval call's duration — from the call to its commit: approvals checked, kill switches
 * read, portfolio lock, live cap / diversity / correlation over the live book's daily returns, capital, stage moved,
 * records chained, audit, events, and for LIVE the exchange probe (the recorded Binance US account answer, no network)
 * and the token. The deployment is active at its new stage when the call returns (the runner acts in it from its
 * next bar). Reported with the host's load average.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeUserActor } from '../src/domain/auth/actor.ts';
import type { Role } from '../src/domain/auth/roles.ts';
import type { VenueProvider } from '../src/domain/deployment/venue.ts';
import { newId } from '../src/domain/ids.ts';
import { User } from '../src/domain/user/user.entity.ts';
import { systemClock } from '../src/infra/clock.ts';
import type { MikroORM } from '../src/infra/db/orm.ts';
import type { ExchangeCredentials } from '../src/infra/exchange/exchange-credentials.ts';
import { loadExchangeVenue } from '../src/infra/exchange/load-exchange-venue.ts';
import type { RecordedMarkets } from '../src/infra/exchange/recorded-markets.ts';
import { replayRecordedExchange, type RecordedHttpExchange } from '../src/infra/exchange/testing/recorded-exchange.ts';
import { createLogger } from '../src/infra/logger.ts';
import { createServices } from '../src/services/create-services.ts';
import { arrangeLadderDeployments, type LadderSpec } from '../test/support/ladder-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy } from '../test/support/promotion-gate-fixtures.ts';
import type { ServiceTestHarness } from '../test/support/test-services.ts';
import { openBenchDatabase } from './bench-database.ts';
import { percentile } from './percentile.ts';

const promotions = Number(process.env.BENCH_PROMOTIONS ?? 20);
const budgetMs = 5_000;
const templates = ['sma_crossover', 'ema_crossover', 'macd', 'rsi_mean_reversion', 'bollinger_mean_reversion', 'donchian_breakout'];
const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../src/infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;

/** Binance US answering the activation probe from the connector fixtures' recorded account answer. */
function recordedBinanceUs(): VenueProvider {
  const file = fixture<{ clock: string; credentials: ExchangeCredentials; cases: { call: { method: string }; exchange: RecordedHttpExchange[] }[] }>('binanceus.exchange.json');
  const balance = file.cases.find((testCase) => testCase.call.method === 'fetchBalance' && testCase.exchange.length > 0)!.exchange;
  const markets = fixture<RecordedMarkets>('binanceus.markets.json');
  return { venueFor: () => loadExchangeVenue('binanceus', file.credentials, { clock: { now: () => new Date(file.clock) }, markets, configureExchange: (exchange) => void replayRecordedExchange(exchange, balance) }) };
}

async function servicesAs(orm: MikroORM, email: string, roles: Role[], venues?: VenueProvider) {
  const em = orm.em.fork();
  let user = await em.findOne(User, { email });
  if (!user) {
    user = em.create(User, { email, displayName: email, roles, kind: 'human' });
    await em.flush();
  }
  const actor = makeUserActor({ id: user.id, email }, roles, { kind: 'api_token', tokenId: newId(), stepUp: true });
  return createServices({ em: orm.em.fork(), clock: systemClock, logger: createLogger('bench', 'silent'), correlationId: newId(), actor }, { importDir: '/nonexistent', venues });
}

/** Runs the figure and returns it as JSON objects. */
export async function benchPromotionActivation(): Promise<Record<string, unknown>[]> {
  const logger = createLogger('bench', process.env.LOG_LEVEL ?? 'warn');
  const database = await openBenchDatabase(4, logger);
  const { orm } = database;
  const figures: Record<string, unknown>[] = [];
  try {
    const harness = { orm } as ServiceTestHarness;
    // Activation is measured under a policy whose evidence gates are open (the deployments here have P&L marks only);
    // the gates' own cost is the gate bench's figure, and the execution's re-check of them is inside this timing.
    await activatePolicy(orm.em.fork(), gatesOpenTestPolicy('2026.12.1-gates-open-bench'));
    // The LIVE activation probes the exchange with the venue's sealed account (none → connector unavailable, halted).
    await (await servicesAs(orm, 'cred@production.test', ['production'])).exchangeCredentials.set({ venue: 'binanceus', apiKey: 'fixture-binanceus-api-key', secret: 'fixture-binanceus-secret-not-a-credential' });
    const live = Array.from({ length: 30 }, (_, index): LadderSpec => ({ stage: 'live', template: templates[index % templates.length]!, rank: index + 2 * promotions + 2, allocation: 0.01, returnsSeed: 1_000 + index }));
    await arrangeLadderDeployments(harness, live);
    const shadows = await arrangeLadderDeployments(harness, Array.from({ length: promotions }, (): LadderSpec => ({ stage: 'shadow', template: 'sma_crossover', rank: null, allocation: 0.01, returnsSeed: null })));
    const papers = await arrangeLadderDeployments(
      harness,
      Array.from({ length: promotions }, (_, index): LadderSpec => ({ stage: 'paper', template: templates[index % templates.length]!, rank: index + 1, allocation: 0.01, returnsSeed: 5_000 + index })),
    );
    const venues = recordedBinanceUs();
    const measure = async (deploymentId: string, live: boolean) => {
      const { request } = await (await servicesAs(orm, 'pat@production.test', ['production'])).promotionRequests.request({ deploymentId, reason: 'bench promotion' });
      await (await servicesAs(orm, 'rita@risk.test', ['risk'])).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'bench risk' });
      const finalStep = live ? 'finalAuthorizer' : 'opsApprover';
      if (live) await (await servicesAs(orm, 'quinn@production.test', ['production'])).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'bench ops' });
      const approver = await servicesAs(orm, live ? 'uma@production.test' : 'quinn@production.test', ['production'], venues);
      const started = performance.now();
      const result = await approver.promotionRequests.approve({ requestId: request.id, step: finalStep, comment: 'bench final' });
      const elapsed = performance.now() - started;
      if (!result.execution?.executed) throw new Error(`promotion of ${deploymentId} did not execute: ${JSON.stringify(result.execution)}`);
      return elapsed;
    };
    const loadBefore = loadavg()[0];
    for (const [label, set, live] of [
      ['shadow_to_paper', shadows, false],
      ['paper_to_live', papers, true],
    ] as const) {
      const durations: number[] = [];
      for (const deployment of set) durations.push(await measure(deployment.deploymentId, live));
      figures.push({
        figure: `promotion_final_approval_to_active_ms_${label}`,
        promotions: durations.length,
        liveBook: 30,
        p50: percentile(durations, 0.5),
        p99: percentile(durations, 0.99),
        max: Math.max(...durations),
        budgetP99Ms: budgetMs,
        withinBudget: percentile(durations, 0.99) < budgetMs,
        loadAverage1mBefore: loadBefore,
        loadAverage1mAfter: loadavg()[0],
        cpus: cpus().length,
      });
    }
  } finally {
    await database.drop();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const figure of await benchPromotionActivation()) console.log(JSON.stringify(figure));
}
