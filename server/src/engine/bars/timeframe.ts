import { EngineInputError } from '../errors/engine-input-error.ts';

/** Bar length. `1m` = one minute, `5m` = five minutes, `1h` = one hour, `1d` = one UTC day. */
export type Timeframe = '1m' | '5m' | '1h' | '1d';

/** Every supported timeframe, shortest first. */
export const timeframes: readonly Timeframe[] = ['1m', '5m', '1h', '1d'];

const periodsPerYearByTimeframe: Readonly<Record<Timeframe, number>> = {
  '1m': 525_600,
  '5m': 105_120,
  '1h': 8_760,
  '1d': 365,
};

const millisecondsByTimeframe: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/**
 * Number of bars in one year for a 24/7 market (crypto): 365 days × bars per day.
 * `1m` → 525 600, `5m` → 105 120, `1h` → 8 760, `1d` → 365 (DESIGN.md §4; metrics-conventions §1 "P").
 *
 * @throws EngineInputError('timeframe') for an unknown timeframe.
 */
export function periodsPerYear(timeframe: Timeframe): number {
  const value = periodsPerYearByTimeframe[timeframe];
  if (value === undefined) throw new EngineInputError('timeframe', `unknown timeframe '${String(timeframe)}'`);
  return value;
}

/**
 * Length of one bar in milliseconds (`1d` = 86 400 000, UTC days, no DST).
 *
 * @throws EngineInputError('timeframe') for an unknown timeframe.
 */
export function timeframeMilliseconds(timeframe: Timeframe): number {
  const value = millisecondsByTimeframe[timeframe];
  if (value === undefined) throw new EngineInputError('timeframe', `unknown timeframe '${String(timeframe)}'`);
  return value;
}

/**
 * Narrow an unknown value to a {@link Timeframe}.
 *
 * @throws EngineInputError('timeframe') when the value is not one of `1m`, `5m`, `1h`, `1d`.
 */
export function parseTimeframe(raw: unknown): Timeframe {
  if (typeof raw === 'string' && (timeframes as readonly string[]).includes(raw)) return raw as Timeframe;
  throw new EngineInputError('timeframe', `timeframe must be one of ${timeframes.join(', ')}`);
}
