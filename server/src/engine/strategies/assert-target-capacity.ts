import type { BarFrame } from '../bars/bar-frame.ts';
import { EngineInputError } from '../errors/engine-input-error.ts';

/**
 * Guard for `StrategyTemplate.computeTargets`: the output array must hold one target per bar.
 *
 * @throws EngineInputError('targets') when `targets.length < frame.length`.
 */
export function assertTargetCapacity(frame: BarFrame, targets: Float64Array): void {
  if (targets.length < frame.length) {
    throw new EngineInputError('targets', `targets has ${targets.length} slots, the frame has ${frame.length} bars`);
  }
}
