import { calculateStandardDeviation, type Trade } from '../../../engine/index.ts';

/** One side of a reconciliation: equity marks and round-trip trades (the engine's `Trade` shape) over the same window. */
export interface ReconciliationSide {
  /** Bar open times of the marks, ms, strictly increasing. */
  timestamp: Float64Array;
  /** Equity at each mark, quote currency. */
  equity: Float64Array;
  trades: readonly Trade[];
}

/**
 * How one trade diverges. Amounts are quote currency, positive = live did better than the backtest:
 * `fillPrice` = direction × ((live exit − live entry) − (backtest exit − backtest entry)) × live quantity;
 * `size` = direction × (backtest exit − backtest entry) × (live − backtest quantity); `fees` = backtest fee − live fee;
 * for an open trade the missing exit is valued at its entry (0). Missing (backtest only) = −backtest profit;
 * extra (live only) = + live profit. Time deltas are live − backtest, ms.
 */
export interface TradeAttribution {
  status: 'matched' | 'missing' | 'extra';
  live: Trade | null;
  backtest: Trade | null;
  entryTimeDeltaMs: number | null;
  exitTimeDeltaMs: number | null;
  fillPrice: number;
  size: number;
  fees: number;
  /** The trade's whole contribution: the sum of the components (or ± the missing / extra profit). */
  total: number;
}

/** Live-vs-backtest reconciliation of one deployment over its live window. */
export interface LiveBacktestReconciliation {
  /** Marks present on both sides (same bar open time). */
  alignedMarks: number;
  /** Sample std (ddof 1) of the per-mark return differences live − backtest over consecutive aligned marks, a fraction per mark, not annualized; NaN below 2 differences. */
  trackingError: number;
  /** Live − backtest equity at the last aligned mark, quote currency; NaN without an aligned mark. */
  finalEquityDifference: number;
  /** Sums over the trades, quote currency; `unexplained` = finalEquityDifference − the others (open-position marks, compounding). */
  attribution: { fillPrice: number; size: number; fees: number; missingTrades: number; extraTrades: number; unexplained: number };
  counts: { matched: number; missing: number; extra: number; timeShifted: number };
  trades: TradeAttribution[];
}

/**
 * Reconciles a deployment's live record with the backtest re-run over its live window (issue 13 "Live-vs-backtest
 * reconciliation"): the tracking error of the equity and a per-trade attribution of the divergence to missing or
 * extra trades, fill price, size, fill time and fees.
 *
 * Matching: trades in entry-time order; a live trade matches the earliest unmatched backtest trade of the same side
 * whose entry time is within `timeToleranceMs` (default 0: the same bar). Pure; O(trades²) worst case.
 */
export function reconcileLiveWithBacktest(live: ReconciliationSide, backtest: ReconciliationSide, timeToleranceMs = 0): LiveBacktestReconciliation {
  // Tracking error over the aligned marks.
  const liveAt: number[] = [];
  const backtestAt: number[] = [];
  let j = 0;
  for (let i = 0; i < live.timestamp.length; i++) {
    while (j < backtest.timestamp.length && backtest.timestamp[j] < live.timestamp[i]) j++;
    if (j < backtest.timestamp.length && backtest.timestamp[j] === live.timestamp[i]) {
      liveAt.push(live.equity[i]);
      backtestAt.push(backtest.equity[j]);
    }
  }
  const differences = new Float64Array(Math.max(0, liveAt.length - 1));
  for (let k = 1; k < liveAt.length; k++) differences[k - 1] = liveAt[k] / liveAt[k - 1] - 1 - (backtestAt[k] / backtestAt[k - 1] - 1);
  const trackingError = calculateStandardDeviation(differences, 1);
  const finalEquityDifference = liveAt.length === 0 ? Number.NaN : liveAt[liveAt.length - 1] - backtestAt[backtestAt.length - 1];

  // Per-trade attribution.
  const liveTrades = [...live.trades].sort((a, b) => a.entryTime - b.entryTime);
  const backtestTrades = [...backtest.trades].sort((a, b) => a.entryTime - b.entryTime);
  const used = new Array<boolean>(backtestTrades.length).fill(false);
  const trades: TradeAttribution[] = [];
  for (const trade of liveTrades) {
    const index = backtestTrades.findIndex((candidate, position) => !used[position] && candidate.side === trade.side && Math.abs(candidate.entryTime - trade.entryTime) <= timeToleranceMs);
    if (index < 0) {
      const total = trade.profit ?? 0;
      trades.push({ status: 'extra', live: trade, backtest: null, entryTimeDeltaMs: null, exitTimeDeltaMs: null, fillPrice: 0, size: 0, fees: 0, total });
      continue;
    }
    used[index] = true;
    const reference = backtestTrades[index];
    const direction = trade.side === 'long' ? 1 : -1;
    const liveMove = (trade.exitPrice ?? trade.entryPrice) - trade.entryPrice;
    const backtestMove = (reference.exitPrice ?? reference.entryPrice) - reference.entryPrice;
    const fillPrice = direction * (liveMove - backtestMove) * trade.quantity;
    const size = direction * backtestMove * (trade.quantity - reference.quantity);
    const fees = reference.fee - trade.fee;
    trades.push({
      status: 'matched',
      live: trade,
      backtest: reference,
      entryTimeDeltaMs: trade.entryTime - reference.entryTime,
      exitTimeDeltaMs: trade.exitTime === null || reference.exitTime === null ? null : trade.exitTime - reference.exitTime,
      fillPrice,
      size,
      fees,
      total: fillPrice + size + fees,
    });
  }
  backtestTrades.forEach((trade, position) => {
    if (!used[position]) trades.push({ status: 'missing', live: null, backtest: trade, entryTimeDeltaMs: null, exitTimeDeltaMs: null, fillPrice: 0, size: 0, fees: 0, total: -(trade.profit ?? 0) });
  });
  const sum = (pick: (entry: TradeAttribution) => number) => trades.reduce((total, entry) => total + pick(entry), 0);
  const attribution = {
    fillPrice: sum((entry) => entry.fillPrice),
    size: sum((entry) => entry.size),
    fees: sum((entry) => entry.fees),
    missingTrades: sum((entry) => (entry.status === 'missing' ? entry.total : 0)),
    extraTrades: sum((entry) => (entry.status === 'extra' ? entry.total : 0)),
    unexplained: 0,
  };
  attribution.unexplained = finalEquityDifference - (attribution.fillPrice + attribution.size + attribution.fees + attribution.missingTrades + attribution.extraTrades);
  return {
    alignedMarks: liveAt.length,
    trackingError,
    finalEquityDifference,
    attribution,
    counts: {
      matched: trades.filter((entry) => entry.status === 'matched').length,
      missing: trades.filter((entry) => entry.status === 'missing').length,
      extra: trades.filter((entry) => entry.status === 'extra').length,
      timeShifted: trades.filter((entry) => (entry.entryTimeDeltaMs ?? 0) !== 0 || (entry.exitTimeDeltaMs ?? 0) !== 0).length,
    },
    trades,
  };
}
