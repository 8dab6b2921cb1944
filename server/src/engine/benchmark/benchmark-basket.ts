import { alignBarFrames } from '../bars/align.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateDrawdownSeries } from '../metrics/drawdown.ts';

const millisecondsPerDay = 86_400_000;

/** One instrument of the basket: its symbol (e.g. `BTC-USDT`), its target weight (fraction of equity) and its bars. */
export interface BasketMember {
  symbol: string;
  /** Target weight, a fraction in (0, 1]; the weights of a basket sum to 1. */
  weight: number;
  frame: BarFrame;
}

/**
 * The benchmark basket as a series on the members' common clock (lifecycle-spec FR-026: "the BTC/ETH/top-alt
 * benchmark"). Every array has one entry per aligned bar.
 */
export interface BenchmarkBasket {
  /** Symbols and target weights, in the input order. */
  members: { symbol: string; weight: number }[];
  /** Bar OPEN times (ms since epoch, UTC) present in EVERY member's bars (intersection, nothing filled). */
  timestamp: Float64Array;
  /** Basket equity marked at each bar's close, in units of `initialEquity` (quote currency when that is one). */
  equity: Float64Array;
  /** Per-bar returns, fractions: `equity[t] / equity[t − 1] − 1`; `returns[0] = 0` (the basket opens at the first close). */
  returns: Float64Array;
  /** Drawdown from the running peak, fractions ≤ 0 (`calculateDrawdownSeries` over `returns`, the one definition). */
  drawdown: Float64Array;
  /** How many times the holdings were reset to the target weights (the first bar included). */
  rebalanceCount: number;
}

/**
 * Default weights of the benchmark basket (specs decision "rollback on benchmark lag"): BTC 60 %, ETH 30 %, the top
 * alt 10 %. Fractions.
 */
export const defaultBasketWeights = { btc: 0.6, eth: 0.3, topAlt: 0.1 } as const;

/**
 * The benchmark basket, rebalanced daily, from the same bars the deployments see.
 *
 * Semantics (a constant-mix portfolio, no fees):
 * - The members' bars are aligned by time (`alignBarFrames`: only the bar times present in every member; a time one
 *   member lacks is skipped, so the next return spans the gap).
 * - The basket opens at the close of the first aligned bar holding the target weights: `equity[0] = initialEquity`,
 *   `returns[0] = 0`.
 * - Holdings then drift with the closes; every UTC day starts at the target weights: when bar t opens on a later UTC
 *   day than bar t − 1, the holdings were reset at the close of bar t − 1, so
 *   `returns[t] = Σᵢ wᵢ · (closeᵢ[t] / closeᵢ[t − 1] − 1)`. Within a day,
 *   `returns[t] = Σᵢ vᵢ[t] / Σᵢ vᵢ[t − 1] − 1` with `vᵢ[t] = vᵢ[t − 1] · closeᵢ[t] / closeᵢ[t − 1]` the drifted values.
 *   With daily bars every bar starts a day: the basket return is the weighted mean of the members' daily returns.
 * - `equity[t] = initialEquity · Πₛ₌₁..ₜ (1 + returns[s])`; a non-finite close makes that bar's return NaN, which
 *   `calculateDrawdownSeries` counts as 0 and the equity carries forward unchanged (the caller sees the NaN return).
 *
 * @param initialEquity equity at the first close, default 1 (positive, finite).
 * @throws EngineInputError('members') when there is no member, a symbol repeats or the weights do not sum to 1
 *   (within 1e−9); EngineInputError('weight') for a weight outside (0, 1]; EngineInputError('initialEquity').
 */
export function calculateBenchmarkBasket(members: readonly BasketMember[], initialEquity = 1): BenchmarkBasket {
  if (members.length === 0) throw new EngineInputError('members', 'a benchmark basket needs at least one member');
  if (!(initialEquity > 0) || !Number.isFinite(initialEquity)) throw new EngineInputError('initialEquity', `initial equity must be a positive finite number (got ${initialEquity})`);
  const symbols = new Set<string>();
  let weightSum = 0;
  for (const member of members) {
    if (symbols.has(member.symbol)) throw new EngineInputError('members', `symbol ${member.symbol} appears twice in the basket`);
    symbols.add(member.symbol);
    if (!(member.weight > 0 && member.weight <= 1)) throw new EngineInputError('weight', `weight of ${member.symbol} must be in (0, 1] (got ${member.weight})`);
    weightSum += member.weight;
  }
  if (Math.abs(weightSum - 1) > 1e-9) throw new EngineInputError('members', `basket weights must sum to 1 (got ${weightSum})`);

  const frames = alignBarFrames(members.map((member) => member.frame));
  const length = frames[0].length;
  const timestamp = Float64Array.from(frames[0].timestamp);
  const returns = new Float64Array(length);
  const equity = new Float64Array(length);
  const drawdown = new Float64Array(length);
  const values = Float64Array.from(members, (member) => member.weight);
  let rebalanceCount = length > 0 ? 1 : 0;
  let wealth = initialEquity;
  if (length > 0) equity[0] = initialEquity;
  for (let bar = 1; bar < length; bar++) {
    const newDay = Math.floor(timestamp[bar] / millisecondsPerDay) !== Math.floor(timestamp[bar - 1] / millisecondsPerDay);
    if (newDay) {
      for (let member = 0; member < members.length; member++) values[member] = members[member].weight;
      rebalanceCount++;
    }
    let before = 0;
    let after = 0;
    for (let member = 0; member < members.length; member++) {
      const close = frames[member].close;
      const value = values[member] * (close[bar] / close[bar - 1]);
      before += values[member];
      after += value;
      values[member] = value;
    }
    const ret = Number.isFinite(after) ? after / before - 1 : Number.NaN;
    returns[bar] = ret;
    if (ret === ret) wealth *= 1 + ret;
    else for (let member = 0; member < members.length; member++) values[member] = members[member].weight; // restart from target weights after a bad close
    equity[bar] = wealth;
  }
  calculateDrawdownSeries(returns, drawdown);
  return { members: members.map(({ symbol, weight }) => ({ symbol, weight })), timestamp, equity, returns, drawdown, rebalanceCount };
}
