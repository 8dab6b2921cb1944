import {
  ENGINE_VERSION,
  alignRebased,
  calculateIndicatorOverlays,
  calculateRunReportAnalytics,
  calculateTradeExitReasons,
  getStrategyTemplate,
  parseParameters,
  periodsPerYear,
  runBacktest,
  thinCandles,
  type BacktestResult,
  type BarFrame,
  type Candle,
  type IndicatorOverlay,
  type RunReportAnalytics,
  type TradeExitReason,
} from '../../engine/index.ts';
import { BacktestEquityCurve } from '../../domain/backtest/backtest-equity-curve.entity.ts';
import { BacktestRun } from '../../domain/backtest/backtest-run.entity.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { MarketDataSet } from '../../domain/market-data/market-data-set.entity.ts';
import { timeframeMilliseconds, type Timeframe } from '../../domain/market-data/timeframe.ts';
import { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import { StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import type { Governance } from '../auth/authorize.ts';
import type { BenchmarkBasketService } from '../benchmark/benchmark-basket.service.ts';
import { cachedBarFrame } from '../benchmark/dataset-frame-cache.ts';
import type { ServiceContext } from '../service-context.ts';
import { unpackFloat64 } from './equity-curve-codec.ts';

/** A completed run recomputed by the engine from its dataset, template, parameters and costs (deterministic). */
export interface RunReplay {
  readonly run: BacktestRun;
  readonly template: string;
  readonly timeframe: Exclude<Timeframe, 'tick'>;
  readonly frame: BarFrame;
  readonly result: BacktestResult;
  readonly exitReasons: TradeExitReason[];
  readonly periodsPerYear: number;
  readonly barMs: number;
  readonly overlays: IndicatorOverlay[];
}

/** One round trip as the trade table shows it (times ms since epoch; prices quote currency; per 1.0 starting capital). */
export interface TradeRow {
  /** 1-based position in entry order. */
  number: number;
  side: 'long' | 'short';
  entryTime: number;
  exitTime: number | null;
  entryPrice: number;
  exitPrice: number | null;
  quantity: number;
  fee: number;
  profit: number | null;
  returnFraction: number | null;
  /** exitTime − entryTime (ms); null while open. */
  durationMs: number | null;
  exitReason: TradeExitReason;
}

/** Sort keys of the trade table. */
export const tradeOrders = ['entryTime', 'profit', 'returnFraction', 'durationMs', 'fee', 'quantity'] as const;
export type TradeOrder = (typeof tradeOrders)[number];

/** Bounds of the chart and table reads. */
export const replayBounds = { maxCandles: { min: 10, max: 20_000 }, tradePage: { min: 1, max: 1_000 } } as const;

/**
 * Trades, candles, indicator series and report analytics of a completed backtest run. Runs store metrics and the
 * equity curve, not trades: the engine replays the run (same certified bars by checksum, template, parameters, fee and
 * slippage), and the replay is accepted only when its final equity equals the stored curve's exactly — otherwise
 * CONFLICT (e.g. the engine changed since the run), never a silently different trade list. One replay per run per
 * service instance (request).
 */
export class RunReplayService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  private readonly benchmarkBasket: BenchmarkBasketService;
  private readonly replays = new Map<string, Promise<RunReplay>>();
  constructor(ctx: ServiceContext, governance: Governance, benchmarkBasket: BenchmarkBasketService) {
    this.ctx = ctx;
    this.governance = governance;
    this.benchmarkBasket = benchmarkBasket;
  }

  /** @throws NotFoundError; ConflictError when the run is not completed or its replay differs from what it stored. */
  replay(runId: string): Promise<RunReplay> {
    let replay = this.replays.get(runId);
    if (!replay) {
      replay = this.compute(runId);
      this.replays.set(runId, replay);
      replay.catch(() => this.replays.delete(runId));
    }
    return replay;
  }

  /** A page of the run's trades sorted by `orderBy` (ties by entry order). @throws ValidationError for `first`/`offset` out of bounds. */
  async trades(runId: string, page: { offset: number; first: number; orderBy: TradeOrder; descending: boolean }): Promise<{ totalCount: number; rows: TradeRow[] }> {
    const { tradePage } = replayBounds;
    if (!Number.isInteger(page.first) || page.first < tradePage.min || page.first > tradePage.max) throw new ValidationError(`first must be a whole number from ${tradePage.min} to ${tradePage.max}`, 'first');
    if (!Number.isInteger(page.offset) || page.offset < 0) throw new ValidationError('offset must be a whole number ≥ 0', 'offset');
    const replay = await this.replay(runId);
    const rows = replay.result.trades.map((trade, index): TradeRow => ({
      number: index + 1,
      ...trade,
      durationMs: trade.exitTime === null ? null : trade.exitTime - trade.entryTime,
      exitReason: replay.exitReasons[index],
    }));
    const key = page.orderBy;
    const sign = page.descending ? -1 : 1;
    // Open trades (null values) sort last either way.
    rows.sort((a, b) => {
      const left = a[key];
      const right = b[key];
      if (left === right) return a.number - b.number;
      if (left === null) return 1;
      if (right === null) return -1;
      return sign * (left - right);
    });
    return { totalCount: rows.length, rows: rows.slice(page.offset, page.offset + page.first) };
  }

  /** At most `maxCandles` candles (10–20,000) with the indicator series sampled at each candle's last bar. */
  async chart(runId: string, maxCandles: number): Promise<{ candles: Candle[]; step: number; barMs: number; indicators: { key: string; label: string; pane: 'price' | 'oscillator'; values: (number | null)[] }[] }> {
    const { min, max } = replayBounds.maxCandles;
    if (!Number.isInteger(maxCandles) || maxCandles < min || maxCandles > max) throw new ValidationError(`maxCandles must be a whole number from ${min} to ${max}`, 'maxCandles');
    const replay = await this.replay(runId);
    const { candles, lastIndex, step } = thinCandles(replay.frame, maxCandles);
    const indicators = replay.overlays.map((overlay) => ({
      key: overlay.key,
      label: overlay.label,
      pane: overlay.pane,
      values: lastIndex.map((index) => (Number.isFinite(overlay.values[index]) ? overlay.values[index] : null)),
    }));
    return { candles, step, barMs: replay.barMs, indicators };
  }

  /**
   * The report analytics (monthly returns, buy-and-hold, rolling Sharpe/volatility, return histogram) and the benchmark
   * basket over the run's window on its time axis (rebased to 1.0; NaN where the basket has no bar yet), or why there
   * is none (no BTC/ETH/alt bars at the run's timeframe, no monitoring policy, no permission).
   */
  async analytics(runId: string): Promise<{ replay: RunReplay; analytics: RunReportAnalytics; benchmark: { equity: Float64Array | null; description: string } }> {
    const replay = await this.replay(runId);
    const analytics = calculateRunReportAnalytics(replay.frame, replay.result.equity, replay.result.returns, replay.periodsPerYear, replay.barMs);
    const times = replay.frame.timestamp;
    let benchmark: { equity: Float64Array | null; description: string };
    try {
      const series = await this.benchmarkBasket.series({ timeframe: replay.timeframe, from: new Date(times[0]), to: new Date(times[times.length - 1]) });
      benchmark = { equity: alignRebased(series.basket.timestamp, series.basket.equity, times), description: series.description };
    } catch (error) {
      benchmark = { equity: null, description: `No benchmark basket for this run: ${(error as Error).message}` };
    }
    return { replay, analytics, benchmark };
  }

  private async compute(runId: string): Promise<RunReplay> {
    await this.governance.authorize('read', 'BacktestRun', runId);
    const em = this.ctx.em;
    const run = await em.findOne(BacktestRun, { id: runId });
    if (!run) throw new NotFoundError('BacktestRun', runId);
    if (run.status !== 'completed') throw new ConflictError(`backtest run ${runId} is ${run.status}; trades and charts exist once it completes`);
    const [version, config, dataSet, curve] = await Promise.all([
      em.findOneOrFail(StrategyVersion, { id: run.strategyVersion.id }),
      em.findOneOrFail(ParameterConfig, { id: run.parameterConfig.id }),
      em.findOneOrFail(MarketDataSet, { id: run.marketDataSet.id }),
      em.findOne(BacktestEquityCurve, { run: runId }),
    ]);
    if (dataSet.checksum !== run.datasetChecksum) throw new ConflictError(`dataset of run ${runId} changed since the run (checksum differs)`);
    if (dataSet.timeframe === 'tick') throw new ConflictError('tick datasets have no bars to replay');
    const timeframe = dataSet.timeframe;
    const template = getStrategyTemplate(version.template);
    const parameters = parseParameters(template, config.parameters);
    const frame = await cachedBarFrame(em, dataSet.id, dataSet.checksum);
    const perYear = periodsPerYear(timeframe);
    const result = runBacktest(frame, template, parameters, { feeBps: run.feeBps, slippageBps: run.slippageBps, periodsPerYear: perYear });
    const stored = curve ? unpackFloat64(curve.equity) : null;
    const replayed = result.equity[result.equity.length - 1];
    if (!stored || stored.length !== result.equity.length || stored[stored.length - 1] !== replayed) {
      throw new ConflictError(
        `the engine's replay of run ${runId} does not reproduce its stored equity (final ${replayed} vs ${stored?.[stored.length - 1] ?? 'none'}; run on engine ${run.engineVersion ?? '?'}, now ${ENGINE_VERSION}); trades are not shown rather than shown wrong`,
      );
    }
    return {
      run,
      template: version.template,
      timeframe,
      frame,
      result,
      exitReasons: calculateTradeExitReasons(result.trades, frame.timestamp, result.equity),
      periodsPerYear: perYear,
      barMs: timeframeMilliseconds[timeframe],
      overlays: calculateIndicatorOverlays(version.template, frame, parameters),
    };
  }
}
