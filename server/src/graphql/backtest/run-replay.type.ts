import 'reflect-metadata';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

export const TradeSideEnum = { LONG: 'long', SHORT: 'short' } as const;
export const TradeExitReasonEnum = { SIGNAL: 'signal', REVERSAL: 'reversal', LIQUIDATION: 'liquidation', OPEN: 'open' } as const;
export const TradeOrderEnum = { ENTRY_TIME: 'entryTime', PROFIT: 'profit', RETURN: 'returnFraction', DURATION: 'durationMs', FEE: 'fee', SIZE: 'quantity' } as const;
export const IndicatorPaneEnum = { PRICE: 'price', OSCILLATOR: 'oscillator' } as const;
registerEnumType(TradeSideEnum, { name: 'TradeSide' });
registerEnumType(TradeExitReasonEnum, {
  name: 'TradeExitReason',
  description: 'SIGNAL = the target went flat; REVERSAL = the target flipped side (one fill closed this trade and opened the next); LIQUIDATION = equity reached 0; OPEN = still open after the last bar.',
});
registerEnumType(TradeOrderEnum, { name: 'TradeOrder', description: 'Sort key of a run’s trades.' });
registerEnumType(IndicatorPaneEnum, { name: 'IndicatorPane', description: 'PRICE = drawn on the price scale (quote currency); OSCILLATOR = its own scale below the candles.' });

@ObjectType('Trade', { description: 'One round trip of a backtest run, replayed by the engine. Amounts are per 1.0 of starting capital (quote currency).' })
export class TradeType {
  @Field(() => Int, { description: '1-based position in entry order.' })
  number!: number;
  @Field(() => TradeSideEnum)
  side!: 'long' | 'short';
  @Field(() => Date, { description: 'Open time of the entry fill’s bar (fills at its open).' })
  entryTime!: Date;
  @Field(() => Date, { nullable: true, description: 'Open time of the exit fill’s bar; null while open.' })
  exitTime!: Date | null;
  @Field(() => Float, { description: 'Quantity-weighted entry fill price including slippage, quote currency.' })
  entryPrice!: number;
  @Field(() => Float, { nullable: true, description: 'Quantity-weighted exit fill price including slippage, quote currency.' })
  exitPrice!: number | null;
  @Field(() => Float, { description: 'Base units entered (always positive; side gives the direction), on 1.0 starting capital.' })
  quantity!: number;
  @Field(() => Float, { description: 'Fees paid by the trade’s fills, quote currency on 1.0 starting capital.' })
  fee!: number;
  @Field(() => Float, { nullable: true, description: 'Realized P&L net of fees and slippage, quote currency on 1.0 starting capital; null while open.' })
  profit!: number | null;
  @Field(() => Float, { nullable: true, description: 'P&L over entry notional, fraction; null while open.' })
  returnFraction!: number | null;
  @Field(() => Float, { nullable: true, description: 'Exit time − entry time, milliseconds; null while open.' })
  durationMs!: number | null;
  @Field(() => TradeExitReasonEnum)
  exitReason!: string;
}

@ObjectType('TradePage', { description: 'A page of a run’s trades.' })
export class TradePageType {
  @Field(() => Int, { description: 'Trades of the run (open one included).' })
  totalCount!: number;
  @Field(() => [TradeType])
  items!: TradeType[];
}

@ObjectType('IndicatorSeries', { description: 'An indicator the strategy decides on, computed by the engine’s indicator code, one value per candle (at its last bar); null in warm-up.' })
export class IndicatorSeriesType {
  @Field(() => String, { description: 'Stable key, e.g. "sma:20".' })
  key!: string;
  @Field(() => String, { description: 'Legend label, e.g. "SMA 20".' })
  label!: string;
  @Field(() => IndicatorPaneEnum)
  pane!: string;
  @Field(() => [Float], { nullable: 'items' })
  values!: (number | null)[];
}

@ObjectType('PriceChart', { description: 'Candles of a run’s dataset (columns of equal length), thinned by merging consecutive bars, with the strategy’s indicators on the same grid.' })
export class PriceChartType {
  @Field(() => Int, { description: 'Bars merged into each candle (1 = every bar).' })
  barsPerCandle!: number;
  @Field(() => Float, { description: 'Length of one candle, milliseconds.' })
  candleMs!: number;
  @Field(() => [Float], { description: 'Candle open times, ms since epoch (UTC).' })
  time!: number[];
  @Field(() => [Float], { description: 'Quote currency.' })
  open!: number[];
  @Field(() => [Float], { description: 'Quote currency.' })
  high!: number[];
  @Field(() => [Float], { description: 'Quote currency.' })
  low!: number[];
  @Field(() => [Float], { description: 'Quote currency.' })
  close!: number[];
  @Field(() => [Float], { description: 'Base units traded in the candle.' })
  volume!: number[];
  @Field(() => [IndicatorSeriesType])
  indicators!: IndicatorSeriesType[];
}

@ObjectType('MonthlyReturn')
export class MonthlyReturnType {
  @Field(() => Int)
  year!: number;
  @Field(() => Int, { description: '1–12 (UTC).' })
  month!: number;
  @Field(() => Float, { description: 'Compounded return of the month, fraction.' })
  returnFraction!: number;
  @Field(() => Int, { description: 'Bars of the run in the month.' })
  barCount!: number;
}

@ObjectType('ReturnDistribution', { description: 'Histogram of the non-zero per-bar returns in equal-width bins (fractions).' })
export class ReturnDistributionType {
  @Field(() => [Float])
  binStart!: number[];
  @Field(() => [Float])
  binEnd!: number[];
  @Field(() => [Int])
  counts!: number[];
  @Field(() => Int, { description: 'Bars with a return of exactly 0 (flat), left out of the bins.' })
  zeroCount!: number;
}

@ObjectType('RunAnalyticsSeries', { description: 'Time series of a run’s report (columns of equal length), thinned evenly keeping the last bar.' })
export class RunAnalyticsSeriesType {
  @Field(() => [Float], { description: 'Bar open times, ms since epoch (UTC).' })
  time!: number[];
  @Field(() => [Float], { description: 'Strategy equity, start 1.0.' })
  equity!: number[];
  @Field(() => [Float], { description: 'Buy-and-hold of the dataset’s instrument from the first close (close / first close, start 1.0; no costs).' })
  buyAndHoldEquity!: number[];
  @Field(() => [Float], { nullable: 'items', description: 'Annualized Sharpe over the trailing window (rollingWindowMs); null before a full window.' })
  rollingSharpe!: (number | null)[];
  @Field(() => [Float], { nullable: 'items', description: 'Annualized volatility over the trailing window, fraction; null before a full window.' })
  rollingVolatility!: (number | null)[];
  @Field(() => [Float], { nullable: 'items', description: 'The benchmark basket’s equity on the run’s time axis, rebased to 1.0 at its first bar in the window; null where it has no bar (or no basket: see benchmarkDescription).' })
  benchmarkEquity!: (number | null)[];
}

@ObjectType('RunAnalytics', { description: 'A run’s report analytics (QuantConnect-style), computed by the engine from the replayed run.' })
export class RunAnalyticsType {
  @Field(() => String, { description: 'The benchmark basket in words (weights, rebalancing, top alt), or why the run has none.' })
  benchmarkDescription!: string;
  @Field(() => Float, { description: 'Length of the sample in years, bars / periodsPerYear (the annualization convention).' })
  sampleYears!: number;
  @Field(() => String, { nullable: true, description: 'Set when the sample is shorter than a year: annualized figures (CAGR, volatility, Sharpe, Sortino, Calmar) extrapolate it.' })
  shortSampleWarning!: string | null;
  @Field(() => Int, { description: 'Bars per year used to annualize (365 days of crypto bars).' })
  periodsPerYear!: number;
  @Field(() => Float, { description: 'Length of one bar, milliseconds.' })
  barMs!: number;
  @Field(() => String, { description: 'Horizon of the per-bar VaR/CVaR, e.g. "1 day" (one bar of the dataset).' })
  valueAtRiskHorizon!: string;
  @Field(() => Float, { nullable: true, description: 'Longest time under water, milliseconds (maxDrawdownDurationBars × bar length).' })
  maxDrawdownDurationMs!: number | null;
  @Field(() => Int, { description: 'Trailing window of the rolling figures, bars.' })
  rollingWindowBars!: number;
  @Field(() => Float, { description: 'Trailing window of the rolling figures, milliseconds.' })
  rollingWindowMs!: number;
  @Field(() => [MonthlyReturnType], { description: 'Compounded return per calendar month (UTC), oldest first.' })
  monthlyReturns!: MonthlyReturnType[];
  @Field(() => ReturnDistributionType)
  returnDistribution!: ReturnDistributionType;
}
