import type { ParameterDefinition } from '../parameters/parameter-space.ts';

/**
 * The shared `allowShort` boolean parameter: when true the template may target −1 (short)
 * where it would otherwise be flat.
 */
export function makeAllowShortParameter(defaultValue: boolean, description = 'Go short on the opposite signal instead of staying flat'): ParameterDefinition {
  return { name: 'allowShort', kind: 'boolean', default: defaultValue, description };
}

/**
 * Relative band under which two floating indicator values computed by recursion (EMA, MACD) are
 * treated as equal (a tie → flat), so accumulated rounding never decides a position: `|a − b| ≤
 * 1e−12 · (|a| + |b|)`.
 */
export const recursiveIndicatorTieTolerance = 1e-12;
