/**
 * Trading costs assumed when a request names none (backtests, optimizations, evaluation cycles), in basis points of
 * traded notional (10 bps = 0.1 %), charged on every fill.
 */
export const defaultFeeBps = 10;
/** Slippage assumed when a request names none, in basis points of traded notional, against the trader on every fill. */
export const defaultSlippageBps = 5;
