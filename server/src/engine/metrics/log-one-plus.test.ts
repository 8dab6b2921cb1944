import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculateLogOnePlusNearZero, isNearZeroForLogOnePlus } from './log-one-plus.ts';

describe(calculateLogOnePlusNearZero.name, () => {
  it('is the same double as Math.log1p wherever it applies', () => {
    const nearZero = fc.oneof(
      fc.double({ min: -0.29, max: 0.41, noNaN: true }),
      fc.double({ min: 1.862645149230957e-9, max: 1e-3 }),
      fc.double({ min: -1e-3, max: -1.862645149230957e-9 }),
    );
    fc.assert(
      fc.property(nearZero, (x) => {
        if (!isNearZeroForLogOnePlus(x)) return;
        expect(Object.is(calculateLogOnePlusNearZero(x), Math.log1p(x)), String(x)).toBe(true);
      }),
      { numRuns: 20_000, seed: 3 },
    );
  });
  it('applies to returns near 0 only', () => {
    for (const x of [0.01, -0.05, 0.4, -0.28, 2e-9]) expect(isNearZeroForLogOnePlus(x)).toBe(true);
    for (const x of [0, -0, 1e-10, 0.5, -0.3, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(isNearZeroForLogOnePlus(x)).toBe(false);
  });
});
