import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarFrame } from '../bars/bar-frame.ts';
import type { ParameterSpace } from '../parameters/parameter-space.ts';
import { sampleParameterValues } from '../parameters/sample-parameters.ts';
import { parseParameters } from '../parameters/parse-parameters.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { makeBarTable } from '../testing/bar-table.ts';
import type { BarRow } from '../testing/bar-table.ts';
import { calculateLookAheadViolation } from './look-ahead-check.ts';
import { strategyTemplates } from './strategy-registry.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/** Random bars priced in cents, with frequent unchanged closes so indicator ties really occur. */
function makeRandomBars(seed: number, length: number): BarFrame {
  const uniform = makeMulberry32(seed);
  const rows: BarRow[] = [];
  let close = 100;
  for (let index = 0; index < length; index++) {
    const open = close;
    const draw = uniform();
    if (draw > 0.3) close = Math.max(1, Math.round((close * (1 + (uniform() - 0.5) * 0.06)) * 100) / 100);
    const high = Math.round(Math.max(open, close) * (1 + uniform() * 0.01) * 100) / 100;
    const low = Math.round(Math.min(open, close) * (1 - uniform() * 0.01) * 100) / 100;
    rows.push([open, high, low, close]);
  }
  return makeBarTable(rows);
}

/** The template's space with every integer range cut to 40 grid points, so short frames leave warm-up. */
function makeShortWindowSpace(space: ParameterSpace): ParameterSpace {
  return {
    constraints: space.constraints,
    parameters: space.parameters.map((definition) =>
      definition.kind === 'integer' && definition.min !== undefined && definition.max !== undefined
        ? { ...definition, max: Math.min(definition.max, definition.min + 40) }
        : definition,
    ),
  };
}

describe('no look-ahead', () => {
  for (const template of strategyTemplates) {
    it(`${template.id}: targets up to bar t do not depend on later bars`, () => {
      const space = makeShortWindowSpace(template.parameterSpace);
      let nonZeroTargets = 0;
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 60, max: 260 }), fc.double({ min: 0, max: 1, noNaN: true }), (seed, length, cutFraction) => {
          const frame = makeRandomBars(seed, length);
          const parameters = parseParameters(template, sampleParameterValues(space, makeMulberry32(seed ^ 0x5bd1e995)));
          const cut = 1 + Math.floor(cutFraction * (length - 1));
          expect(calculateLookAheadViolation(template, frame, parameters, cut)).toBe(-1);
          const fullTargets = new Float64Array(length);
          template.computeTargets(frame, parameters, fullTargets);
          for (let index = 0; index < length; index++) {
            if (index < template.warmupBars(parameters)) expect(fullTargets[index]).toBe(0);
            if (fullTargets[index] !== 0) nonZeroTargets++;
            expect(Number.isFinite(fullTargets[index])).toBe(true);
          }
        }),
        { numRuns: 60, seed: 20_240_101 },
      );
      // the property must have exercised real positions, not only warm-up zeros
      expect(nonZeroTargets).toBeGreaterThan(100);
    });
  }
});

describe(calculateLookAheadViolation.name, () => {
  it('detects a template that peeks at the next close', () => {
    const leaky: StrategyTemplate = {
      id: 'leaky',
      name: 'Leaky',
      description: 'long when the NEXT close is higher (look-ahead on purpose)',
      parameterSpace: { parameters: [], constraints: [] },
      allowsShort: false,
      warmupBars: () => 0,
      computeTargets(frame, _parameters, targets) {
        for (let index = 0; index < frame.length; index++) targets[index] = index + 1 < frame.length && frame.close[index + 1] > frame.close[index] ? 1 : 0;
      },
    };
    const frame = makeBarTable([
      [1, 1, 1, 1],
      [1, 2, 1, 2],
      [2, 3, 2, 3], // at the cut (3 bars) the prefix cannot see bar 3 rising
      [3, 4, 3, 4],
    ]);
    expect(calculateLookAheadViolation(leaky, frame, {}, 3)).toBe(2);
  });
});
