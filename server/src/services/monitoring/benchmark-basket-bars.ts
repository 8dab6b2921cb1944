import type { EntityManager } from '@mikro-orm/postgresql';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import { calculateBenchmarkBasket, defaultBasketWeights, selectTopAlt, type BenchmarkBasket, type TopAltSelection } from '../../engine/index.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import { loadBarFrameBetween } from '../market-data/bar-frame.repository.ts';

const millisecondsPerDay = 86_400_000;

/** The basket as monitoring reads it: the series, and which symbols (and why that top alt) it holds; null when it cannot be built. */
export interface LoadedBasket {
  basket: BenchmarkBasket | null;
  /** Member symbols (`BTC-USDT` …) with weights; empty when a member is missing. */
  members: { symbol: string; weight: number }[];
  topAlt: TopAltSelection | null;
  /** Why there is no basket (a member has no certified dataset at this bar length, no eligible top alt); null when built. */
  missing: string | null;
}

/** The newest certified single-symbol dataset of `symbol` at `timeframe`, or null. */
async function datasetOf(em: EntityManager, symbol: string, timeframe: Timeframe): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select id from market_data_set where timeframe = ? and symbol_universe = array[?]::text[] and certified_at is not null order by end_at desc, created_at desc limit 1`,
    [timeframe, symbol],
  );
  return row?.id ?? null;
}

/**
 * The benchmark basket (BTC 60 % / ETH 30 % / top alt 10 %, rebalanced daily: `calculateBenchmarkBasket`) over the
 * bars opening in `[fromMs, throughMs]`, built from the same certified datasets the deployments replay, at the
 * deployment's bar length and quote currency. The top alt is the policy's `benchmark.topAltSymbol` when set, else —
 * we have no market-cap feed — the bundled non-BTC/ETH asset with the largest trailing quote volume over
 * `benchmark.topAltVolumeWindowDays` before `throughMs` (`selectTopAlt`). A member without a dataset leaves the basket
 * null (the rules that need it are then `unknown`: fail closed).
 */
export async function loadBenchmarkBasket(em: EntityManager, timeframe: Timeframe, quoteCurrency: string, fromMs: number, throughMs: number, benchmark: MonitoringPolicy['benchmark']): Promise<LoadedBasket> {
  const btc = `BTC-${quoteCurrency}`;
  const eth = `ETH-${quoteCurrency}`;
  const none = (missing: string): LoadedBasket => ({ basket: null, members: [], topAlt: null, missing });
  const [btcSet, ethSet] = [await datasetOf(em, btc, timeframe), await datasetOf(em, eth, timeframe)];
  if (!btcSet) return none(`no certified ${btc} ${timeframe} dataset`);
  if (!ethSet) return none(`no certified ${eth} ${timeframe} dataset`);
  const volumeWindowMs = benchmark.topAltVolumeWindowDays * millisecondsPerDay;
  const candidates = await em.execute<{ id: string; symbol: string }[]>(
    `select distinct on (symbol_universe[1]) id, symbol_universe[1] as symbol from market_data_set
      where timeframe = ? and cardinality(symbol_universe) = 1 and certified_at is not null and symbol_universe[1] like ?
        and symbol_universe[1] not in (?, ?)
      order by symbol_universe[1], end_at desc, created_at desc`,
    [timeframe, `%-${quoteCurrency}`, btc, eth],
  );
  const override = benchmark.topAltSymbol;
  const candidateFrames = [];
  for (const candidate of candidates) {
    if (override && candidate.symbol !== override) continue;
    candidateFrames.push({ symbol: candidate.symbol, id: candidate.id, frame: await loadBarFrameBetween(em, candidate.id, Math.min(fromMs, throughMs - volumeWindowMs), throughMs) });
  }
  const topAlt = selectTopAlt(candidateFrames, throughMs + 1, { windowMs: volumeWindowMs, override });
  const chosen = topAlt ? candidateFrames.find((candidate) => candidate.symbol === topAlt.symbol) : undefined;
  if (!topAlt || !chosen) return none(override ? `no certified ${override} ${timeframe} dataset (the policy's top alt)` : `no eligible top alt at ${timeframe}`);
  const members = [
    { symbol: btc, weight: defaultBasketWeights.btc, frame: await loadBarFrameBetween(em, btcSet, fromMs, throughMs) },
    { symbol: eth, weight: defaultBasketWeights.eth, frame: await loadBarFrameBetween(em, ethSet, fromMs, throughMs) },
    { symbol: topAlt.symbol, weight: defaultBasketWeights.topAlt, frame: await loadBarFrameBetween(em, chosen.id, fromMs, throughMs) },
  ];
  if (members.some((member) => member.frame.length === 0)) return none(`a basket member has no bar between ${new Date(fromMs).toISOString()} and ${new Date(throughMs).toISOString()}`);
  const basket = calculateBenchmarkBasket(members);
  if (basket.timestamp.length === 0) return none('the basket members share no bar time in the window');
  return { basket, members: members.map(({ symbol, weight }) => ({ symbol, weight })), topAlt, missing: null };
}
