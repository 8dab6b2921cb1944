import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { makeBarTable, makeCloseOnlyFrame } from '../testing/bar-table.ts';
import type { BarRow } from '../testing/bar-table.ts';
import { getStrategyTemplate, strategyTemplates } from './strategy-registry.ts';

function targetsOf(templateId: string, rows: readonly BarRow[] | readonly number[], raw: unknown): number[] {
  const template = getStrategyTemplate(templateId);
  const frame = typeof rows[0] === 'number' ? makeCloseOnlyFrame(rows as number[]) : makeBarTable(rows as BarRow[]);
  const targets = new Float64Array(frame.length);
  template.computeTargets(frame, parseParameters(template, raw), targets);
  return Array.from(targets, (value) => (Object.is(value, -0) ? 0 : value));
}

describe('strategy registry', () => {
  it('lists eight templates with snake_case ids, descriptions and valid defaults', () => {
    expect(strategyTemplates.map((template) => template.id)).toEqual([
      'sma_crossover',
      'ema_crossover',
      'macd',
      'rsi_mean_reversion',
      'bollinger_mean_reversion',
      'donchian_breakout',
      'time_series_momentum',
      'volatility_targeted_trend',
    ]);
    for (const template of strategyTemplates) {
      expect(template.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(template.description.length).toBeGreaterThan(40);
      expect(() => parseParameters(template, {})).not.toThrow();
    }
  });
  it('throws EngineInputError(template) for an unknown id', () => {
    expect(() => getStrategyTemplate('nope')).toThrow(EngineInputError);
    try {
      getStrategyTemplate('nope');
    } catch (error) {
      expect((error as EngineInputError).field).toBe('template');
    }
  });
});

describe('ema_crossover', () => {
  it('goes long when EMA2 crosses above EMA3', () => {
    // EMA2 α = 2/3, EMA3 α = 1/2; both seeded by SMA. Bar 2: EMA2 = 10, EMA3 = 10 → tie → flat.
    // Bar 3 (close 13): EMA2 = 10 + 2/3·3 = 12 > EMA3 = 10 + 1/2·3 = 11.5 → long.
    // Bar 4 (close 7): EMA2 = 12 − 2/3·5 = 8.67 < EMA3 = 11.5 − 1/2·4.5 = 9.25 → flat / short.
    expect(targetsOf('ema_crossover', [10, 10, 10, 13, 7], { fastPeriod: 2, slowPeriod: 3 })).toEqual([0, 0, 0, 1, 0]);
    expect(targetsOf('ema_crossover', [10, 10, 10, 13, 7], { fastPeriod: 2, slowPeriod: 3, allowShort: true })).toEqual([0, 0, 0, 1, -1]);
  });
});

describe('macd', () => {
  it('is long while MACD is above its signal line', () => {
    // fast 2, slow 3, signal 2. MACD defined from bar 2 (0), signal (SMA of MACD bars 2–3) from bar 3.
    // closes 10,10,10,13,7: EMA2 = 10,10,12,8.67; EMA3 = 10,11.5,9.25 → MACD bar2 0, bar3 0.5, bar4 −0.583
    // signal bar3 = (0 + 0.5)/2 = 0.25 → MACD 0.5 > 0.25 → long; bar4 signal = 0.25 + 2/3·(−0.833) = −0.306 → MACD below → flat
    expect(targetsOf('macd', [10, 10, 10, 13, 7], { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2 })).toEqual([0, 0, 0, 1, 0]);
    expect(targetsOf('macd', [10, 10, 10, 13, 7], { fastPeriod: 2, slowPeriod: 3, signalPeriod: 2, allowShort: true })).toEqual([0, 0, 0, 1, -1]);
  });
});

describe('rsi_mean_reversion', () => {
  it('buys below oversold and exits above the exit level', () => {
    const closes = [
      100, // 0
      99, //  1 RSI(2) undefined
      98, //  2 avg gain 0, avg loss 1 → RSI 0 < 30 → long
      97, //  3 RSI 0 → hold
      99, //  4 gain 2: avgGain 1, avgLoss 0.5 → RSI 66.7 > 50 → exit
      100, // 5 RSI > 50, flat
    ];
    expect(targetsOf('rsi_mean_reversion', closes, { period: 2, oversold: 30, exitLevel: 50, overbought: 70 })).toEqual([0, 0, 1, 1, 0, 0]);
  });
  it('shorts above overbought when allowed', () => {
    // RSI(2): bar 2 = 100 (> 70) → short; bar 4 loss 3: avgGain 0.5, avgLoss 1.5 → RSI 25 < 50 → cover,
    // and 25 < 30 → long in the same bar
    expect(targetsOf('rsi_mean_reversion', [100, 101, 102, 103, 100], { period: 2, allowShort: true })).toEqual([0, 0, -1, -1, 1]);
  });
});

describe('bollinger_mean_reversion', () => {
  it('buys below the lower band and exits at the middle band', () => {
    // period 3, 1σ (population). Bar 2 closes 10,10,10 → σ 0, no signal.
    // Bar 3 closes 10,10,7: mean 9, σ = √2 = 1.414 → lower 7.586 → 7 < lower → long.
    // Bar 4 closes 10,7,9: mean 8.67 → close 9 ≥ middle → exit.
    expect(targetsOf('bollinger_mean_reversion', [10, 10, 10, 7, 9], { period: 3, bandWidth: 1 })).toEqual([0, 0, 0, 1, 0]);
  });
  it('exits exactly at the middle band (decimal tie)', () => {
    // Bar 3 closes 0.3,0.3,0.1: mean 0.2333, σ 0.0943 → lower 0.139 → 0.1 < lower → long.
    // Bar 4 closes 0.3,0.1,0.2: mean 0.2 exactly = close 0.2 → exit (close ≥ middle) although 0.3+0.1+0.2 ≠ 0.6 in binary.
    expect(targetsOf('bollinger_mean_reversion', [0.3, 0.3, 0.3, 0.1, 0.2], { period: 3, bandWidth: 1 })).toEqual([0, 0, 0, 1, 0]);
  });
});

describe('donchian_breakout', () => {
  it('buys a close above the previous highs and exits below the previous lows', () => {
    const rows: BarRow[] = [
      [10, 11, 9, 10], //  0
      [10, 11, 9, 10], //  1
      [10, 12, 10, 11.5], // 2 close 11.5 > max high of bars 0–1 (11) → long
      [11.5, 12, 11, 11.2], // 3 hold (exit low of bar 2 = 10)
      [11.2, 11.3, 9.5, 10.5], // 4 close 10.5 < min low of bar 3 (11) → exit; not below the entry low (10)
      [9.8, 9.9, 8, 8.5], // 5 close 8.5 < min low of bars 3–4 (9.5) → short when allowed
    ];
    expect(targetsOf('donchian_breakout', rows, { entryPeriod: 2, exitPeriod: 1 })).toEqual([0, 0, 1, 1, 0, 0]);
    expect(targetsOf('donchian_breakout', rows, { entryPeriod: 2, exitPeriod: 1, allowShort: true })).toEqual([0, 0, 1, 1, 0, -1]);
  });
});

describe('time_series_momentum', () => {
  it('follows the sign of the trailing return', () => {
    // lookback 2: bar 2 vs bar 0 up → long; bar 3 vs bar 1 equal → flat; bar 4 vs bar 2 down → short
    expect(targetsOf('time_series_momentum', [10, 11, 12, 11, 11.5], { lookbackPeriod: 2 })).toEqual([0, 0, 1, 0, -1]);
    expect(targetsOf('time_series_momentum', [10, 11, 12, 11, 11.5], { lookbackPeriod: 2, allowShort: false })).toEqual([0, 0, 1, 0, 0]);
  });
});

describe('volatility_targeted_trend', () => {
  it('sizes the trend position to the target volatility, capped and rounded', () => {
    // hourly bars alternating ±1 % log moves around an up-trend: per-bar σ of log returns is known
    const closes = [100];
    for (let index = 1; index < 12; index++) closes.push(closes[index - 1] * Math.exp(index % 2 === 0 ? 0.02 : -0.01));
    const targets = targetsOf('volatility_targeted_trend', closes, {
      lookbackPeriod: 2,
      volatilityPeriod: 4,
      targetVolatility: 1,
      maxLeverage: 5,
      positionStep: 0.01,
    });
    // log returns −0.01, 0.02 alternate: sample σ over 4 = √(4·0.015²/3) = 0.01732; × √8760 = 1.621 annualized
    const expectedSize = Math.round(1 / (Math.sqrt((4 * 0.015 * 0.015) / 3) * Math.sqrt(8760)) / 0.01) * 0.01;
    expect(targets.slice(0, 4)).toEqual([0, 0, 0, 0]);
    // trailing 2-bar log return is +0.01 → long every bar from bar 4 on
    for (let index = 4; index < closes.length; index++) expect(targets[index]).toBeCloseTo(expectedSize, 12);
    const capped = targetsOf('volatility_targeted_trend', closes, { lookbackPeriod: 2, volatilityPeriod: 4, targetVolatility: 2, maxLeverage: 1, positionStep: 0.1 });
    expect(capped[6]).toBe(1);
  });
});
