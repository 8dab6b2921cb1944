import {
  calculateBenchmarkBasket,
  calculateVolatilityRegimes,
  defaultBasketWeights,
  periodsPerYear,
  sliceBarFrame,
  type BarFrame,
  type BenchmarkBasket,
} from '../../engine/index.ts';

/** One instrument a simulation trades: its hourly bars and their regime labels. */
export interface SimulationInstrument {
  symbol: string;
  frame: BarFrame;
  /** Regime band index per bar (engine `calculateVolatilityRegimes`, causal: label t reads bars ≤ t); −1 = unlabelled. */
  bandIndex: Int8Array;
}

/**
 * The market a simulation replays: hourly bars of BTC, ETH and the top alt (the bundled 1h data), and the benchmark
 * basket (BTC 60 / ETH 30 / top alt 10, rebalanced daily) on the same clock. Every series is causal (value t reads
 * bars ≤ t only); the simulation reads them only up to its clock.
 */
export interface SimulationMarket {
  barDurationMs: number;
  instruments: SimulationInstrument[];
  basket: BenchmarkBasket;
  /** First and last bar open times over the instruments, ms. */
  firstMs: number;
  lastMs: number;
}

/** Builds the market from hourly frames `{ btc, eth, topAlt }` (the top alt: SOL, the only other bundled 1h series). */
export function makeSimulationMarket(frames: { symbol: string; frame: BarFrame; basketRole: 'btc' | 'eth' | 'topAlt' }[]): SimulationMarket {
  const instruments = frames.map(({ symbol, frame }) => ({ symbol, frame, bandIndex: calculateVolatilityRegimes(frame, { periodsPerYear: periodsPerYear('1h') }).bandIndex }));
  const basket = calculateBenchmarkBasket(frames.map(({ symbol, frame, basketRole }) => ({ symbol, frame, weight: defaultBasketWeights[basketRole] })));
  const firstMs = Math.min(...frames.map(({ frame }) => frame.timestamp[0]));
  const lastMs = Math.max(...frames.map(({ frame }) => frame.timestamp[frame.length - 1]));
  return { barDurationMs: 3_600_000, instruments, basket, firstMs, lastMs };
}

/** Number of leading entries of `times` (strictly increasing) that are ≤ `limit`. */
export function countAtOrBefore(times: Float64Array, limit: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The market as it was known when the bar opening at `lastOpenMs` closed: every series cut after that bar. Used by
 * the no-look-ahead property test (a run on the truncated market must decide exactly as the full run up to then).
 */
export function truncateSimulationMarket(market: SimulationMarket, lastOpenMs: number): SimulationMarket {
  const instruments = market.instruments.map((instrument) => {
    const end = countAtOrBefore(instrument.frame.timestamp, lastOpenMs);
    return { symbol: instrument.symbol, frame: sliceBarFrame(instrument.frame, 0, end), bandIndex: instrument.bandIndex.subarray(0, end) };
  });
  const end = countAtOrBefore(market.basket.timestamp, lastOpenMs);
  const basket: BenchmarkBasket = {
    ...market.basket,
    timestamp: market.basket.timestamp.subarray(0, end),
    equity: market.basket.equity.subarray(0, end),
    returns: market.basket.returns.subarray(0, end),
    drawdown: market.basket.drawdown.subarray(0, end),
  };
  return { ...market, instruments, basket, lastMs: Math.min(market.lastMs, lastOpenMs) };
}
