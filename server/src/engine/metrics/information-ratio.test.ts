import { describe, expect, it } from 'vitest';
import { calculateInformationRatio } from './information-ratio.ts';

describe(calculateInformationRatio.name, () => {
  it('divides the mean active return by the tracking error (ddof 1), not annualized, NaN pairs dropped (golden)', () => {
    // Active returns 0.005, −0.01, 0.02, 0.005, −0.002 (the NaN period dropped): mean 0.0036,
    // Σ(a − ā)² = 4.892e−4, std = √(4.892e−4 / 4) = 0.0110589…, IR = 0.3255286…
    const result = calculateInformationRatio(Float64Array.of(0.01, -0.02, 0.03, 0.005, Number.NaN, 0), Float64Array.of(0.005, -0.01, 0.01, 0, 0.01, 0.002));
    expect(result.observations).toBe(5);
    expect(result.meanActiveReturn).toBeCloseTo(0.0036, 15);
    expect(result.trackingError).toBeCloseTo(0.011058933040759401, 15);
    expect(result.informationRatio).toBeCloseTo(0.3255286913060821, 13);
  });

  it('is ±∞ with zero tracking error, NaN for 0/0 and below two observations', () => {
    expect(calculateInformationRatio(Float64Array.of(0.5, 0.75), Float64Array.of(0.25, 0.5)).informationRatio).toBe(Number.POSITIVE_INFINITY);
    expect(calculateInformationRatio(Float64Array.of(0.01, 0.02), Float64Array.of(0.01, 0.02)).informationRatio).toBeNaN();
    expect(calculateInformationRatio(Float64Array.of(0.01), Float64Array.of(0)).informationRatio).toBeNaN();
  });

  it('refuses series of different lengths, naming the benchmark', () => {
    expect(() => calculateInformationRatio(Float64Array.of(0.01, 0.02), Float64Array.of(0.01))).toThrow(/benchmarkReturns|benchmark/);
  });
});
