/** Packs a Float64Array as little-endian bytes for a `bytea` column. */
export function packFloat64(values: Float64Array): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i]!, i * 8);
  return bytes;
}

/** Unpacks little-endian float64 bytes written by `packFloat64`. */
export function unpackFloat64(bytes: Uint8Array): Float64Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, true);
  return values;
}

/** One point of an equity curve: time (ms since epoch), equity (starting capital 1.0) and drawdown (≤ 0 fraction). */
export interface EquityPoint {
  timestamp: number;
  equity: number;
  drawdown: number;
}

/**
 * Equity and drawdown points, downsampled to at most `maxPoints` (≥ 4): the first and last points, and in each
 * bucket both the highest-equity and the deepest-drawdown point in time order, so peaks and the maximum
 * drawdown survive downsampling.
 */
export function makeEquityPoints(timestamps: Float64Array, equity: Float64Array, maxPoints: number): EquityPoint[] {
  const count = equity.length;
  if (count === 0) return [];
  const drawdown = new Float64Array(count);
  let peak = 1;
  for (let i = 0; i < count; i++) {
    peak = Math.max(peak, equity[i]!);
    drawdown[i] = equity[i]! / peak - 1;
  }
  const point = (i: number): EquityPoint => ({ timestamp: timestamps[i]!, equity: equity[i]!, drawdown: drawdown[i]! });
  if (count <= maxPoints) return Array.from({ length: count }, (_, i) => point(i));
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const size = (count - 2) / buckets;
  const picked: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor(b * size);
    const to = Math.min(count - 1, 1 + Math.floor((b + 1) * size));
    if (from >= to) continue;
    let highest = from;
    let deepest = from;
    for (let i = from; i < to; i++) {
      if (equity[i]! > equity[highest]!) highest = i;
      if (drawdown[i]! < drawdown[deepest]!) deepest = i;
    }
    picked.push(Math.min(highest, deepest));
    if (highest !== deepest) picked.push(Math.max(highest, deepest));
  }
  picked.push(count - 1);
  return picked.map(point);
}
