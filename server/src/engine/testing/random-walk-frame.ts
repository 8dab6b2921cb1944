import type { BarFrame } from '../bars/bar-frame.ts';
import { makeMulberry32 } from '../random/mulberry32.ts';
import { makeStandardNormalSampler } from '../random/normal-sampler.ts';
import { makeBarTable } from './bar-table.ts';
import type { BarRow } from './bar-table.ts';

/**
 * Shape of a synthetic price path.
 * - `volatility`: per-bar σ of log returns (default 0.01).
 * - `trendStrength`: planted predictable drift as a multiple of σ (default 0 = pure random walk).
 *   The drift is `±trendStrength·σ` and flips sign with probability `trendSwitchProbability` per
 *   bar (default 0.005, i.e. trends of ~200 bars), so trend-following rules can exploit it.
 */
export interface RandomWalkShape {
  volatility?: number;
  trendStrength?: number;
  trendSwitchProbability?: number;
}

/**
 * Test fixture: hourly bars of a seeded geometric random walk, closes rounded to cents, each bar
 * opening at the previous close. Same seed → same bars.
 */
export function makeRandomWalkFrame(seed: number, length: number, shape: RandomWalkShape = {}): BarFrame {
  const volatility = shape.volatility ?? 0.01;
  const trendStrength = shape.trendStrength ?? 0;
  const switchProbability = shape.trendSwitchProbability ?? 0.005;
  const uniform = makeMulberry32(seed);
  const normal = makeStandardNormalSampler(uniform);
  const rows: BarRow[] = [];
  let close = 100;
  let direction = uniform() < 0.5 ? -1 : 1;
  for (let index = 0; index < length; index++) {
    const open = close;
    if (trendStrength !== 0 && uniform() < switchProbability) direction = -direction;
    const logReturn = direction * trendStrength * volatility + volatility * normal();
    close = Math.max(0.01, Math.round(close * Math.exp(logReturn) * 100) / 100);
    rows.push([open, Math.max(open, close), Math.min(open, close), close]);
  }
  return makeBarTable(rows);
}
