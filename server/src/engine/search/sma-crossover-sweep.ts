import type { BarFrame } from '../bars/bar-frame.ts';
import { assertBacktestOptions } from '../backtest/backtest-options.ts';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateExactWindowMeanSign, nearTieRelativeTolerance } from '../indicators/exact-window-mean-comparison.ts';
import { calculateRollingSum } from '../indicators/rolling-sum.ts';
import { calculateHeldLongReturnSums, heldLongMaximumRatio, heldLongSeriesTerms } from './held-long-return-sums.ts';

/** Results of {@link calculateSmaCrossoverSweep}, one entry per (fast, slow) pair with fast < slow. */
export interface SmaCrossoverSweep {
  fastPeriods: Int32Array;
  slowPeriods: Int32Array;
  /** Annualized Sharpe of the per-bar returns (one-pass moments; see below). */
  sharpe: Float64Array;
  /** Final equity / initial equity − 1. */
  totalReturn: Float64Array;
  /** Number of fills (target changes executed). */
  fillCount: Float64Array;
}

/**
 * Window means of the sweep, one row of `frame.length` values per distinct period, reused across calls (grown as
 * needed): fresh arrays of this size cost more in page faults than the sweep's arithmetic. Holds nothing between calls.
 */
let sharedMeans = new Float64Array(0);
/** The lows (min of open and close) and the held-long prefix sums of the sweep's frame, reused likewise. */
let sharedHeldRows = new Float64Array(0);
const emptyRow = new Float64Array(0);

/**
 * Fast SMA-crossover parameter sweep with the SAME semantics as `runBacktest(frame,
 * smaCrossoverStrategy, …)` (targets at close, fills at next open with fee and slippage,
 * quantity-based equity, exact tie handling, liquidation at equity ≤ 0), but without trade records or full metrics: the
 * trailing close means are computed once per distinct window, then each pair runs one allocation-free loop, in blocks
 * of bars (every pair per block). Sharpe uses one-pass moments `(Σr² − (Σr)²/n)/(n − 1)`, which agrees with
 * `calculateSharpeRatio` to ~1e−9 relative on real data (~1e−12 on the bundled BTC-USDT 1h history).
 *
 * Per pair, a flat stretch evaluates only the decision (its returns are exactly 0) and, when every close is > 0, a held
 * long stretch evaluates only the decision and a price floor: its returns' sums come from the prefix rows of
 * `calculateHeldLongReturnSums` (one set per frame, shared by every pair), its equity is marked as bar by bar. Bars
 * with a fill, a possible liquidation, a short position or a near tie run the full bar step. Final equity, total return
 * and fills are exactly those of the bar-by-bar loop.
 *
 * The decisions are those of the template: the means' floating comparison decides outside a relative 1e−9 band (the
 * means are within ~1e−15 relative of the exact decimal means, so the sign there is the exact one) and the exact
 * decimal comparison decides inside it. Prices must be finite.
 *
 * @throws EngineInputError('frame') for an empty frame, ('fastPeriods'/'slowPeriods') for windows < 1, or an option error.
 */
export function calculateSmaCrossoverSweep(
  frame: BarFrame,
  fastPeriods: readonly number[],
  slowPeriods: readonly number[],
  options: BacktestOptions,
  allowShort = false,
): SmaCrossoverSweep {
  assertBacktestOptions(options);
  const length = frame.length;
  if (length === 0) throw new EngineInputError('frame', 'the frame has no bars');
  for (const period of fastPeriods) if (!(Number.isInteger(period) && period >= 1)) throw new EngineInputError('fastPeriods', 'periods must be integers ≥ 1');
  for (const period of slowPeriods) if (!(Number.isInteger(period) && period >= 1)) throw new EngineInputError('slowPeriods', 'periods must be integers ≥ 1');
  const close = frame.close;
  const open = frame.open;
  const pairs: [number, number][] = [];
  for (const fast of fastPeriods) for (const slow of slowPeriods) if (fast < slow) pairs.push([fast, slow]);
  const periods = [...new Set(pairs.flat())];
  if (sharedMeans.length < periods.length * length) sharedMeans = new Float64Array(periods.length * length);
  const means = new Map<number, Float64Array>();
  periods.forEach((period, row) => {
    const output = sharedMeans.subarray(row * length, (row + 1) * length);
    calculateRollingSum(close, period, output);
    for (let index = 0; index < length; index++) output[index] /= period;
    means.set(period, output);
  });
  const result: SmaCrossoverSweep = {
    fastPeriods: Int32Array.from(pairs, (pair) => pair[0]),
    slowPeriods: Int32Array.from(pairs, (pair) => pair[1]),
    sharpe: new Float64Array(pairs.length),
    totalReturn: new Float64Array(pairs.length),
    fillCount: new Float64Array(pairs.length),
  };
  const initialEquity = options.initialEquity ?? 1;
  let positive = true;
  for (let index = 0; index < length; index++) if (!(close[index] > 0 && close[index] < Number.POSITIVE_INFINITY)) positive = false;
  let lows = emptyRow;
  let heldSums = emptyRow;
  let heldSquares = emptyRow;
  if (positive) {
    const rows = 1 + 2 * heldLongSeriesTerms;
    if (sharedHeldRows.length < rows * length) sharedHeldRows = new Float64Array(rows * length);
    lows = sharedHeldRows.subarray(0, length);
    for (let index = 0; index < length; index++) lows[index] = open[index] < close[index] ? open[index] : close[index];
    heldSums = sharedHeldRows.subarray(length, (1 + heldLongSeriesTerms) * length);
    heldSquares = sharedHeldRows.subarray((1 + heldLongSeriesTerms) * length, rows * length);
    calculateHeldLongReturnSums(close, heldSums, heldSquares);
  }
  const costs: PairCosts = {
    feeRate: options.feeBps / 10_000,
    slippageRate: options.slippageBps / 10_000,
    shortTarget: allowShort ? -1 : 0,
    positive,
    lows,
    heldSums,
    heldSquares,
  };
  const states = new PairStates(pairs.length, initialEquity);
  const fastRows = pairs.map((pair) => means.get(pair[0]) as Float64Array);
  const slowRows = pairs.map((pair) => means.get(pair[1]) as Float64Array);
  // Bar blocks, every pair per block: the block's rows of every window mean stay in the core's cache while all the
  // pairs read them (pair by pair over the whole history, each pair streamed two rows from memory).
  for (let blockStart = 0; blockStart < length; blockStart += blockBars) {
    const blockEnd = Math.min(length, blockStart + blockBars);
    for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
      runPairBlock(open, close, fastRows[pairIndex], pairs[pairIndex][0], slowRows[pairIndex], pairs[pairIndex][1], costs, states, pairIndex, blockStart, blockEnd);
    }
  }
  const annualization = Math.sqrt(options.periodsPerYear);
  for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
    const sum = states.sum[pairIndex];
    const mean = sum / length;
    const variance = (states.squares[pairIndex] - sum * mean) / (length - 1);
    result.sharpe[pairIndex] = length < 2 ? Number.NaN : (mean / Math.sqrt(variance > 0 ? variance : 0)) * annualization;
    result.totalReturn[pairIndex] = states.previousEquity[pairIndex] / initialEquity - 1;
    result.fillCount[pairIndex] = states.fills[pairIndex];
  }
  return result;
}

/** Bars per block of the sweep (37 rows of 8-byte values per block fit in a 512 KB core cache). */
const blockBars = 1024;

/** Per-sweep constants of {@link runPairBlock}. */
interface PairCosts {
  feeRate: number;
  slippageRate: number;
  shortTarget: number;
  /** Every close is finite and > 0, so every window mean is > 0 and the near-tie band reduces to one product (see {@link runPairBlock}). */
  positive: boolean;
  /** When `positive`: min(open, close) of each bar. */
  lows: Float64Array;
  /** When `positive`: the prefix rows of `calculateHeldLongReturnSums` (empty otherwise). */
  heldSums: Float64Array;
  heldSquares: Float64Array;
}

/** Where each pair's simulation stands between blocks: one entry per pair in each row. */
class PairStates {
  readonly cash: Float64Array;
  readonly quantity: Float64Array;
  readonly targetInForce: Float64Array;
  readonly pendingTarget: Float64Array;
  readonly previousEquity: Float64Array;
  readonly sum: Float64Array;
  readonly squares: Float64Array;
  readonly fills: Float64Array;
  /** 0 = flat (no position, none pending), 1 = in the market, 2 = done (liquidated). */
  readonly mode: Int32Array;

  constructor(count: number, initialEquity: number) {
    this.cash = new Float64Array(count).fill(initialEquity);
    this.quantity = new Float64Array(count);
    this.targetInForce = new Float64Array(count);
    this.pendingTarget = new Float64Array(count);
    this.previousEquity = new Float64Array(count).fill(initialEquity);
    this.sum = new Float64Array(count);
    this.squares = new Float64Array(count);
    this.fills = new Float64Array(count);
    this.mode = new Int32Array(count);
  }
}

/** Marks a near tie of the means in the hot loop (resolved exactly outside it). */
const nearTie = 2;
/**
 * With positive means f and s, `f − s > 1e−9·(f + s)` is `f > s·(1 + 1e−9)/(1 − 1e−9)`: the band as one factor. The
 * product's rounding (~1e−16 relative) is far inside the band, so a floating decision outside it is the exact sign.
 */
const nearTieFactor = (1 + nearTieRelativeTolerance) / (1 - nearTieRelativeTolerance);

/**
 * Bars `[blockStart, blockEnd)` of one (fast, slow) pair of the sweep, from and back into `states`: a small monomorphic
 * function so V8 optimizes the loop on its own (inlined into the sweep, the loop ran several times slower).
 *
 * Two alternating scans: while flat (no position, none pending) every return is exactly 0 and only the decision is
 * evaluated; from the bar a non-zero target is decided, the full bar step (liquidation check, fill, mark, return,
 * decision) runs until the account is flat with a flat decision again, skipping held long stretches (see the sweep).
 * The sums of returns and squares are those of the plain bar-by-bar loop (adding the flat bars' +0 changes neither)
 * but for the held stretches' series sums, whatever the blocks. The scans are call-free (near ties leave the scan and
 * are resolved exactly outside it), which lets V8 keep the arrays' checks out of the loops.
 */
function runPairBlock(
  open: Float64Array,
  close: Float64Array,
  fastMeans: Float64Array,
  fast: number,
  slowMeans: Float64Array,
  slow: number,
  costs: PairCosts,
  states: PairStates,
  pairIndex: number,
  blockStart: number,
  blockEnd: number,
): void {
  let mode = states.mode[pairIndex];
  // decisions before bar slow − 1 are flat (warm-up)
  if (mode === 2 || blockEnd < slow) return;
  const feeRate = costs.feeRate;
  const buyFactor = 1 + costs.slippageRate;
  const sellFactor = 1 - costs.slippageRate;
  const shorting = costs.shortTarget !== 0;
  const shortTarget = shorting ? -1 : 0;
  const positive = costs.positive;
  const lows = costs.lows;
  const heldSums = costs.heldSums;
  const heldSquares = costs.heldSquares;
  const length = close.length;
  let cash = states.cash[pairIndex];
  let quantity = states.quantity[pairIndex];
  let targetInForce = states.targetInForce[pairIndex];
  let pendingTarget = states.pendingTarget[pairIndex];
  let previousEquity = states.previousEquity[pairIndex];
  let sum = states.sum[pairIndex];
  let squares = states.squares[pairIndex];
  let fills = states.fills[pairIndex];
  let index = blockStart > slow - 1 ? blockStart : slow - 1;
  while (index < blockEnd) {
    if (mode === 0) {
      // Flat: skip the bars whose decision is clearly flat (all of them when shorting is off and fast < slow).
      if (!shorting) {
        if (positive) {
          for (; index < blockEnd; index++) if (!(fastMeans[index] * nearTieFactor < slowMeans[index])) break;
        } else {
          for (; index < blockEnd; index++) {
            const fastMean = fastMeans[index];
            const slowMean = slowMeans[index];
            if (fastMean - slowMean > -nearTieRelativeTolerance * (Math.abs(fastMean) + Math.abs(slowMean))) break;
          }
        }
      }
      if (index >= blockEnd) break;
      pendingTarget = decideTarget(close, fastMeans[index], fast, slowMeans[index], slow, index, shortTarget);
      index++;
      if (pendingTarget === 0) continue;
      mode = 1;
      if (index >= blockEnd) break;
    }
    // In the market from bar `index`: its open fills `pendingTarget` when that differs from the target in force.
    let stop = 0; // why the scan stopped: 1 = liquidated, 2 = near tie at `index`, 3 = flat again
    for (; index < blockEnd; index++) {
      const price = open[index];
      if (quantity !== 0 && cash + quantity * price <= 0) {
        // Liquidated at the open (see simulateTargets): return −1, then flat at equity 0 (returns 0).
        sum -= 1;
        squares += 1;
        previousEquity = 0;
        fills++;
        stop = 1;
        break;
      }
      if (pendingTarget !== targetInForce) {
        const equityAtOpen = cash + quantity * price;
        const nextQuantity = (pendingTarget * equityAtOpen) / price;
        const change = nextQuantity - quantity;
        const fillPrice = change > 0 ? price * buyFactor : price * sellFactor;
        const notional = Math.abs(change) * fillPrice;
        cash -= change * fillPrice + notional * feeRate;
        quantity = nextQuantity;
        targetInForce = pendingTarget;
        fills++;
      }
      const markedEquity = cash + quantity * close[index];
      if (!(markedEquity > 0)) {
        // Liquidated at the close (see simulateTargets): equity 0, then flat at equity 0 for the remaining bars.
        const periodReturn = 0 / previousEquity - 1;
        sum += periodReturn;
        squares += periodReturn * periodReturn;
        previousEquity = 0;
        if (quantity !== 0) fills++;
        stop = 1;
        break;
      }
      const periodReturn = markedEquity / previousEquity - 1;
      sum += periodReturn;
      squares += periodReturn * periodReturn;
      previousEquity = markedEquity;
      const fastMean = fastMeans[index];
      const slowMean = slowMeans[index];
      let decided: number;
      if (positive) decided = fastMean > slowMean * nearTieFactor ? 1 : fastMean * nearTieFactor < slowMean ? shortTarget : nearTie;
      else {
        const difference = fastMean - slowMean;
        const band = nearTieRelativeTolerance * (Math.abs(fastMean) + Math.abs(slowMean));
        decided = difference > band ? 1 : difference < -band ? shortTarget : nearTie;
      }
      if (decided === nearTie) {
        stop = 2;
        break;
      }
      pendingTarget = decided;
      if (decided === 0 && targetInForce === 0) {
        stop = 3;
        break;
      }
      if (positive && decided === targetInForce && quantity > 0) {
        // A held long: skip ahead while the decision stays long and every price stays above `floor`, so no bar can
        // liquidate and the return series of `calculateHeldLongReturnSums` holds; those bars' returns are summed from
        // its prefix rows, their equity is `cash + quantity·close` as marked bar by bar.
        const offset = cash / quantity;
        const floor = (offset < 0 ? -offset : offset) / heldLongMaximumRatio;
        if (close[index] > floor) {
          let end = index + 1;
          for (; end < blockEnd; end++) if (!(fastMeans[end] > slowMeans[end] * nearTieFactor && lows[end] > floor)) break;
          if (end > index + 1) {
            const last = end - 1;
            let weight = 1;
            for (let term = 0; term < heldLongSeriesTerms; term++) {
              const row = term * length;
              sum += weight * (heldSums[row + last] - heldSums[row + index]);
              squares += (term + 1) * weight * (heldSquares[row + last] - heldSquares[row + index]);
              weight *= -offset;
            }
            previousEquity = cash + quantity * close[last];
            index = last;
          }
        }
      }
    }
    if (stop === 1) {
      mode = 2;
      break;
    }
    if (index >= blockEnd) break;
    if (stop === 2) {
      pendingTarget = decideExactly(close, index, fast, slow, shortTarget);
      mode = pendingTarget === 0 && targetInForce === 0 ? 0 : 1;
    } else mode = 0;
    index++;
  }
  states.mode[pairIndex] = mode;
  states.cash[pairIndex] = cash;
  states.quantity[pairIndex] = quantity;
  states.targetInForce[pairIndex] = targetInForce;
  states.pendingTarget[pairIndex] = pendingTarget;
  states.previousEquity[pairIndex] = previousEquity;
  states.sum[pairIndex] = sum;
  states.squares[pairIndex] = squares;
  states.fills[pairIndex] = fills;
}

/** The target decided at the close of bar `index` from the window means (the template's rule, see the sweep's TSDoc). */
function decideTarget(close: Float64Array, fastMean: number, fast: number, slowMean: number, slow: number, index: number, shortTarget: number): number {
  const difference = fastMean - slowMean;
  const band = nearTieRelativeTolerance * (Math.abs(fastMean) + Math.abs(slowMean));
  return difference > band ? 1 : difference < -band ? shortTarget : decideExactly(close, index, fast, slow, shortTarget);
}

/** The target decided at a near tie of the means: exact decimal comparison (rare, kept out of the hot loops). */
function decideExactly(close: Float64Array, index: number, fast: number, slow: number, shortTarget: number): number {
  const sign = calculateExactWindowMeanSign(close, index, fast, slow);
  return sign > 0 ? 1 : sign < 0 ? shortTarget : 0;
}
