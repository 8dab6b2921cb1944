import { describe, expect, it } from 'vitest';
import { syntheticTrendBarsCsv } from './synthetic-trend-bars.ts';

const closes = (csv: string) => csv.trim().split('\n').slice(1).map((row) => Number(row.split(',')[4]));

describe('syntheticTrendBarsCsv', () => {
  it('is a pure function of the seed and shape, with consistent OHLC rows', () => {
    const csv = syntheticTrendBarsCsv(7, { bars: 500 });
    expect(syntheticTrendBarsCsv(7, { bars: 500 })).toBe(csv);
    expect(syntheticTrendBarsCsv(8, { bars: 500 })).not.toBe(csv);
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe('timestamp,open,high,low,close,volume');
    expect(rows[1].startsWith('2026-06-01T00:00:00Z,')).toBe(true);
    for (const row of rows.slice(1)) {
      const [, open, high, low, close, volume] = row.split(',').map(Number);
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
      expect(low).toBeLessThanOrEqual(Math.min(open, close));
      expect(volume).toBeGreaterThan(0);
    }
  });

  it('plants the edge: one-bar returns continue the trend only when drift > 0', () => {
    const persistence = (drift: number) => {
      const series = closes(syntheticTrendBarsCsv(11, { bars: 20_000, drift }));
      // Sign agreement of the trailing 24-bar return with the next bar's return.
      let agree = 0;
      let count = 0;
      for (let index = 24; index < series.length - 1; index++) {
        const trailing = series[index] / series[index - 24] - 1;
        const next = series[index + 1] / series[index] - 1;
        count++;
        if (Math.sign(trailing) === Math.sign(next)) agree++;
      }
      return agree / count;
    };
    expect(persistence(0)).toBeLessThan(0.52);
    expect(persistence(0.00045)).toBeGreaterThan(0.56);
  });

  it('names the field of a shape out of bounds', () => {
    expect(() => syntheticTrendBarsCsv(1, { bars: 10 })).toThrow('bars');
    expect(() => syntheticTrendBarsCsv(1, { drift: -0.1 })).toThrow('drift');
    expect(() => syntheticTrendBarsCsv(1, { volatility: 0 })).toThrow('volatility');
  });
});
