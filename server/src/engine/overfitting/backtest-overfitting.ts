import { EngineInputError } from '../errors/engine-input-error.ts';

/** Result of {@link calculateProbabilityOfBacktestOverfitting}. */
export interface BacktestOverfitting {
  /** PBO = #{c : λ_c ≤ 0} / C(S, S/2), a probability. */
  probabilityOfBacktestOverfitting: number;
  /** λ_c = ln(ω̄_c / (1 − ω̄_c)) per combination, in lexicographic combination order. */
  logits: Float64Array;
  /** Fraction of combinations where the IS-best strategy's OOS performance is < 0. */
  probabilityOfLoss: number;
  /** OLS slope of OOS on IS performance of the IS-best strategy across combinations. */
  degradationSlope: number;
  /** OLS intercept of the same regression. */
  degradationIntercept: number;
  /** IS performance `R_{n*}` per combination. */
  inSamplePerformance: Float64Array;
  /** OOS performance `R̄_{n*}` per combination. */
  outOfSamplePerformance: Float64Array;
  /** C(S, S/2). */
  combinationCount: number;
}

interface BlockMoments {
  count: Float64Array;
  mean: Float64Array;
  squares: Float64Array;
}

/**
 * Per-strategy Sharpe ratios of half-size block sets, merged block by block in the set's (ascending) order with the
 * Chan et al. pairwise update of (count, mean, M2). The merged state after each prefix of the set is kept, so a set
 * that shares its first blocks with the previous one (consecutive sets in lexicographic order share all but ~2)
 * merges only its new blocks: the same merges in the same order, so the same numbers as merging the set from scratch.
 */
class PrefixMerger {
  private readonly count: Float64Array;
  private readonly mean: Float64Array;
  private readonly squares: Float64Array;
  /** Blocks of the prefix states held (−1 = none). */
  private readonly blocks: Int32Array;

  private readonly moments: BlockMoments;
  private readonly strategyCount: number;
  private readonly half: number;

  constructor(moments: BlockMoments, strategyCount: number, half: number) {
    this.moments = moments;
    this.strategyCount = strategyCount;
    this.half = half;
    this.count = new Float64Array((half + 1) * strategyCount);
    this.mean = new Float64Array((half + 1) * strategyCount);
    this.squares = new Float64Array((half + 1) * strategyCount);
    this.blocks = new Int32Array(half).fill(-1);
  }

  /**
   * Writes the Sharpe `mean / std(ddof = 1)` of the union of the `half` blocks at `combinations[start…]` per strategy
   * into `out` (NaN below 2 returns).
   */
  sharpes(combinations: Int32Array, start: number, out: Float64Array): void {
    const { moments, strategyCount, half } = this;
    let shared = 0;
    while (shared < half && this.blocks[shared] === combinations[start + shared]) shared++;
    for (let position = shared; position < half; position++) {
      const block = combinations[start + position];
      this.blocks[position] = block;
      const from = position * strategyCount;
      const to = from + strategyCount;
      for (let strategy = 0; strategy < strategyCount; strategy++) {
        let count = this.count[from + strategy];
        let mean = this.mean[from + strategy];
        let squares = this.squares[from + strategy];
        const offset = block * strategyCount + strategy;
        const blockCount = moments.count[offset];
        if (blockCount !== 0) {
          const blockMean = moments.mean[offset];
          const total = count + blockCount;
          const delta = blockMean - mean;
          mean += (delta * blockCount) / total;
          squares += moments.squares[offset] + (delta * delta * count * blockCount) / total;
          count = total;
        }
        this.count[to + strategy] = count;
        this.mean[to + strategy] = mean;
        this.squares[to + strategy] = squares;
      }
    }
    const last = half * strategyCount;
    for (let strategy = 0; strategy < strategyCount; strategy++) {
      const count = this.count[last + strategy];
      if (count < 2) {
        out[strategy] = Number.NaN;
        continue;
      }
      const mean = this.mean[last + strategy];
      const deviation = Math.sqrt(this.squares[last + strategy] / (count - 1));
      out[strategy] = deviation === 0 ? mean / 0 : mean / deviation;
    }
  }
}

const halfCombinationCache = new Map<number, { combinations: Int32Array; complementOf: Int32Array }>();

/**
 * The C(S, S/2) combinations of S/2 of S blocks in lexicographic order (each ascending, `S/2` entries per
 * combination) and, per combination, the index of its complement (the other S/2 blocks, also ascending). Cached per S.
 */
function halfCombinations(blockCount: number): { combinations: Int32Array; complementOf: Int32Array } {
  const cached = halfCombinationCache.get(blockCount);
  if (cached) return cached;
  const half = blockCount / 2;
  const chosen = new Int32Array(half);
  for (let index = 0; index < half; index++) chosen[index] = index;
  const list: number[] = [];
  const masks: number[] = [];
  for (;;) {
    let mask = 0;
    for (const block of chosen) {
      list.push(block);
      mask += 2 ** block;
    }
    masks.push(mask);
    let position = half - 1;
    while (position >= 0 && chosen[position] === blockCount - half + position) position--;
    if (position < 0) break;
    chosen[position]++;
    for (let next = position + 1; next < half; next++) chosen[next] = chosen[next - 1] + 1;
  }
  const all = 2 ** blockCount - 1;
  const indexOfMask = new Map(masks.map((mask, index) => [mask, index]));
  const result = { combinations: Int32Array.from(list), complementOf: Int32Array.from(masks, (mask) => indexOfMask.get(all - mask)!) };
  halfCombinationCache.set(blockCount, result);
  return result;
}

/**
 * Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation, exactly as
 * metrics-conventions §5 (Bailey, Borwein, López de Prado & Zhu 2017, J. Comput. Finance 20(4)):
 *
 * 1. rows (time) split in order into S contiguous blocks of T/S rows (S must divide T);
 * 2. every combination of S/2 blocks, lexicographic order, is a training set J, the rest J̄;
 * 3. performance f = Sharpe `mean / std(ddof = 1)` per strategy (not annualized; ranks are unchanged);
 * 4. n* = first argmax of f(J) (NaN never wins);
 * 5. ω̄ = rank of f(J̄)_{n*} among the N strategies / (N + 1), ranks 1 = worst … N = best, ties
 *    averaged, NaN ranked below every number;
 * 6. λ = ln(ω̄ / (1 − ω̄)); 7. PBO = #{λ ≤ 0} / C(S, S/2).
 *
 * Per-strategy block statistics are computed once and merged (Chan et al. 1979), and each half-size block set's
 * Sharpe once for both its roles (training set of one combination, test set of its complement's), each set merged
 * from the previous set's shared leading blocks, so the cost is O(T·N + C(S,S/2)·N) merges with O(N·S) memory. NaN returns are ignored inside a block.
 *
 * @param returnsByStrategy N ≥ 2 series of equal length T: per-period returns of each configuration.
 * @param blockCount S, even, ≥ 2, dividing T (default 16).
 * @throws EngineInputError('returnsByStrategy') for fewer than 2 strategies or unequal lengths;
 *   EngineInputError('blockCount') when S is odd, < 2 or does not divide T.
 */
export function calculateProbabilityOfBacktestOverfitting(returnsByStrategy: readonly Float64Array[], blockCount = 16): BacktestOverfitting {
  return calculateGroupedProbabilityOfBacktestOverfitting(returnsByStrategy, [returnsByStrategy.map((_, index) => index)], blockCount)[0];
}

/**
 * {@link calculateProbabilityOfBacktestOverfitting} of several groups of the same trials in one pass: each group's
 * result is exactly (bit for bit) that of the function called on the group's columns in the group's order, since a
 * column's Sharpe on a block set does not depend on the other columns; the block sets' Sharpes are computed once for
 * all columns and every group ranks its members from them. An evaluation cycle's PBO over all trials and per strategy
 * over its trials share one pass.
 *
 * @param returnsByStrategy N ≥ 2 series of equal length T.
 * @param groups indices into `returnsByStrategy`, ≥ 2 distinct per group; ties go to the member listed first.
 * @throws EngineInputError('returnsByStrategy') as the single form; EngineInputError('groups') for a group of fewer
 *   than 2 distinct indices or an index out of range; EngineInputError('blockCount') as the single form.
 */
export function calculateGroupedProbabilityOfBacktestOverfitting(returnsByStrategy: readonly Float64Array[], groups: readonly (readonly number[])[], blockCount = 16): BacktestOverfitting[] {
  const strategyCount = returnsByStrategy.length;
  if (strategyCount < 2) throw new EngineInputError('returnsByStrategy', 'PBO needs at least 2 strategies');
  const rowCount = returnsByStrategy[0].length;
  for (const series of returnsByStrategy) {
    if (series.length !== rowCount) throw new EngineInputError('returnsByStrategy', 'all strategies must have the same number of returns');
  }
  for (const group of groups) {
    if (new Set(group).size !== group.length || group.length < 2) throw new EngineInputError('groups', 'each group needs at least 2 distinct strategies');
    if (group.some((index) => !Number.isInteger(index) || index < 0 || index >= strategyCount)) throw new EngineInputError('groups', `group indices must be integers in [0, ${strategyCount})`);
  }
  if (!Number.isInteger(blockCount) || blockCount < 2 || blockCount % 2 !== 0) throw new EngineInputError('blockCount', 'blockCount S must be an even integer ≥ 2');
  if (rowCount % blockCount !== 0) throw new EngineInputError('blockCount', `blockCount S = ${blockCount} must divide the number of returns T = ${rowCount}`);
  const blockSize = rowCount / blockCount;
  const moments: BlockMoments = {
    count: new Float64Array(blockCount * strategyCount),
    mean: new Float64Array(blockCount * strategyCount),
    squares: new Float64Array(blockCount * strategyCount),
  };
  for (let block = 0; block < blockCount; block++) {
    for (let strategy = 0; strategy < strategyCount; strategy++) {
      const series = returnsByStrategy[strategy];
      let count = 0;
      let sum = 0;
      for (let row = block * blockSize; row < (block + 1) * blockSize; row++) {
        const value = series[row];
        if (value === value) {
          sum += value;
          count++;
        }
      }
      const mean = count === 0 ? 0 : sum / count;
      let squares = 0;
      for (let row = block * blockSize; row < (block + 1) * blockSize; row++) {
        const value = series[row];
        if (value === value) squares += (value - mean) * (value - mean);
      }
      const offset = block * strategyCount + strategy;
      moments.count[offset] = count;
      moments.mean[offset] = mean;
      moments.squares[offset] = squares;
    }
  }
  const half = blockCount / 2;
  const { combinations, complementOf } = halfCombinations(blockCount);
  const combinationTotal = complementOf.length;
  // Every half-size block set is the training set J of one combination and the test set J̄ of its complement's; in
  // both roles its blocks are merged in time order, so its Sharpe per strategy is the same number. Each pair of
  // complementary combinations is therefore evaluated together from one computation per set.
  const first = new Float64Array(strategyCount);
  const second = new Float64Array(strategyCount);
  const states = groups.map((group) => ({
    members: Int32Array.from(group),
    logits: new Float64Array(combinationTotal),
    inSample: new Float64Array(combinationTotal),
    outOfSample: new Float64Array(combinationTotal),
  }));
  const evaluate = (index: number, train: Float64Array, test: Float64Array) => {
    for (const { members, logits, inSample, outOfSample } of states) {
      const memberCount = members.length;
      let best = -1;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let member = 0; member < memberCount; member++) {
        const value = train[members[member]];
        if (value === value && (best < 0 || value > bestValue)) {
          best = members[member];
          bestValue = value;
        }
      }
      if (best < 0) best = members[0];
      const target = test[best];
      let below = 0;
      let equal = 0;
      for (let member = 0; member < memberCount; member++) {
        const value = test[members[member]];
        if (target !== target) {
          if (value !== value) equal++;
        } else if (value !== value || value < target) below++;
        else if (value === target) equal++;
      }
      const rank = below + (equal + 1) / 2;
      const relativeRank = rank / (memberCount + 1);
      logits[index] = Math.log(relativeRank / (1 - relativeRank));
      inSample[index] = bestValue;
      outOfSample[index] = target;
    }
  };
  // Combinations are visited in lexicographic order and their complements (which run in reverse lexicographic
  // order) by a second merger, so each merger's consecutive sets share their leading blocks.
  const forward = new PrefixMerger(moments, strategyCount, half);
  const backward = new PrefixMerger(moments, strategyCount, half);
  for (let combination = 0; combination < combinationTotal; combination++) {
    const other = complementOf[combination];
    if (other < combination) continue;
    forward.sharpes(combinations, combination * half, first);
    backward.sharpes(combinations, other * half, second);
    evaluate(combination, first, second);
    evaluate(other, second, first);
  }
  return states.map(({ logits, inSample, outOfSample }) => {
    const combinationCount = logits.length;
    let overfit = 0;
    let losses = 0;
    for (let index = 0; index < combinationCount; index++) {
      if (logits[index] <= 0) overfit++;
      if (outOfSample[index] < 0) losses++;
    }
    // OLS of OOS on IS
    let meanX = 0;
    let meanY = 0;
    let pairs = 0;
    for (let index = 0; index < combinationCount; index++) {
      if (Number.isFinite(inSample[index]) && Number.isFinite(outOfSample[index])) {
        meanX += inSample[index];
        meanY += outOfSample[index];
        pairs++;
      }
    }
    meanX /= pairs;
    meanY /= pairs;
    let covariance = 0;
    let variance = 0;
    for (let index = 0; index < combinationCount; index++) {
      if (Number.isFinite(inSample[index]) && Number.isFinite(outOfSample[index])) {
        covariance += (inSample[index] - meanX) * (outOfSample[index] - meanY);
        variance += (inSample[index] - meanX) ** 2;
      }
    }
    const slope = variance > 0 ? covariance / variance : Number.NaN;
    return {
      probabilityOfBacktestOverfitting: overfit / combinationCount,
      logits,
      probabilityOfLoss: losses / combinationCount,
      degradationSlope: slope,
      degradationIntercept: meanY - slope * meanX,
      inSamplePerformance: inSample,
      outOfSamplePerformance: outOfSample,
      combinationCount,
    };
  });
}
