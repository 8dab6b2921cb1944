import { makeMulberry32, makeStandardNormalSampler } from '../../engine/index.ts';
import { ValidationError } from '../errors.ts';

/** Shape of a synthetic series with a planted trend edge (every field optional). */
export interface SyntheticTrendShape {
  /** First bar's open time, ms since epoch (default 2026-06-01T00:00Z). */
  startMs?: number;
  /** Number of bars (default 2,880 = 120 days of hourly bars), 100–100,000. */
  bars?: number;
  /** Bar length, ms (default one hour). */
  barMs?: number;
  /** Per-bar σ of the noise in the simple returns (default 0.0015). */
  volatility?: number;
  /** Planted edge: |drift| per bar of each trend regime, a fraction (default 0.00045; 0 = no edge: pure noise). */
  drift?: number;
  /** Mean length of a trend regime, bars (default 120); lengths are uniform in [½, 1½] × this. */
  meanRegimeBars?: number;
  /** First close (default 100). */
  startPrice?: number;
}

/** The file header of the bundled OHLCV CSVs (what `parseOhlcv` reads). */
const header = 'timestamp,open,high,low,close,volume';

/**
 * SYNTHETIC OHLCV bars with a planted edge, generated from `seed` (issue 12 "real data is honest": the promotion ladder
 * is demonstrated on labelled synthetic data, never by loosening a default). The simple return of each bar is a
 * regime drift plus Gaussian noise: regimes of random length (uniform around `meanRegimeBars`) alternate up and down
 * trends of `±drift` per bar, so a trend-following template (e.g. the SMA crossover) has a real, planted edge that pure
 * noise does not give it. Open = previous close; high/low spread the bar's range by half its noise; volume is positive.
 * Same seed and shape → byte-identical CSV (so the same checksum: importing it again is a no-op).
 * @returns the CSV text (header + one row per bar, ISO-8601 UTC timestamps).
 * @throws ValidationError naming the field when a shape value is out of its bounds.
 */
export function syntheticTrendBarsCsv(seed: number, shape: SyntheticTrendShape = {}): string {
  const startMs = shape.startMs ?? Date.UTC(2026, 5, 1);
  const bars = shape.bars ?? 2_880;
  const barMs = shape.barMs ?? 3_600_000;
  const volatility = shape.volatility ?? 0.0015;
  const drift = shape.drift ?? 0.00045;
  const meanRegimeBars = shape.meanRegimeBars ?? 120;
  let close = shape.startPrice ?? 100;
  if (!Number.isInteger(bars) || bars < 100 || bars > 100_000) throw new ValidationError('bars: an integer 100–100,000', 'bars');
  if (!(volatility > 0 && volatility < 0.1)) throw new ValidationError('volatility: a fraction in (0, 0.1)', 'volatility');
  if (!(drift >= 0 && drift < 0.05)) throw new ValidationError('drift: a fraction in [0, 0.05)', 'drift');
  if (!(meanRegimeBars >= 2 && meanRegimeBars <= 10_000)) throw new ValidationError('meanRegimeBars: 2–10,000 bars', 'meanRegimeBars');
  const uniform = makeMulberry32(seed);
  const normal = makeStandardNormalSampler(uniform);
  const rows = [header];
  let regimeLeft = 0;
  let direction = 1;
  for (let bar = 0; bar < bars; bar++) {
    if (regimeLeft === 0) {
      regimeLeft = Math.max(1, Math.round(meanRegimeBars * (0.5 + uniform())));
      direction = uniform() < 0.5 ? -1 : 1;
    }
    regimeLeft--;
    const open = close;
    const noise = normal() * volatility;
    close = open * (1 + direction * drift + noise);
    const wick = Math.abs(normal()) * volatility * 0.5;
    const high = Math.max(open, close) * (1 + wick);
    const low = Math.min(open, close) * (1 - wick);
    const volume = 500 + 1_000 * uniform();
    rows.push(`${new Date(startMs + bar * barMs).toISOString().replace('.000Z', 'Z')},${open.toFixed(4)},${high.toFixed(4)},${low.toFixed(4)},${close.toFixed(4)},${volume.toFixed(3)}`);
  }
  return `${rows.join('\n')}\n`;
}
