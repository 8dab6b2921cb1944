import type { EntityManager } from '@mikro-orm/postgresql';
import { calculateBenchmarkBasket, defaultBasketWeights, selectTopAlt, sliceBarFrame, type BarFrame, type BenchmarkBasket, type TopAltSelection } from '../../engine/index.ts';
import { ConflictError, ValidationError } from '../../domain/errors.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { timeframeMilliseconds, timeframes, type Timeframe } from '../../domain/market-data/timeframe.ts';
import type { MonitoringPolicy } from '../../domain/monitoring/policy/monitoring-policy.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';
import { loadActiveMonitoringPolicy } from './active-monitoring-policy.ts';
import { cachedBarFrame } from './dataset-frame-cache.ts';
import { loadVenueBarFrame, venueSymbolOf } from './venue-bar.repository.ts';

const millisecondsPerDay = 86_400_000;

/** A window of the basket: bar open times `from` … `to` (inclusive, either open) on the bars of `timeframe`. */
export interface BasketWindow {
  timeframe: Timeframe;
  from?: Date | null;
  to?: Date | null;
  /**
   * Datasets to use for their symbol when several certified datasets hold it at this timeframe (a deployment's own
   * replay dataset: the basket is then computed from the very bars the deployment trades on).
   */
  preferredDataSetIds?: readonly string[];
  /**
   * A live feed's venue: the members' bars are the ones read from it (`venue_bar`, kept by {@link pollBenchmarkBars}
   * as monitoring needs them) instead of the certified datasets', which end where they were imported. The certified
   * datasets still say which symbols are members (BTC, ETH and the alt candidates, in their quote currency). Needs
   * `from` and `to`.
   */
  venue?: ExchangeVenue | null;
}

/**
 * One member of the basket as computed: its symbol (`BASE-QUOTE`), target weight (fraction) and where its bars come
 * from — a certified dataset, or a live feed's venue.
 */
export interface BasketMemberSource {
  symbol: string;
  weight: number;
  /** The certified dataset of its bars; null when they come from a venue. */
  marketDataSetId: string | null;
  /** The venue its bars were read from (a live feed's basket); null for a certified dataset's bars. */
  venue: ExchangeVenue | null;
}

/** The benchmark basket over a window, with where its bars came from and why its top alt is the one it is. */
export interface BenchmarkBasketSeries {
  timeframe: Timeframe;
  /** The monitoring policy whose benchmark settings applied (top-alt override, volume window). */
  policyVersion: string;
  /** The quote currency of every member (and of the top alt's quote volume). */
  quoteCurrency: string;
  members: BasketMemberSource[];
  topAlt: TopAltSelection;
  /** In words: weights, rebalancing, and how the top alt was chosen (no market-cap feed: trailing quote volume). */
  description: string;
  /** The engine's series (`calculateBenchmarkBasket`, equity 1 at the window's first common bar close). */
  basket: BenchmarkBasket;
}

/**
 * The platform defines no basket at this timeframe: it holds no certified BTC and ETH bars of one quote currency, or
 * no alt beside them, at it (e.g. 1m, where only BTC is bundled). A deployment on such a timeframe is not comparable
 * with the basket (its benchmark rules are not applicable); unlike a basket that exists but does not cover a window.
 */
export class BasketNotDefinedError extends ValidationError {
  constructor(message: string) {
    super(message, 'timeframe');
    this.name = 'BasketNotDefinedError';
  }
}

/**
 * Why the benchmark rules are not applicable when computing the basket threw `error`: the platform defines no basket
 * at `timeframe` ({@link BasketNotDefinedError}) — the reason names the timeframe and what is missing. Null for any
 * other error (a basket that should exist and could not be built stays unknown: fail closed). One wording for the
 * monitoring worker and the risk posture.
 */
export function basketNotApplicableReason(error: unknown, timeframe: Timeframe): string | null {
  return error instanceof BasketNotDefinedError ? `no benchmark basket is defined at ${timeframe} (${error.message.replace(/^timeframe: /, '')})` : null;
}

/** A certified single-symbol dataset the basket may take a member's bars from ({@link basketDataSetsSql}). */
export interface BasketDataSet {
  id: string;
  checksum: string;
  symbol: string;
  /** A date, or its ISO text when read through JSON. */
  end_at: Date | string;
  row_count: number;
}

/**
 * The certified single-symbol datasets of a timeframe (the one `?`), as {@link BasketDataSet} rows: the candidates of
 * the basket's members. A statement of its own in {@link computeBasketSeries}; the monitoring evidence embeds it.
 */
export const basketDataSetsSql = `select id, checksum, symbol_universe[1] as symbol, end_at, row_count from market_data_set
      where timeframe = ? and certified_at is not null and cardinality(symbol_universe) = 1`;

/**
 * The benchmark basket as a first-class series (issue 13): BTC 60 % / ETH 30 % / top alt 10 %, rebalanced daily,
 * computed by the engine (`calculateBenchmarkBasket`, `selectTopAlt`) from the certified bars the deployments replay
 * and trade on. Frames are cached per dataset (immutable, checksummed); the basket itself is recomputed per window
 * (linear in the window's bars). Needs `read MarketDataSet`.
 */
export class BenchmarkBasketService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * The basket over a window under the active monitoring policy.
   * @throws ValidationError (`timeframe`: tick, or no certified BTC / ETH / alt bars of one quote at it; `to` before
   *   `from`), ConflictError (no valid active monitoring policy), ForbiddenError.
   */
  async series(window: BasketWindow): Promise<BenchmarkBasketSeries> {
    await this.governance.authorize('read', 'MarketDataSet');
    const active = await loadActiveMonitoringPolicy(this.ctx.em);
    if (!active.policy) throw new ConflictError(`the benchmark basket follows the monitoring policy's benchmark settings: ${active.problem}`);
    return computeBasketSeries(this.ctx.em, active.policy, window);
  }
}

/**
 * The basket over `window` under `policy` (no authorization: for services that already authorized their read).
 * Members: per symbol, the certified single-symbol dataset of the timeframe (a preferred one, else the one ending
 * last, then the longest); BTC's quote (USDT first) fixes the quote of ETH and of the top-alt candidates. The top alt
 * is chosen as of the close of the window's last bar (`selectTopAlt`, the policy's override or volume window).
 * @throws ValidationError naming `timeframe` or `to` (see {@link BenchmarkBasketService.series}); its subclass
 *   {@link BasketNotDefinedError} when the platform defines no basket at the timeframe at all.
 */
export async function computeBasketSeries(em: EntityManager, policy: MonitoringPolicy, window: BasketWindow): Promise<BenchmarkBasketSeries> {
  assertBasketWindow(window);
  return computeBasketSeriesFrom(em, policy, window, await em.execute<BasketDataSet[]>(basketDataSetsSql, [window.timeframe]));
}

/**
 * {@link computeBasketSeries} from the candidate datasets already read (`basketDataSetsSql` at the window's timeframe).
 * A window with a `venue` (a live feed's) is computed from the bars read from that venue where they reach the window's
 * `to`; else from the certified datasets where those reach it (an operator importing current data); else the venue's
 * short basket is returned (the monitoring rules read a basket that does not reach the mark as unknown).
 * @throws ValidationError naming `timeframe` or `to` (its subclass {@link BasketNotDefinedError}: no basket at the
 *   timeframe at all).
 */
export async function computeBasketSeriesFrom(em: EntityManager, policy: MonitoringPolicy, window: BasketWindow, rows: readonly BasketDataSet[]): Promise<BenchmarkBasketSeries> {
  assertBasketWindow(window);
  if (!window.venue) return computeFromSource(em, policy, { ...window, venue: null }, rows);
  if (!window.from || !window.to) throw new ValidationError('to: a basket from a venue\'s bars needs a window (from and to)', 'to');
  // A live feed's: the venue's bars where they reach the window's last bar, else the certified datasets' where those do
  // (an operator importing current data), else the venue's short basket (the rules read it as unknown).
  const toMs = window.to!.getTime();
  const reaches = (series: BenchmarkBasketSeries) => basketReaches(series.basket, toMs);
  const unbuildable = (error: unknown): Error => {
    if (error instanceof ValidationError && !(error instanceof BasketNotDefinedError)) return error;
    throw error;
  };
  const fromVenue = await computeFromSource(em, policy, window, rows).catch(unbuildable);
  if (!(fromVenue instanceof Error) && reaches(fromVenue)) return fromVenue;
  const certified = await computeFromSource(em, policy, { ...window, venue: null }, rows).catch(unbuildable);
  if (!(certified instanceof Error) && reaches(certified)) return certified;
  if (!(fromVenue instanceof Error)) return fromVenue;
  throw certified instanceof Error ? certified : fromVenue;
}

/** {@link computeBasketSeriesFrom} from one source: the venue's bars (`window.venue`) or the certified datasets' (null). */
async function computeFromSource(em: EntityManager, policy: MonitoringPolicy, window: BasketWindow & { timeframe: Exclude<Timeframe, 'tick'> }, rows: readonly BasketDataSet[]): Promise<BenchmarkBasketSeries> {
  const { timeframe } = window;
  const barMs = timeframeMilliseconds[timeframe];
  const { quote, btc, eth, alts } = basketCandidates(policy, timeframe, rows, window.preferredDataSetIds ?? []);
  const venue = window.venue ?? null;
  // A venue's bars: the window and, before it, the top alt's volume window.
  const venueFromMs = venue === null ? 0 : Math.min(window.from!.getTime(), window.to!.getTime() + barMs - policy.benchmark.topAltVolumeWindowDays * millisecondsPerDay);
  const frameOf = (symbol: string, row: BasketDataSet | null): Promise<BarFrame> =>
    venue === null ? cachedBarFrame(em, row!.id, row!.checksum) : loadVenueBarFrame(em, venue, venueSymbolOf(symbol), timeframe, venueFromMs, window.to!.getTime());
  // A venue may list the policy's top alt without a certified dataset of it.
  const altSymbols = alts.map((row) => row.symbol.toUpperCase());
  const override = policy.benchmark.topAltSymbol?.toUpperCase() ?? null;
  if (venue !== null && override !== null && !altSymbols.includes(override)) altSymbols.push(override);
  const [btcFrame, ethFrame] = await Promise.all([frameOf(btc.symbol, btc), frameOf(eth.symbol, eth)]);
  const altFrames = await Promise.all(
    altSymbols.map(async (symbol) => {
      const row = alts.find((candidate) => candidate.symbol.toUpperCase() === symbol) ?? null;
      return { symbol, frame: await frameOf(symbol, row), row };
    }),
  );
  const lastBtcMs = btcFrame.length > 0 ? btcFrame.timestamp[btcFrame.length - 1] : 0;
  const toMs = window.to ? window.to.getTime() : lastBtcMs;
  const fromMs = window.from ? window.from.getTime() : Number.NEGATIVE_INFINITY;
  const topAlt = selectTopAlt(altFrames, toMs + barMs, { windowMs: policy.benchmark.topAltVolumeWindowDays * millisecondsPerDay, override: policy.benchmark.topAltSymbol });
  const source = venue === null ? 'certified' : venue;
  if (topAlt === null) throw new ValidationError(`timeframe: no alt quoted in ${quote} has volume in the ${source} ${timeframe} bars of the ${policy.benchmark.topAltVolumeWindowDays} days before ${new Date(toMs + barMs).toISOString()}`, 'timeframe');
  const alt = altFrames.find((candidate) => candidate.symbol === topAlt.symbol);
  if (!alt) throw new ValidationError(`timeframe: the policy's top alt ${topAlt.symbol} has no ${source} ${timeframe} bars`, 'timeframe');

  const within = (frame: BarFrame) => sliceBarFrame(frame, firstAtOrAfter(frame.timestamp, fromMs), firstAtOrAfter(frame.timestamp, toMs + 1));
  const member = (symbol: string, weight: number, row: BasketDataSet | null): BasketMemberSource => ({ symbol, weight, marketDataSetId: venue === null ? row!.id : null, venue });
  const members: BasketMemberSource[] = [
    member(`BTC-${quote}`, defaultBasketWeights.btc, btc),
    member(`ETH-${quote}`, defaultBasketWeights.eth, eth),
    member(alt.symbol, defaultBasketWeights.topAlt, alt.row),
  ];
  const basket = calculateBenchmarkBasket([
    { symbol: members[0].symbol, weight: members[0].weight, frame: within(btcFrame) },
    { symbol: members[1].symbol, weight: members[1].weight, frame: within(ethFrame) },
    { symbol: members[2].symbol, weight: members[2].weight, frame: within(alt.frame) },
  ]);
  return { timeframe, policyVersion: policy.version, quoteCurrency: quote, members, topAlt, description: describeBasket(members, topAlt, quote, timeframe, policy, venue), basket };
}

/** True when the basket has a bar opening at or after `toMs` (it reaches the window's last bar). */
export function basketReaches(basket: BenchmarkBasket, toMs: number): boolean {
  return basket.timestamp.length > 0 && basket.timestamp[basket.timestamp.length - 1]! >= toMs;
}

/** The basket's candidate members at a timeframe ({@link basketCandidates}): per symbol, the certified dataset chosen. */
export interface BasketCandidates {
  /** The quote currency of every member (BTC's: USDT first). */
  quote: string;
  btc: BasketDataSet;
  eth: BasketDataSet;
  /** The alt candidates (neither BTC nor ETH) quoted in `quote`. */
  alts: BasketDataSet[];
}

/**
 * Which symbols make the basket at a timeframe, from its certified single-symbol datasets (`rows`): per symbol the
 * certified dataset of the timeframe (a preferred one, else the one ending last, then the longest); BTC's quote (USDT
 * first) fixes the quote of ETH and of the top-alt candidates. One rule for a basket of certified bars and one of a
 * venue's bars (whose members are polled by {@link pollBenchmarkBars}).
 * @throws BasketNotDefinedError when there are no BTC and ETH datasets of one quote, or no alt and no configured top alt.
 */
export function basketCandidates(policy: MonitoringPolicy, timeframe: Timeframe, rows: readonly BasketDataSet[], preferredDataSetIds: readonly string[]): BasketCandidates {
  const preferred = new Set(preferredDataSetIds);
  const bySymbol = new Map<string, BasketDataSet>();
  for (const row of rows) {
    const symbol = row.symbol.toUpperCase();
    const held = bySymbol.get(symbol);
    if (!held || better(row, held, preferred)) bySymbol.set(symbol, row);
  }
  const quotesOf = (base: string) => [...bySymbol.keys()].filter((symbol) => baseOf(symbol) === base).map(quoteOf);
  const btcQuotes = quotesOf('BTC').filter((quote) => quotesOf('ETH').includes(quote));
  const quote = btcQuotes.includes('USDT') ? 'USDT' : btcQuotes.sort()[0];
  if (quote === undefined) throw new BasketNotDefinedError(`timeframe: no certified BTC and ETH bars of one quote currency at ${timeframe}: the basket needs BTC, ETH and an alt`);
  const alts = [...bySymbol.values()].filter((row) => quoteOf(row.symbol) === quote && !['BTC', 'ETH'].includes(baseOf(row.symbol)));
  if (alts.length === 0 && policy.benchmark.topAltSymbol === null) throw new BasketNotDefinedError(`timeframe: no certified alt (non-BTC/ETH) bars quoted in ${quote} at ${timeframe}`);
  return { quote, btc: bySymbol.get(`BTC-${quote}`)!, eth: bySymbol.get(`ETH-${quote}`)!, alts };
}

/** The basket in words: what the issue asks the description to say about the top alt (no market-cap feed). */
function describeBasket(members: readonly BasketMemberSource[], topAlt: TopAltSelection, quote: string, timeframe: Timeframe, policy: MonitoringPolicy, venue: ExchangeVenue | null): string {
  const weights = members.map((member) => `${member.symbol} ${Math.round(member.weight * 100)} %`).join(' / ');
  const why =
    topAlt.reason === 'override'
      ? `${topAlt.symbol} is configured by monitoring policy ${policy.version} (benchmark.topAltSymbol)`
      : `${topAlt.symbol} is the ${venue === null ? 'bundled non-BTC/ETH asset' : `non-BTC/ETH candidate (a certified dataset's symbol) on ${venue}`} with the largest trailing ${policy.benchmark.topAltVolumeWindowDays}-day quote volume (Σ volume × close = ${Math.round(topAlt.quoteVolume).toLocaleString('en-US')} ${quote}, ${new Date(topAlt.window.startMs).toISOString().slice(0, 10)} – ${new Date(topAlt.window.endMs).toISOString().slice(0, 10)}); we have no market-capitalisation feed, so "top" means traded volume, not market cap`;
  const bars = venue === null ? `the certified ${timeframe} bars the deployments trade on` : `the ${timeframe} bars read from ${venue}, the venue the live feed trades on`;
  return `${weights}, rebalanced to the target weights at the first ${timeframe} bar of each UTC day, from ${bars}. Top alt: ${why}.`;
}

function assertBasketWindow(window: BasketWindow): asserts window is BasketWindow & { timeframe: Exclude<Timeframe, 'tick'> } {
  if (!timeframes.includes(window.timeframe) || window.timeframe === 'tick') throw new ValidationError('timeframe: the basket is computed on bars (1m, 5m, 1h or 1d), not ticks', 'timeframe');
  if (window.from && window.to && window.to < window.from) throw new ValidationError('to must not be before from', 'to');
}

function better(candidate: BasketDataSet, held: BasketDataSet, preferred: ReadonlySet<string>): boolean {
  if (preferred.has(candidate.id) !== preferred.has(held.id)) return preferred.has(candidate.id);
  const end = new Date(candidate.end_at).getTime() - new Date(held.end_at).getTime();
  if (end !== 0) return end > 0;
  return candidate.row_count > held.row_count;
}

function baseOf(symbol: string): string {
  return symbol.split(/[-/]/)[0].toUpperCase();
}

function quoteOf(symbol: string): string {
  return (symbol.split(/[-/]/)[1] ?? '').toUpperCase();
}

/** Index of the first entry of `times` that is ≥ `time` (`times.length` when none). */
function firstAtOrAfter(times: Float64Array, time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
