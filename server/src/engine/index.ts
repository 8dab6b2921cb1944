/**
 * Public entry of the Crucible research engine. The platform imports only this module.
 * The engine is pure: no I/O, no clock, no global randomness; every random choice takes a seed.
 */
export { ENGINE_VERSION } from './version.ts';
export { EngineInputError } from './errors/engine-input-error.ts';
export type { Timeframe } from './bars/timeframe.ts';
export { periodsPerYear, timeframeMilliseconds, timeframes, parseTimeframe } from './bars/timeframe.ts';
export type { BarFrame, BarColumns } from './bars/bar-frame.ts';
export { makeBarFrame, sliceBarFrame } from './bars/bar-frame.ts';
export type {
  ParameterValue,
  ParameterValues,
  ParameterKind,
  ParameterDefinition,
  ParameterConstraint,
  ConstraintOperator,
  ParameterSpace,
} from './parameters/parameter-space.ts';
export { findUnsatisfiableConstraint } from './parameters/constraint-satisfiability.ts';
export { parseParameters, parseParameterSpaceValues, parseParameterValue, assertParameterConstraints } from './parameters/parse-parameters.ts';
export type { StrategyTemplate } from './strategies/strategy-template.ts';
export { strategyTemplates, getStrategyTemplate } from './strategies/strategy-registry.ts';
export type { BacktestOptions } from './backtest/backtest-options.ts';
export type { Trade } from './backtest/trade.ts';
export { calculateTradeWinRate } from './backtest/trade.ts';
export type { BacktestResult, BacktestMetricsResult, BacktestSeriesBuffers, SimulationResult } from './backtest/simulator.ts';
export { runBacktest, runBacktestMetrics, simulateTargets } from './backtest/simulator.ts';
export type { PerformanceMetrics, TradingActivity } from './metrics/performance-metrics.ts';
export { calculatePerformanceMetrics, calculateExposure } from './metrics/performance-metrics.ts';
export { calculateTotalReturn } from './metrics/total-return.ts';
export { calculateCompoundAnnualGrowthRate } from './metrics/compound-annual-growth-rate.ts';
export { calculateAnnualVolatility } from './metrics/annual-volatility.ts';
export { calculateSharpeRatio } from './metrics/sharpe-ratio.ts';
export { calculateSortinoRatio } from './metrics/sortino-ratio.ts';
export { calculateDownsideRisk } from './metrics/downside-risk.ts';
export { calculateMaxDrawdown, calculateMaxDrawdownDurationBars, calculateDrawdownSeries } from './metrics/drawdown.ts';
export { calculateCalmarRatio } from './metrics/calmar-ratio.ts';
export { calculateValueAtRisk, calculateConditionalValueAtRisk } from './metrics/value-at-risk.ts';
export { calculateTailRatio } from './metrics/tail-ratio.ts';
export { calculateOmegaRatio } from './metrics/omega-ratio.ts';
export { calculateStability } from './metrics/stability.ts';
export type { AlphaBeta } from './metrics/alpha-beta.ts';
export { calculateAlphaBeta, calculateBeta } from './metrics/alpha-beta.ts';
export type { InformationRatio } from './metrics/information-ratio.ts';
export { calculateInformationRatio } from './metrics/information-ratio.ts';
export { calculateWinRate } from './metrics/win-rate.ts';
export { calculateProfitFactor } from './metrics/profit-factor.ts';
export { calculatePayoffRatio } from './metrics/payoff-ratio.ts';
export type { EdgeBucketPolicy, ResampledBars } from './bars/resample.ts';
export { resampleBarFrame } from './bars/resample.ts';
export { alignBarFrames } from './bars/align.ts';
export {
  calculateGridValue,
  calculateParameterCardinality,
  calculateParameterValueAt,
  calculateConstraintsSatisfied,
  sampleParameterValues,
} from './parameters/sample-parameters.ts';
export { calculateLookAheadViolation } from './strategies/look-ahead-check.ts';
export { smaCrossoverStrategy, calculateSmaCrossoverTargets } from './strategies/sma-crossover.strategy.ts';
export { emaCrossoverStrategy } from './strategies/ema-crossover.strategy.ts';
export { macdStrategy } from './strategies/macd.strategy.ts';
export { rsiMeanReversionStrategy } from './strategies/rsi-mean-reversion.strategy.ts';
export { bollingerMeanReversionStrategy } from './strategies/bollinger-mean-reversion.strategy.ts';
export { donchianBreakoutStrategy } from './strategies/donchian-breakout.strategy.ts';
export { timeSeriesMomentumStrategy } from './strategies/time-series-momentum.strategy.ts';
export { volatilityTargetedTrendStrategy } from './strategies/volatility-targeted-trend.strategy.ts';
export { calculateRollingSum } from './indicators/rolling-sum.ts';
export { calculateExponentialMovingAverage } from './indicators/exponential-moving-average.ts';
export { calculateRelativeStrengthIndex } from './indicators/relative-strength-index.ts';
export { calculateRealizedVolatility } from './indicators/realized-volatility.ts';
export { calculatePreviousRollingMaximum, calculatePreviousRollingMinimum } from './indicators/rolling-extremes.ts';
export { calculateExactWindowMeanSign, calculateWindowMeanSign } from './indicators/exact-window-mean-comparison.ts';
export { calculateRollingSharpeRatio, calculateRollingVolatility, calculateRollingMaxDrawdown } from './metrics/rolling-metrics.ts';
export { calculateMean, calculateFiniteMean, calculateStandardDeviation } from './metrics/sample-statistics.ts';
export { calculateSortedPercentile } from './metrics/percentile.ts';
export { makeMulberry32 } from './random/mulberry32.ts';
export { makeStandardNormalSampler } from './random/normal-sampler.ts';
export { deriveSeed } from './random/derive-seed.ts';
export { calculateComplementaryErrorFunction, calculateNormalCumulative, calculateNormalQuantile } from './statistics/normal-distribution.ts';
export type { SharpeRatioMoments } from './overfitting/probabilistic-sharpe-ratio.ts';
export {
  calculateSharpeRatioMoments,
  calculateProbabilisticSharpeRatio,
  calculateProbabilisticSharpeRatioFromMoments,
} from './overfitting/probabilistic-sharpe-ratio.ts';
export type { DeflatedSharpeRatio } from './overfitting/deflated-sharpe-ratio.ts';
export { calculateDeflatedSharpeRatio, calculateExpectedMaximumStandardNormal } from './overfitting/deflated-sharpe-ratio.ts';
export type { BacktestOverfitting } from './overfitting/backtest-overfitting.ts';
export { calculateProbabilityOfBacktestOverfitting } from './overfitting/backtest-overfitting.ts';
export type { MetricName, MetricConstraint, SearchObjective, ObjectiveEvaluation } from './search/search-objective.ts';
export { calculateObjectiveEvaluation, compareObjectiveEvaluations } from './search/search-objective.ts';
export type { UnitPoint } from './search/grid-points.ts';
export { makeGridPoints } from './search/grid-points.ts';
export { makeLatinHypercubePoints } from './search/latin-hypercube.ts';
export type { TreeParzenSettings } from './search/tree-parzen-estimator.ts';
export { proposeTreeParzenPoint, defaultTreeParzenSettings } from './search/tree-parzen-estimator.ts';
export type { SearchMethod, TrialEvaluation, TrialEvaluator, SearchOptions, SearchTrial, SearchResult } from './search/parameter-search.ts';
export { runParameterSearch, makeBacktestEvaluator } from './search/parameter-search.ts';
export type { SmaCrossoverSweep } from './search/sma-crossover-sweep.ts';
export { calculateSmaCrossoverSweep } from './search/sma-crossover-sweep.ts';
export type { TemplateSweep } from './search/template-sweep.ts';
export { runTemplateSweep } from './search/template-sweep.ts';
export { runTemplateMetricsSweep } from './search/template-metrics-sweep.ts';
export { IndicatorCache } from './indicators/indicator-cache.ts';
export type { WalkForwardWindowOptions, WalkForwardWindow } from './walk-forward/walk-forward-windows.ts';
export { makeWalkForwardWindows } from './walk-forward/walk-forward-windows.ts';
export type { WalkForwardOptions, WalkForwardSegment, WalkForwardResult, OutOfSampleEvaluation, WalkForwardSegmentRun } from './walk-forward/walk-forward.ts';
export { runWalkForward, runWalkForwardSegment, evaluateOutOfSample } from './walk-forward/walk-forward.ts';
export { stitchSeries, compoundEquity } from './walk-forward/stitch-series.ts';
export { calculateWalkForwardEfficiency } from './walk-forward/walk-forward-efficiency.ts';
export type { CandidateWalkForward } from './walk-forward/candidate-walk-forward.ts';
export { selectCandidatesWalkForward } from './walk-forward/candidate-walk-forward.ts';
export type { OptimizationTrial, OptimizationSegment } from './walk-forward/optimization-segment.ts';
export { runOptimizationSegment } from './walk-forward/optimization-segment.ts';
export type { SegmentOutcome, DatasetOutcome, OptimizationSummary } from './walk-forward/optimization-summary.ts';
export { summarizeOptimization, stitchOutOfSample } from './walk-forward/optimization-summary.ts';
export type { TrialReturnMatrix } from './overfitting/trial-return-matrix.ts';
export { reduceTrialReturns, compoundIntoGroups, compoundReturnGroups, cscvBlockCount, maxMatrixRows } from './overfitting/trial-return-matrix.ts';
export type { RegimeBand, RegimeBandLimits, VolatilityRegimeOptions, RegimeChange, VolatilityRegimes } from './regimes/volatility-regimes.ts';
export { calculateVolatilityRegimes, regimeBands } from './regimes/volatility-regimes.ts';
export type { RegimeMetrics, WinRateStability, RegimeRobustness } from './regimes/regime-breakdown.ts';
export { calculateRegimeMetrics, calculateWinRateStability, calculateRegimeRobustness } from './regimes/regime-breakdown.ts';
export type { SensitivityNeighbor, ParameterSensitivity } from './robustness/parameter-sensitivity.ts';
export { calculateParameterSensitivity } from './robustness/parameter-sensitivity.ts';
export type { ImportanceTrial, ParameterImportance } from './robustness/parameter-importance.ts';
export { calculateParameterImportance, importanceBins } from './robustness/parameter-importance.ts';
export type { ScoreFactor, ScoringMetric, ScoringBand, ScoringPolicy, MinimumProductionStandard, RecommendationThresholds } from './scoring/scoring-policy.ts';
export { defaultScoringPolicy, scoreFactors, scoringMetrics, factorMetrics } from './scoring/scoring-policy.ts';
export type { ScoringInputs, Scorecard, FactorContribution, Recommendation, RankInput } from './scoring/scorecard.ts';
export { calculateScorecard, calculateBandPoints, rankScorecards } from './scoring/scorecard.ts';
export type { ConfigurationRequest, GeneratedConfiguration } from './cycle/generate-configurations.ts';
export { generateConfigurations, makeConfigurationKey } from './cycle/generate-configurations.ts';
export type { CycleFrame, CycleMetrics, StrategyEvaluation, ConfigurationEvaluation, CycleEvaluation } from './cycle/evaluate-configurations.ts';
export { evaluateConfigurations, cycleWindows, matrixRowsPerDataset } from './cycle/evaluate-configurations.ts';
export type { Refusal } from './execution/refusal.ts';
export type { ExecutionBar } from './execution/execution-bar.ts';
export { executionBarAt } from './execution/execution-bar.ts';
export type { OrderType, ExecutionVenue, FillModelConfig, VenueFeeTier } from './execution/fill-model-config.ts';
export { venueFeeTiers, defaultFillSlippageBps, defaultFillModelConfig, assertFillModelConfig } from './execution/fill-model-config.ts';
export type { OrderSide, Liquidity, FillState, SimulatedOrder, FillResult } from './execution/fill-model.ts';
export { fillOrder, referencePrice, limitPriceFor } from './execution/fill-model.ts';
export type { IntentKind, DeploymentDecision, PositionHolding, OrderIntent } from './execution/order-intents.ts';
export { sizeOrderIntent } from './execution/order-intents.ts';
export { clientOrderId, calculateFnv1a128 } from './execution/client-order-id.ts';
export type { Freshness } from './execution/freshness.ts';
export { freshness } from './execution/freshness.ts';
export type { BarRule, BarRefusal, BarValidationContext } from './execution/bar-validation.ts';
export { validateBar } from './execution/bar-validation.ts';
export type { TradingState, PreTradeRule, PreTradeRefusal, PreTradeVerdict, PreTradeLimits, PreTradeContext } from './execution/pre-trade-checks.ts';
export { checkPreTrade, limitTolerance } from './execution/pre-trade-checks.ts';
export type { DeploymentAccount, EquityMark, Liquidation, AppliedFill, MarkedAccount } from './execution/deployment-account.ts';
export { makeDeploymentAccount, applyFill, liquidateAccount, markAccount, markLiquidatedAtOpen } from './execution/deployment-account.ts';
export type { StepContext, OrderOutcome, StepResult } from './execution/deployment-step.ts';
export { stepDeployment } from './execution/deployment-step.ts';
export type { ReplayOptions, ReplayOrder, DeploymentReplay } from './execution/replay-deployment.ts';
export { replayTargets, replayDeployment } from './execution/replay-deployment.ts';
export { calculatePearsonCorrelation, calculateSpearmanCorrelation, calculateAverageRanks } from './statistics/correlation.ts';
export type { DailyReturns, DailyReturnCorrelation } from './promotion/daily-returns.ts';
export { calculateDailyReturns, calculateDailyReturnCorrelation, millisecondsPerDay, utcDayOf } from './promotion/daily-returns.ts';
export type { DirectionalHitRate, DailyInformationCoefficient, CalibrationMonotonicity } from './promotion/signal-quality.ts';
export {
  calculateForwardReturns,
  calculateDirectionalHitRate,
  calculateDailyInformationCoefficient,
  calculateSignalLift,
  calculateCalibrationMonotonicity,
} from './promotion/signal-quality.ts';
export type { BasketMember, BenchmarkBasket } from './benchmark/benchmark-basket.ts';
export { calculateBenchmarkBasket, defaultBasketWeights } from './benchmark/benchmark-basket.ts';
export type { TopAltCandidate, TopAltOptions, TopAltSelection } from './benchmark/top-alt.ts';
export { selectTopAlt, trailingQuoteVolume } from './benchmark/top-alt.ts';
export type { TradeExitReason } from './backtest/trade-exit-reason.ts';
export { calculateTradeExitReasons } from './backtest/trade-exit-reason.ts';
export type { IndicatorOverlay } from './strategies/indicator-overlays.ts';
export { calculateIndicatorOverlays } from './strategies/indicator-overlays.ts';
export type { MonthlyReturn } from './reports/monthly-returns.ts';
export { calculateMonthlyReturns } from './reports/monthly-returns.ts';
export type { ReturnDistribution } from './reports/return-distribution.ts';
export { calculateReturnDistribution } from './reports/return-distribution.ts';
export type { RunReportAnalytics } from './reports/run-report-analytics.ts';
export { calculateRunReportAnalytics, calculateRollingWindowBars, shortSampleYears } from './reports/run-report-analytics.ts';
export type { Candle } from './reports/thin-candles.ts';
export { thinCandles } from './reports/thin-candles.ts';
export { alignRebased } from './reports/align-rebased.ts';
