import DataLoader from 'dataloader';
import type { Deployment } from '../domain/deployment/deployment.entity.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { ScorecardEntry } from '../domain/scoring/scorecard-entry.entity.ts';
import type { Strategy } from '../domain/strategy/strategy.entity.ts';
import type { StrategyVersion } from '../domain/strategy/strategy-version.entity.ts';
import type { Services } from '../services/create-services.ts';

/**
 * Per-operation batch loaders for fields resolved once per row of a list (`ScorecardEntry.strategy`,
 * `MonitoringIncident.deployment`, `Strategy.latestScorecard`, `Strategy.versions`, …): the keys asked for in one tick become one service call (one
 * query) instead of one query per row. Built per GraphQL operation on that operation's services; results are not
 * memoized (`cache: false`: a subscription's context outlives many events, which must not see earlier results), only
 * batched. Each batch goes through the service, which authorizes it.
 */
export function createLoaders(services: Services) {
  const byId = <T extends { id: string }>(subject: string, load: (ids: readonly string[]) => Promise<T[]>) =>
    new DataLoader<string, T>(
      async (ids) => {
        const rows = new Map((await load(ids)).map((row) => [row.id, row]));
        return ids.map((id) => rows.get(id) ?? new NotFoundError(subject, id));
      },
      { cache: false },
    );
  return {
    strategy: byId<Strategy>('Strategy', (ids) => services.strategies.getMany(ids)),
    strategyVersion: byId<StrategyVersion>('StrategyVersion', (ids) => services.strategies.getVersions(ids)),
    deployment: byId<Deployment>('Deployment', (ids) => services.deployments.getMany(ids)),
    /** A strategy's versions, newest first. */
    versionsOfStrategy: new DataLoader<string, StrategyVersion[]>(async (strategyIds) => {
      const versions = await services.strategies.versionsOfMany(strategyIds);
      return strategyIds.map((id) => versions.get(id) ?? []);
    }, { cache: false }),
    /**
     * A strategy's rank on the evaluation date before the given one (key `<YYYY-MM-DD>|<strategy id>`); null when it was
     * not ranked then or there is no earlier date. One query for a page of entries.
     */
    previousRankOf: new DataLoader<string, number | null>(async (keys) => {
      const split = keys.map((key) => ({ date: key.slice(0, key.indexOf('|')), strategyId: key.slice(key.indexOf('|') + 1) }));
      const ranks = await services.scorecards.previousRanks(split.map((key) => key.date));
      return split.map((key) => ranks.get(key.date)?.get(key.strategyId) ?? null);
    }, { cache: false }),
    /** A strategy's newest scorecard entry, or null. */
    latestScorecardOf: new DataLoader<string, ScorecardEntry | null>(async (strategyIds) => {
      const latest = await services.scorecards.latestOfMany(strategyIds);
      return strategyIds.map((id) => latest.get(id) ?? null);
    }, { cache: false }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
