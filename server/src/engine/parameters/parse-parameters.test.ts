import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../errors/engine-input-error.ts';
import { smaCrossoverStrategy } from '../strategies/sma-crossover.strategy.ts';
import { parseParameters, parseParameterSpaceValues } from './parse-parameters.ts';
import type { ParameterSpace } from './parameter-space.ts';

function captureError(run: () => unknown): EngineInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineInputError) return error;
    throw error;
  }
  throw new Error('expected an EngineInputError');
}

const space: ParameterSpace = {
  parameters: [
    { name: 'lookback', kind: 'integer', min: 2, max: 100, step: 2, default: 10, description: 'bars' },
    { name: 'threshold', kind: 'float', min: 0.5, max: 3, step: 0.25, default: 2, description: 'σ' },
    { name: 'mode', kind: 'categorical', choices: ['fast', 'slow'], default: 'fast', description: 'mode' },
    { name: 'enabled', kind: 'boolean', default: true, description: 'flag' },
  ],
  constraints: [],
};

describe(parseParameters.name, () => {
  it('fills defaults', () => {
    expect(parseParameters(smaCrossoverStrategy, undefined)).toEqual({ fastPeriod: 20, slowPeriod: 50, allowShort: false });
    expect(parseParameters(smaCrossoverStrategy, { fastPeriod: 5 })).toEqual({ fastPeriod: 5, slowPeriod: 50, allowShort: false });
  });

  it('names the parameter and the rule', () => {
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { fastPeriod: 60, slowPeriod: 50 }))).toMatchObject({
      field: 'fastPeriod',
      message: 'constraint violated: fastPeriod < slowPeriod',
    });
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { fastPeriod: 2.5 }))).toMatchObject({ field: 'fastPeriod', message: 'fastPeriod must be an integer' });
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { fastPeriod: 1 })).field).toBe('fastPeriod');
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { slowPeriod: 401 })).field).toBe('slowPeriod');
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { fastPeriod: '20' })).message).toBe('fastPeriod must be a finite number');
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { speed: 1 })).field).toBe('speed');
    expect(captureError(() => parseParameters(smaCrossoverStrategy, [1, 2])).field).toBe('parameters');
    expect(captureError(() => parseParameters(smaCrossoverStrategy, { allowShort: 'yes' })).field).toBe('allowShort');
  });

  it('checks steps, choices and booleans', () => {
    expect(parseParameterSpaceValues(space, { lookback: 12, threshold: 1.75, mode: 'slow', enabled: false })).toEqual({
      lookback: 12,
      threshold: 1.75,
      mode: 'slow',
      enabled: false,
    });
    expect(captureError(() => parseParameterSpaceValues(space, { lookback: 11 })).message).toBe('lookback must be 2 + k × 2');
    expect(captureError(() => parseParameterSpaceValues(space, { threshold: 1.3 })).field).toBe('threshold');
    expect(captureError(() => parseParameterSpaceValues(space, { threshold: Number.NaN })).field).toBe('threshold');
    expect(captureError(() => parseParameterSpaceValues(space, { mode: 'medium' })).message).toBe('mode must be one of "fast", "slow"');
    expect(parseParameterSpaceValues(space, { threshold: 0.5 + 0.25 * 3 }).threshold).toBe(1.25);
  });
});
