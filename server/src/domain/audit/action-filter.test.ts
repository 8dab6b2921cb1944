import { describe, expect, it } from 'vitest';
import { actionPatterns } from './action-filter.ts';

describe('actionPatterns', () => {
  it('matches an action exactly or as a dotted prefix without a trailing dot', () => {
    expect(actionPatterns('auth')).toEqual(['auth', 'auth.%']);
    expect(actionPatterns('strategy_version')).toEqual(['strategy\\_version', 'strategy\\_version.%']);
    expect(actionPatterns('backtest.queued')).toEqual(['backtest.queued', 'backtest.queued.%']);
  });

  it('keeps a trailing dot as a prefix and * as a wildcard', () => {
    expect(actionPatterns('auth.')).toEqual(['auth.%']);
    expect(actionPatterns('backtest.*')).toEqual(['backtest.%']);
    expect(actionPatterns('*_approved')).toEqual(['%\\_approved']);
  });

  it('trims, lower-cases and escapes the LIKE wildcards the user typed', () => {
    expect(actionPatterns('  Auth.Sign_In ')).toEqual(['auth.sign\\_in', 'auth.sign\\_in.%']);
    expect(actionPatterns('50%')).toEqual(['50\\%', '50\\%.%']);
  });
});
