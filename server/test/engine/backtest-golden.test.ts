import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParameters, runBacktest, runBacktestMetrics, getStrategyTemplate } from '../../src/engine/index.ts';
import type { BarFrame } from '../../src/engine/index.ts';
import {
  encodeNumber,
  goldenCases,
  goldenOptions,
  goldenRecord,
  reassociatedMetrics,
  reassociatedRelativeTolerance,
  relativeDifference,
} from './golden/backtest-golden-cases.ts';
import { readMarketFrame } from '../support/market-files.ts';

interface GoldenBacktest {
  file: string;
  template: string;
  parameters: Record<string, unknown>;
  cashFloor: boolean;
  metrics: Record<string, number | string>;
  finalEquity: number | string;
}

/** The engine's results when golden/backtest-golden.json was written (see generate-backtest-golden.ts). */
const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'golden/backtest-golden.json'), 'utf8')) as (GoldenBacktest & Record<string, unknown>)[];

/**
 * `actual` with each re-associated sum (see `reassociatedMetrics`) replaced by the expected value when it is within the
 * relative tolerance, so one exact comparison checks everything else bit for bit and shows any metric that moved.
 */
function withinTolerance(actual: Record<string, number | string>, expected: Record<string, number | string>): Record<string, number | string> {
  const result = { ...actual };
  for (const name of reassociatedMetrics) {
    if (relativeDifference(actual[name], expected[name]) <= reassociatedRelativeTolerance) result[name] = expected[name];
  }
  return result;
}

describe('backtests on bundled real bars reproduce the golden values (decisions bit for bit, re-associated sums to 1e−11)', () => {
  for (const { file, rows, periodsPerYear } of goldenCases) {
    const cases = golden.filter((record) => record.file === file);
    it(`${file}: runBacktest (fresh and caller-owned series) and runBacktestMetrics, ${cases.length} backtests`, async () => {
      expect(cases.length).toBeGreaterThan(20);
      const frame: BarFrame = await readMarketFrame(file, rows);
      const buffers = { equity: new Float64Array(frame.length + 5), returns: new Float64Array(frame.length + 5), position: new Float64Array(frame.length + 5) };
      for (const record of cases) {
        const template = getStrategyTemplate(record.template);
        const parameters = parseParameters(template, record.parameters);
        const options = { ...goldenOptions, periodsPerYear, cashFloor: record.cashFloor };
        const { file: _file, rows: _rows, template: _template, parameters: _parameters, cashFloor: _cashFloor, ...expected } = record;
        const label = `${record.template} ${JSON.stringify(record.parameters)} cashFloor=${record.cashFloor}`;
        for (const result of [runBacktest(frame, template, parameters, options), runBacktest(frame, template, parameters, options, buffers)]) {
          const actual = JSON.parse(JSON.stringify(goldenRecord(result))) as typeof expected;
          expect([label, { ...actual, metrics: withinTolerance(actual.metrics, expected.metrics) }]).toEqual([label, expected]);
        }
        const fused = runBacktestMetrics(frame, template, parameters, options);
        const fusedMetrics = Object.fromEntries(Object.entries(fused.metrics).map(([name, value]) => [name, encodeNumber(value)]));
        expect([label, withinTolerance(fusedMetrics, expected.metrics), encodeNumber(fused.finalEquity)]).toEqual([label, expected.metrics, expected.finalEquity]);
      }
    });
  }
});
