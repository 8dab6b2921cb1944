import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/simulator.ts';
import { calculateVolatilityRegimes } from '../regimes/volatility-regimes.ts';
import { donchianBreakoutStrategy } from '../strategies/donchian-breakout.strategy.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { makeRandomWalkFrame } from '../testing/random-walk-frame.ts';
import { selectCandidatesWalkForward } from '../walk-forward/candidate-walk-forward.ts';
import { makeWalkForwardWindows } from '../walk-forward/walk-forward-windows.ts';
import { cycleWindows, evaluateConfigurations } from './evaluate-configurations.ts';
import { generateConfigurations } from './generate-configurations.ts';

// 1500 bars labelled 4h → the cycle's generic windows (train 900, test 300: two windows).
const frame = makeRandomWalkFrame(11, 1500, { trendStrength: 0.1 });
const backtest = { feeBps: 10, slippageBps: 5, periodsPerYear: 2190 };
const bandIndex = calculateVolatilityRegimes(frame, { periodsPerYear: backtest.periodsPerYear }).bandIndex;
const templates = new Map([
  [smaCrossoverStrategy.id, smaCrossoverStrategy],
  [donchianBreakoutStrategy.id, donchianBreakoutStrategy],
]);
const configurations = generateConfigurations({ templates: [...templates.values()], count: 12, maxTemplateShare: 1, seed: 5 });
const evaluation = evaluateConfigurations(configurations, templates, [{ id: 'd', timeframe: '4h', frame, bandIndex, backtest }]);

describe(evaluateConfigurations.name, () => {
  it('gives the golden cycle statistics (PBO, per-strategy scoring inputs, per-configuration OOS Sharpe)', () => {
    expect(evaluation.rows).toBe(64);
    expect(evaluation.probabilityOfBacktestOverfitting).toBeCloseTo(0.7630924630924631, 12);
    const golden = {
      sma_crossover: {
        sharpe: -2.1732985621985477,
        sortino: -2.8646718194173326,
        calmar: -2.0585694314326983,
        maxDrawdown: -0.3253373957213228,
        valueAtRisk: -0.01776540802419842,
        conditionalValueAtRisk: -0.022562084237472343,
        winRateDispersion: 0.040027472515113544,
        robustnessScore: 1 / 3,
        probabilityOfBacktestOverfitting: 0.6282828282828283,
        deflatedSharpeRatio: 0.04402697097049041,
        walkForwardEfficiency: -1.8033629746255158,
      },
      donchian_breakout: {
        sharpe: 0.30829012735566863,
        sortino: 0.421425626507911,
        calmar: 0.25418107240219967,
        maxDrawdown: -0.15109191441699654,
        valueAtRisk: -0.01765753921621269,
        conditionalValueAtRisk: -0.022452901651221442,
        winRateDispersion: 0.025059847359772118,
        robustnessScore: 1 / 3,
        probabilityOfBacktestOverfitting: 0.7205128205128205,
        deflatedSharpeRatio: 0.31667810897288795,
        walkForwardEfficiency: 0.12281021964957892,
      },
    };
    for (const strategy of evaluation.strategies) {
      const expected = golden[strategy.strategyKey as keyof typeof golden];
      for (const [name, value] of Object.entries(expected)) expect(strategy.inputs[name as keyof typeof expected], name).toBeCloseTo(value, 10);
    }
    const meanSharpe = [1.4399708060480292, -0.2373759817408579, -2.318114745499528, 1.2754667089289438, -1.4652446452494632, -1.46642029320542, 0.3083291108436539, 0.26269461207253403, -1.2525744789988233, 0.3568945992849094, -1.574926275982508, 0.5693059001558228];
    evaluation.configurations.forEach((result, index) => expect(result.meanSharpe).toBeCloseTo(meanSharpe[index]!, 10));
  });

  it("builds each strategy's path with the engine's candidate walk-forward over independent backtests", () => {
    const windows = makeWalkForwardWindows(frame.timestamp, cycleWindows('4h', frame.length));
    const returns = configurations.map((configuration) => runBacktest(frame, templates.get(configuration.templateId)!, configuration.parameters, backtest).returns);
    for (const strategy of evaluation.strategies) {
      const members = configurations.flatMap((configuration, index) => (configuration.templateId === strategy.strategyKey ? [index] : []));
      const selection = selectCandidatesWalkForward(returns, members, windows, backtest.periodsPerYear);
      expect(strategy.inputs.walkForwardEfficiency).toBeCloseTo(selection.walkForwardEfficiency, 12);
    }
  });

  it('leaves statistics that are not defined as NaN (no sentinel), e.g. without a complete window', () => {
    const short = evaluateConfigurations(configurations, templates, [{ id: 'd', timeframe: '1h', frame, bandIndex, backtest }]);
    expect(short.rows).toBe(0);
    expect(short.probabilityOfBacktestOverfitting).toBeNaN();
    expect(short.strategies[0]!.inputs.walkForwardEfficiency).toBeNaN();
    expect(short.configurations[0]!.meanSharpe).toBeNaN();
  });
});
