import { sliceBarFrame } from '../bars/bar-frame.ts';
import type { BarFrame } from '../bars/bar-frame.ts';
import type { ParameterValues } from '../parameters/parameter-space.ts';
import type { StrategyTemplate } from './strategy-template.ts';

/**
 * Look-ahead check of a template on one frame: computes targets on the full frame and on the
 * prefix `[0, cut)`, and returns the first bar index `< cut` whose targets differ (compared with
 * `Object.is`), or `−1` when the prefix targets are identical — i.e. no decision up to bar t used
 * a bar after t.
 */
export function calculateLookAheadViolation(template: StrategyTemplate, frame: BarFrame, parameters: ParameterValues, cut: number): number {
  const fullTargets = new Float64Array(frame.length);
  template.computeTargets(frame, parameters, fullTargets);
  const prefixTargets = new Float64Array(cut);
  template.computeTargets(sliceBarFrame(frame, 0, cut), parameters, prefixTargets);
  for (let index = 0; index < cut; index++) if (!Object.is(prefixTargets[index], fullTargets[index])) return index;
  return -1;
}
