import { makeBarFrame } from './bar-frame.ts';
import type { BarFrame } from './bar-frame.ts';

/**
 * Put several instruments on a common clock: keep only the timestamps present in EVERY frame
 * (intersection; nothing is filled or forward-filled) and return one new frame per input, in the
 * input order, all with identical `timestamp` columns. Inputs must have strictly increasing
 * timestamps (guaranteed by `makeBarFrame`). O(total rows).
 */
export function alignBarFrames(frames: readonly BarFrame[]): BarFrame[] {
  if (frames.length === 0) return [];
  const cursors = new Int32Array(frames.length);
  const shortest = Math.min(...frames.map((frame) => frame.length));
  const rows = frames.map(() => new Int32Array(shortest));
  let matched = 0;
  outer: while (true) {
    let candidate = Number.NEGATIVE_INFINITY;
    for (let member = 0; member < frames.length; member++) {
      if (cursors[member] >= frames[member].length) break outer;
      const time = frames[member].timestamp[cursors[member]];
      if (time > candidate) candidate = time;
    }
    let allEqual = true;
    for (let member = 0; member < frames.length; member++) {
      const frame = frames[member];
      while (cursors[member] < frame.length && frame.timestamp[cursors[member]] < candidate) cursors[member]++;
      if (cursors[member] >= frame.length) break outer;
      if (frame.timestamp[cursors[member]] !== candidate) allEqual = false;
    }
    if (!allEqual) continue;
    for (let member = 0; member < frames.length; member++) rows[member][matched] = cursors[member]++;
    matched++;
  }
  return frames.map((frame, member) => {
    const selected = rows[member].subarray(0, matched);
    const pick = (column: Float64Array): Float64Array => {
      const output = new Float64Array(matched);
      for (let index = 0; index < matched; index++) output[index] = column[selected[index]];
      return output;
    };
    return makeBarFrame({
      timestamp: pick(frame.timestamp),
      open: pick(frame.open),
      high: pick(frame.high),
      low: pick(frame.low),
      close: pick(frame.close),
      volume: pick(frame.volume),
    });
  });
}
