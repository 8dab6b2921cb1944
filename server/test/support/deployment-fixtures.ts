import type { RequiredEntityData } from '@mikro-orm/core';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import { findOrCreateParameterConfig } from '../../src/services/strategy/parameter-config.repository.ts';
import { builtInStrategyCode } from '../../src/services/strategy/strategy.service.ts';
import { arrangeSmaOnBtcDaily } from './fixtures.ts';
import type { ServiceTestHarness } from './test-services.ts';

/**
 * A SHADOW deployment of the built-in SMA crossover replaying BTC-USDT 1d (as fast as possible), Binance US fees,
 * no participation cap, created directly in the database (pending, as the start use-case leaves it) as production user
 * `pat@production.test`. `overrides` changes any column; `options.parameters` the SMA parameters (default 10/30);
 * `options.template` deploys that built-in template's approved version instead (e.g. `donchian_breakout`, whose
 * parameters `options.parameters` then sets).
 */
export async function arrangeShadowDeployment(
  harness: ServiceTestHarness,
  overrides: Partial<RequiredEntityData<Deployment>> = {},
  options: { parameters?: Record<string, number | boolean>; template?: string } = {},
) {
  const sma = await arrangeSmaOnBtcDaily(harness);
  const { marketDataSet } = sma;
  const em = harness.orm.em.fork();
  let { strategy, version } = sma;
  if (options.template) {
    strategy = await em.findOneOrFail(Strategy, { code: builtInStrategyCode(options.template) });
    version = (await harness.services().strategies.latestApprovedVersion(strategy.id))!;
  }
  const creator =
    (await em.findOne(User, { email: 'pat@production.test' })) ??
    em.create(User, { email: 'pat@production.test', displayName: 'Pat', roles: ['production'], kind: 'human' });
  const config = await findOrCreateParameterConfig(em, await em.findOneOrFail(StrategyVersion, { id: version.id }), options.parameters ?? { fastPeriod: 10, slowPeriod: 30 }, 'research');
  const initialEquity = 10_000;
  const deployment = em.create(Deployment, {
    strategy: strategy.id,
    strategyVersion: version.id,
    parameterConfig: config,
    createdBy: creator,
    stage: 'shadow',
    effectiveStage: 'shadow',
    feedKind: 'replay',
    replayDataset: marketDataSet.id,
    symbol: 'BTC/USDT',
    timeframe: '1d',
    quoteCurrency: 'USDT',
    venue: 'shadow',
    slippageBps: 5,
    takerFeeBps: 10,
    makerFeeBps: 10,
    seed: 1,
    maxNotionalPerOrder: 1_000_000,
    capitalAllocation: 1,
    maxPositionFraction: 1,
    maxBarAgeMs: 2 * 86_400_000,
    initialEquity,
    cash: initialEquity,
    equity: initialEquity,
    peakEquity: initialEquity,
    ...overrides,
  });
  await em.flush();
  return { strategy, version, marketDataSet, deployment, creator };
}
