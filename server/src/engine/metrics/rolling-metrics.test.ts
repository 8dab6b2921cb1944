import { describe, expect, it } from 'vitest';
import { calculateRollingMaxDrawdown, calculateRollingSharpeRatio, calculateRollingVolatility } from './rolling-metrics.ts';

describe('rolling metrics', () => {
  const returns = Float64Array.from([0.1, -0.1, 0.2, -0.5, 0.1]);
  it('compute the metric over each trailing window', () => {
    const drawdown = calculateRollingMaxDrawdown(returns, 2);
    expect(drawdown[0]).toBeNaN();
    expect(drawdown[1]).toBeCloseTo(-0.1, 15); // 1.1 → 0.99
    expect(drawdown[2]).toBeCloseTo(-0.1, 15); // starts at 1, first period −10 %
    expect(drawdown[3]).toBeCloseTo(-0.5, 15);
    const volatility = calculateRollingVolatility(returns, 2, 1);
    expect(volatility[1]).toBeCloseTo(Math.sqrt(0.02), 14); // std of 0.1, −0.1
    const sharpe = calculateRollingSharpeRatio(returns, 3, 1);
    expect(sharpe[1]).toBeNaN();
    expect(sharpe[2]).toBeCloseTo(0.2 / 3 / Math.sqrt(((0.1 - 0.2 / 3) ** 2 + (-0.1 - 0.2 / 3) ** 2 + (0.2 - 0.2 / 3) ** 2) / 2), 12);
  });
});
