import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParameters, runBacktest, runBacktestMetrics, getStrategyTemplate } from '../../src/engine/index.ts';
import type { BarFrame } from '../../src/engine/index.ts';
import { encodeNumber, goldenCases, goldenOptions, goldenRecord } from './golden/backtest-golden-cases.ts';
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

describe('backtests on bundled real bars reproduce the golden values bit for bit', () => {
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
        expect([label, JSON.parse(JSON.stringify(goldenRecord(runBacktest(frame, template, parameters, options))))]).toEqual([label, expected]);
        expect([label, JSON.parse(JSON.stringify(goldenRecord(runBacktest(frame, template, parameters, options, buffers))))]).toEqual([label, expected]);
        const fused = runBacktestMetrics(frame, template, parameters, options);
        const fusedMetrics = Object.fromEntries(Object.entries(fused.metrics).map(([name, value]) => [name, encodeNumber(value)]));
        expect([label, fusedMetrics, encodeNumber(fused.finalEquity)]).toEqual([label, expected.metrics, expected.finalEquity]);
      }
    });
  }
});
