import { calculateConditionalValueAtRisk, calculateMaxDrawdown, calculateSharpeRatio, calculateValueAtRisk, periodsPerYear, type Timeframe } from '../../engine/index.ts';

/** Days of marks the risk metrics of a daily report look back over (ending with the report's day). */
export const riskWindowDays = 30;
/** VaR / CVaR cutoff: the 5th percentile of per-bar returns (VaR 95 %). */
export const valueAtRiskCutoff = 0.05;

/** One P&L mark of a deployment (a `PnlSnapshot`): money in its quote currency, fractions otherwise. */
export interface DeploymentMark {
  /** Close time of the marked bar (bar open + bar length). */
  closeAt: Date;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  fees: number;
  /** equity / peak − 1, ≤ 0. */
  drawdown: number;
  /** The per-bar return, equity / previous equity − 1. */
  returnFraction: number;
}

/** Risk metrics over the trailing window, with their horizon stated. */
export interface DailyRiskFigures {
  /** How many per-bar returns the metrics use (marks closing in the window). */
  returnCount: number;
  windowStart: string;
  windowEnd: string;
  /** What one return spans: one bar of the deployment's timeframe (e.g. `1 bar of 1h`). */
  horizon: string;
  /** Historical VaR 95 % of a one-bar return (a negative fraction); null without returns or with a NaN among them. */
  valueAtRisk: number | null;
  /** Historical CVaR 95 % (expected shortfall) of a one-bar return; null as VaR. */
  conditionalValueAtRisk: number | null;
  /** Annualized Sharpe ratio of the window's per-bar returns (risk-free 0, periods per year of the timeframe); null when undefined (< 2 returns, zero volatility). */
  sharpeRatio: number | null;
  /** Maximum drawdown of the window's returns compounded from its start (a fraction ≤ 0); null without returns. */
  maxDrawdown: number | null;
}

/** A deployment's day: P&L, equity and drawdown over the day's marks, and risk over the trailing window. */
export interface DeploymentDayFigures {
  /** Marks whose bar closed within the day. */
  markCount: number;
  /** Equity at the day's start: the last mark closing at or before it, else the initial equity. Quote currency. */
  openingEquity: number;
  /** Equity at the day's end: the last mark closing within or before the day, else the opening equity. */
  closingEquity: number;
  /** closing − opening equity, quote currency. */
  pnl: number;
  /** closing / opening − 1 (a fraction); null when the opening equity is 0. */
  returnFraction: number | null;
  /** Cumulative since the start, as of the day's last mark (quote currency); null without any mark yet. */
  realizedPnl: number | null;
  unrealizedPnl: number | null;
  fees: number | null;
  /** Drawdown from the peak as of the day's last mark (a fraction ≤ 0); null without any mark yet. */
  closingDrawdown: number | null;
  /** Deepest drawdown from the peak among the day's marks; null without marks in the day. */
  worstDrawdown: number | null;
  risk: DailyRiskFigures;
}

/**
 * The figures of one deployment's day [`dayStart`, `dayEnd`) from its marks (any order; those closing after `dayEnd`
 * are ignored). Metrics are the engine's (empyrical conventions): VaR/CVaR 95 % historical, Sharpe annualized with
 * the timeframe's periods per year, max drawdown — over the marks closing in the `riskWindowDays` ending at `dayEnd`.
 * Pure.
 */
export function deploymentDayFigures(marks: readonly DeploymentMark[], options: { dayStart: Date; dayEnd: Date; initialEquity: number; timeframe: Timeframe }): DeploymentDayFigures {
  const start = options.dayStart.getTime();
  const end = options.dayEnd.getTime();
  const sorted = [...marks].filter((mark) => mark.closeAt.getTime() <= end).sort((a, b) => a.closeAt.getTime() - b.closeAt.getTime());
  const before = sorted.filter((mark) => mark.closeAt.getTime() <= start);
  const inDay = sorted.filter((mark) => mark.closeAt.getTime() > start);
  const last = sorted.at(-1) ?? null;
  const openingEquity = before.at(-1)?.equity ?? options.initialEquity;
  const closingEquity = last?.equity ?? openingEquity;
  const windowStart = end - riskWindowDays * 86_400_000;
  const returns = Float64Array.from(sorted.filter((mark) => mark.closeAt.getTime() > windowStart).map((mark) => mark.returnFraction));
  const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    markCount: inDay.length,
    openingEquity,
    closingEquity,
    pnl: closingEquity - openingEquity,
    returnFraction: openingEquity === 0 ? null : closingEquity / openingEquity - 1,
    realizedPnl: last?.realizedPnl ?? null,
    unrealizedPnl: last?.unrealizedPnl ?? null,
    fees: last?.fees ?? null,
    closingDrawdown: last?.drawdown ?? null,
    worstDrawdown: inDay.length > 0 ? Math.min(...inDay.map((mark) => mark.drawdown)) : null,
    risk: {
      returnCount: returns.length,
      windowStart: new Date(windowStart).toISOString(),
      windowEnd: options.dayEnd.toISOString(),
      horizon: `1 bar of ${options.timeframe}`,
      valueAtRisk: returns.length > 0 ? finiteOrNull(calculateValueAtRisk(returns, valueAtRiskCutoff)) : null,
      conditionalValueAtRisk: returns.length > 0 ? finiteOrNull(calculateConditionalValueAtRisk(returns, valueAtRiskCutoff)) : null,
      sharpeRatio: finiteOrNull(calculateSharpeRatio(returns, periodsPerYear(options.timeframe))),
      maxDrawdown: returns.length > 0 ? finiteOrNull(calculateMaxDrawdown(returns)) : null,
    },
  };
}

/** [start, end) of a UTC calendar day `YYYY-MM-DD`. */
export function utcDayBounds(reportDate: string): { dayStart: Date; dayEnd: Date } {
  const dayStart = new Date(`${reportDate}T00:00:00.000Z`);
  return { dayStart, dayEnd: new Date(dayStart.getTime() + 86_400_000) };
}
