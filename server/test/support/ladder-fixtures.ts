import { randomBytes } from 'node:crypto';
import type { DeploymentStage } from '../../src/domain/deployment/deployment-stage.lifecycle.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import type { ParameterSpace } from '../../src/engine/index.ts';
import { ScorecardEntry } from '../../src/domain/scoring/scorecard-entry.entity.ts';
import { ParameterConfig } from '../../src/domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import type { ServiceTestHarness } from './test-services.ts';

/** One deployment of a ladder test: its stage, its strategy's template and latest scorecard rank, its capital, its P&L. */
export interface LadderSpec {
  stage: DeploymentStage;
  /** Engine template id of its strategy version (the diversity limit's "type"). */
  template: string;
  /** Rank on the latest scorecard date (yesterday); null = unranked on it (the scorecard gate still has its entry). */
  rank: number | null;
  /** capitalAllocation, fraction of portfolio. */
  allocation: number;
  /** Seed of its 60 daily P&L marks (uniform daily returns ±2 %); null = no P&L. */
  returnsSeed: number | null;
  /** Index (in the same call) of a deployment whose daily returns it follows: 0.9 × theirs + 0.1 × its own. */
  correlatedWith?: number;
}

const dayMs = 86_400_000;

/** mulberry32: a small deterministic PRNG, uniform in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Deployments of distinct strategies (one strategy, approved version and parameter configuration each), running on a
 * Binance US live feed at their stage (venue: the stage's, or `binanceus` for LIVE), created in the database as
 * production user `pat@production.test`; their latest scorecard entries (complete, production standard; unranked when
 * `rank` is null) and 60 days
 * of P&L marks before today. Returns them in `specs` order.
 */
export async function arrangeLadderDeployments(harness: ServiceTestHarness, specs: readonly LadderSpec[]): Promise<{ deploymentId: string; strategyId: string }[]> {
  const em = harness.orm.em.fork();
  const creator =
    (await em.findOne(User, { email: 'pat@production.test' })) ?? em.create(User, { email: 'pat@production.test', displayName: 'Pat', roles: ['production'], kind: 'human' });
  const today = Math.floor(Date.now() / dayMs);
  const evaluationDate = new Date((today - 1) * dayMs).toISOString().slice(0, 10);
  const created = specs.map((spec, index) => {
    const strategy = em.create(Strategy, {
      code: `ladder_${randomBytes(4).toString('hex')}_${index}`,
      name: `Ladder test ${index}`,
      objective: 'promotion ladder test',
      owner: creator,
      eligibleMarkets: ['BTC/USDT'],
      riskCategory: 'moderate',
      capitalGuardrails: {},
      lifecycleState: 'staging',
    });
    const version = em.create(StrategyVersion, {
      strategy,
      versionTag: 'v1',
      submittedBy: creator,
      approvalStatus: 'approved',
      changelog: 'ladder test',
      deterministicSeed: 1,
      template: spec.template,
      parameterSpace: {} as ParameterSpace,
    });
    const config = em.create(ParameterConfig, { strategyVersion: version, label: 'default', parameters: {}, source: 'research', checksum: randomBytes(32).toString('hex') });
    const deployment = em.create(Deployment, {
      strategy,
      strategyVersion: version,
      parameterConfig: config,
      createdBy: creator,
      activationState: 'active',
      stage: spec.stage,
      effectiveStage: spec.stage,
      feedKind: 'live',
      feedVenue: 'binanceus',
      replayDataset: null,
      symbol: 'BTC/USDT',
      timeframe: '1d',
      quoteCurrency: 'USDT',
      venue: spec.stage === 'live' ? 'binanceus' : spec.stage === 'paper' ? 'paper' : 'shadow',
      slippageBps: 5,
      takerFeeBps: 10,
      makerFeeBps: 10,
      seed: 1,
      maxNotionalPerOrder: 1_000_000,
      capitalAllocation: spec.allocation,
      maxPositionFraction: 1,
      maxBarAgeMs: 2 * dayMs,
      initialEquity: 10_000,
      cash: 10_000,
      equity: 10_000,
      peakEquity: 10_000,
      rolloutWave: spec.stage === 'paper' || spec.stage === 'live' ? 'full' : null,
    });
    {
      em.create(ScorecardEntry, {
        strategy,
        strategyVersion: version,
        evaluationDate,
        normalizedScore: spec.rank === null ? 50 : Math.max(0, 95 - spec.rank * 0.1),
        recommendation: 'promote',
        generatedBy: creator,
        rank: spec.rank,
        complete: true,
        researchOnly: false,
      });
    }
    return { deploymentId: deployment.id, strategyId: strategy.id };
  });
  await em.flush();

  const days = 60;
  const returns: (number[] | null)[] = specs.map((spec) => {
    if (spec.returnsSeed === null) return null;
    const next = random(spec.returnsSeed);
    return Array.from({ length: days }, () => (next() - 0.5) * 0.04);
  });
  specs.forEach((spec, index) => {
    if (spec.correlatedWith === undefined || !returns[index] || !returns[spec.correlatedWith]) return;
    const leader = returns[spec.correlatedWith]!;
    returns[index] = returns[index]!.map((own, day) => 0.9 * leader[day]! + 0.1 * own);
  });
  const rows: string[] = [];
  const values: unknown[] = [];
  returns.forEach((series, index) => {
    if (!series) return;
    let equity = 10_000;
    series.forEach((dailyReturn, day) => {
      equity *= 1 + dailyReturn;
      rows.push('(?, ?, ?, ?, 0, 0, 0, 0, 0, ?)');
      values.push(created[index]!.deploymentId, new Date((today - days + day) * dayMs), equity, equity, dailyReturn);
    });
  });
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    await em.execute(
      `insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction) values ${chunk.join(', ')}`,
      values.slice(start * 5, (start + chunk.length) * 5),
    );
  }
  return created;
}

/**
 * Live-feed deployments (Binance US, BTC/USDT 1d) at `stage`, started 60 days ago, each with the daily P&L marks of
 * `dailyReturns` (the last one yesterday; no other P&L; each strategy ranked 1 on a production-standard scorecard) — so
 * the evidence the demotion triggers read is exactly these marks.
 */
export async function arrangeMarkedLadderDeployments(harness: ServiceTestHarness, specs: readonly { stage: 'paper' | 'live'; dailyReturns: readonly number[] }[]): Promise<{ deploymentId: string; strategyId: string }[]> {
  const query = (sql: string, parameters: unknown[]) => harness.orm.em.fork().execute(sql, parameters);
  const arranged = await arrangeLadderDeployments(
    harness,
    specs.map((spec) => ({ stage: spec.stage, template: 'sma_crossover', rank: 1, allocation: 0.02, returnsSeed: null })),
  );
  const today = Math.floor(Date.now() / dayMs);
  for (const [index, spec] of specs.entries()) {
    const { deploymentId } = arranged[index]!;
    await query(`update deployment set activation_started_at = ?, activation_completed_at = ? where id = ?`, [new Date((today - 60) * dayMs), new Date((today - 60) * dayMs), deploymentId]);
    let equity = 10_000;
    for (const [day, dailyReturn] of spec.dailyReturns.entries()) {
      equity *= 1 + dailyReturn;
      const barAt = new Date((today - spec.dailyReturns.length - 1 + day) * dayMs);
      await query(`insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction) values (?, ?, ?, ?, 0, 0, 0, 0, 0, ?)`, [deploymentId, barAt, equity, equity, dailyReturn]);
    }
  }
  return arranged;
}
