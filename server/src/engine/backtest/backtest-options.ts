import { EngineInputError } from '../errors/engine-input-error.ts';

/**
 * Costs and annualization of a backtest.
 *
 * - `feeBps`: commission in basis points of traded notional (10 = 0.10 %), ≥ 0.
 * - `slippageBps`: adverse price move per fill in basis points of the open price (buys fill at
 *   `open·(1 + s)`, sells at `open·(1 − s)`), so its cost is `s ×` traded notional; ≥ 0.
 * - `periodsPerYear`: P for annualized metrics (see `periodsPerYear(timeframe)`), > 0.
 * - `initialEquity`: starting capital in quote currency, > 0, default 1.
 * - `cashFloor`: default false — a buy's slippage and fee may overdraw cash slightly (a 100 % target from flat ends at
 *   cash ≈ −(slippage + fee) × equity; the research backtests' arithmetic). True: a buy takes no more than cash pays
 *   after slippage and fee (`affordableBuyQuantity`), as every deployment's fill path does — the setting for
 *   comparing a backtest with a deployment (parity).
 */
export interface BacktestOptions {
  feeBps: number;
  slippageBps: number;
  periodsPerYear: number;
  initialEquity?: number;
  cashFloor?: boolean;
}

/**
 * Check backtest options.
 *
 * @throws EngineInputError naming the option (`feeBps`, `slippageBps`, `periodsPerYear`, `initialEquity`).
 */
export function assertBacktestOptions(options: BacktestOptions): void {
  if (!Number.isFinite(options.feeBps) || options.feeBps < 0) throw new EngineInputError('feeBps', 'feeBps must be a finite number ≥ 0');
  if (!Number.isFinite(options.slippageBps) || options.slippageBps < 0) {
    throw new EngineInputError('slippageBps', 'slippageBps must be a finite number ≥ 0');
  }
  if (!Number.isFinite(options.periodsPerYear) || options.periodsPerYear <= 0) {
    throw new EngineInputError('periodsPerYear', 'periodsPerYear must be a finite number > 0');
  }
  if (options.initialEquity !== undefined && (!Number.isFinite(options.initialEquity) || options.initialEquity <= 0)) {
    throw new EngineInputError('initialEquity', 'initialEquity must be a finite number > 0');
  }
}
