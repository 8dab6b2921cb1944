import type { BarFrame } from '../bars/bar-frame.ts';
import { assertBacktestOptions } from '../backtest/backtest-options.ts';
import type { BacktestOptions } from '../backtest/backtest-options.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { calculateExactWindowMeanSign, nearTieRelativeTolerance } from '../indicators/exact-window-mean-comparison.ts';
import { calculateRollingSum } from '../indicators/rolling-sum.ts';

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

/**
 * Fast SMA-crossover parameter sweep with the SAME semantics as `runBacktest(frame,
 * smaCrossoverStrategy, …)` (targets at close, fills at next open with fee and slippage,
 * quantity-based equity, exact tie handling, liquidation at equity ≤ 0), but without trade records or full metrics: the
 * trailing close means are computed once per distinct window, then each pair runs one
 * allocation-free loop. Sharpe uses one-pass moments `(Σr² − (Σr)²/n)/(n − 1)`, which agrees with
 * `calculateSharpeRatio` to ~1e−9 relative on real data.
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
  const feeRate = options.feeBps / 10_000;
  const slippageRate = options.slippageBps / 10_000;
  const shortTarget = allowShort ? -1 : 0;
  const annualization = Math.sqrt(options.periodsPerYear);
  const costs: PairCosts = { initialEquity, feeRate, slippageRate, shortTarget, annualization };
  for (let pairIndex = 0; pairIndex < pairs.length; pairIndex++) {
    const fast = pairs[pairIndex][0];
    const slow = pairs[pairIndex][1];
    runPair(open, close, means.get(fast) as Float64Array, fast, means.get(slow) as Float64Array, slow, costs, result, pairIndex);
  }
  return result;
}

/** Per-sweep constants of {@link runPair}. */
interface PairCosts {
  initialEquity: number;
  feeRate: number;
  slippageRate: number;
  shortTarget: number;
  annualization: number;
}

/** Marks a near tie of the means in the hot loop (resolved exactly outside it). */
const nearTie = 2;

/**
 * One (fast, slow) pair of the sweep: a small monomorphic function so V8 optimizes the loop on its own (inlined into
 * the sweep, the loop ran several times slower than the same loop alone).
 *
 * Two alternating scans: while flat (no position, none pending) every return is exactly 0 and only the decision is
 * evaluated; from the bar a non-zero target is decided, the full bar step (liquidation check, fill, mark, return,
 * decision) runs until the account is flat with a flat decision again. The sums of returns and squares are those of
 * the plain bar-by-bar loop (adding the flat bars' +0 changes neither). Both scans are call-free (near ties leave the
 * scan and are resolved exactly outside it), which lets V8 keep the arrays' checks out of the loops.
 */
function runPair(
  open: Float64Array,
  close: Float64Array,
  fastMeans: Float64Array,
  fast: number,
  slowMeans: Float64Array,
  slow: number,
  costs: PairCosts,
  result: SmaCrossoverSweep,
  pairIndex: number,
): void {
  const length = close.length;
  const initialEquity = costs.initialEquity;
  const feeRate = costs.feeRate;
  const buyFactor = 1 + costs.slippageRate;
  const sellFactor = 1 - costs.slippageRate;
  const shorting = costs.shortTarget !== 0;
  const shortTarget = shorting ? -1 : 0;
  let cash = initialEquity;
  let quantity = 0;
  let targetInForce = 0;
  let pendingTarget = 0;
  let previousEquity = initialEquity;
  let sum = 0;
  let squares = 0;
  let fills = 0;
  let flat = true;
  // decisions before bar slow − 1 are flat (warm-up)
  let index = slow - 1;
  while (index < length) {
    if (flat) {
      // Flat: skip the bars whose decision is clearly flat (all of them when shorting is off and fast < slow).
      for (; index < length; index++) {
        const fastMean = fastMeans[index];
        const slowMean = slowMeans[index];
        if (shorting || fastMean - slowMean > -nearTieRelativeTolerance * (Math.abs(fastMean) + Math.abs(slowMean))) break;
      }
      if (index >= length) break;
      pendingTarget = decideTarget(close, fastMeans[index], fast, slowMeans[index], slow, index, shortTarget);
      index++;
      if (pendingTarget === 0) continue;
      flat = false;
    }
    // In the market from bar `index`: its open fills `pendingTarget` when that differs from the target in force.
    let stop = 0; // why the scan stopped: 1 = liquidated, 2 = near tie at `index`, 3 = flat again
    for (; index < length; index++) {
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
      const difference = fastMean - slowMean;
      const band = nearTieRelativeTolerance * (Math.abs(fastMean) + Math.abs(slowMean));
      const decided = difference > band ? 1 : difference < -band ? shortTarget : nearTie;
      if (decided === nearTie) {
        stop = 2;
        break;
      }
      pendingTarget = decided;
      if (decided === 0 && targetInForce === 0) {
        stop = 3;
        break;
      }
    }
    if (stop === 1 || index >= length) break;
    if (stop === 2) {
      pendingTarget = decideExactly(close, index, fast, slow, shortTarget);
      flat = pendingTarget === 0 && targetInForce === 0;
    } else flat = true;
    index++;
  }
  const mean = sum / length;
  const variance = (squares - sum * mean) / (length - 1);
  result.sharpe[pairIndex] = length < 2 ? Number.NaN : (mean / Math.sqrt(variance > 0 ? variance : 0)) * costs.annualization;
  result.totalReturn[pairIndex] = previousEquity / initialEquity - 1;
  result.fillCount[pairIndex] = fills;
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
