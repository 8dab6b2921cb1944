import type { BarFrame } from '../bars/bar-frame.ts';
import type { IndicatorCache } from '../indicators/indicator-cache.ts';
import type { ParameterSpace, ParameterValues } from '../parameters/parameter-space.ts';

/**
 * A built-in strategy: metadata, typed parameter space and signal generation.
 *
 * Signal contract (DESIGN.md §4): `computeTargets` writes, for every bar `t`, the target position
 * decided at the CLOSE of bar `t` from rows `0..t` only, as a signed fraction of equity
 * (`1` = fully long, `0` = flat, `-1` = fully short, `0.5` = half long). The simulator fills it at
 * the OPEN of bar `t + 1`. Targets are `0` during warm-up, never NaN. Writing `targets[t]` must
 * not read any row after `t` (checked for every template by the look-ahead property test).
 */
export interface StrategyTemplate {
  /** snake_case identifier, stable across engine versions, e.g. `'sma_crossover'`. */
  readonly id: string;
  /** Human name, e.g. `'SMA crossover'`. */
  readonly name: string;
  /** Trading logic in prose and its source (paper or book). */
  readonly description: string;
  /** Typed parameters with bounds, steps and constraints. */
  readonly parameterSpace: ParameterSpace;
  /** Whether some parameter values let the template go short (negative targets). */
  readonly allowsShort: boolean;
  /** Number of leading bars whose target is always 0 because indicators are not yet defined. */
  warmupBars(parameters: ParameterValues): number;
  /**
   * Write the target position for each bar into `targets[0 .. frame.length)`.
   * `parameters` must come from `parseParameters` (not re-validated here). `indicators`, when given, is a cache of
   * `frame`'s indicator series shared across configurations (sweeps); the targets are identical with or without it.
   *
   * @throws EngineInputError('targets') when `targets` is shorter than the frame, ('indicators') for a cache of
   *   another frame.
   */
  computeTargets(frame: BarFrame, parameters: ParameterValues, targets: Float64Array, indicators?: IndicatorCache): void;
}
