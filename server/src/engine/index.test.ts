import { describe, expect, it } from 'vitest';
import * as engine from './index.ts';

describe('engine entry (platform contract)', () => {
  it('exposes the version, timeframes and templates', () => {
    expect(engine.ENGINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(engine.periodsPerYear('5m')).toBe(105_120);
    expect(engine.strategyTemplates.map((template) => template.id)).toContain('sma_crossover');
    expect(engine.getStrategyTemplate('sma_crossover').parameterSpace.constraints[0].description).toBe('fastPeriod < slowPeriod');
  });
  it('runs a backtest end to end through the public API only', () => {
    const closes = [10, 11, 12, 11, 10, 9, 10, 11, 12, 13];
    const length = closes.length;
    const frame = engine.makeBarFrame({
      timestamp: Float64Array.from({ length }, (_, index) => index * 3_600_000),
      open: Float64Array.from(closes, (close, index) => (index === 0 ? close : closes[index - 1])),
      high: Float64Array.from(closes, (close) => close + 1),
      low: Float64Array.from(closes, (close) => close - 1),
      close: Float64Array.from(closes),
      volume: new Float64Array(length).fill(1),
    });
    const template = engine.getStrategyTemplate('sma_crossover');
    const parameters = engine.parseParameters(template, { fastPeriod: 2, slowPeriod: 3 });
    const result = engine.runBacktest(frame, template, parameters, { feeBps: 10, slippageBps: 0, periodsPerYear: engine.periodsPerYear('1h') });
    expect(result.equity).toHaveLength(length);
    expect(result.returns[0]).toBe(result.equity[0] - 1);
    expect(result.trades.length).toBeGreaterThan(0);
    expect(Object.keys(result.metrics).sort()).toEqual(
      [
        'totalReturn', 'cagr', 'annualVolatility', 'sharpe', 'sortino', 'calmar', 'maxDrawdown', 'maxDrawdownDurationBars', 'valueAtRisk',
        'conditionalValueAtRisk', 'tailRatio', 'omega', 'stability', 'downsideRisk', 'winRate', 'profitFactor', 'payoffRatio', 'tradeCount',
        'exposure', 'turnover',
      ].sort(),
    );
    expect(() => engine.makeBarFrame({ ...frame, close: new Float64Array(3) })).toThrow(engine.EngineInputError);
  });
});
