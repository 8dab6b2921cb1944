/**
 * Writes backtest-golden.json: every template's runBacktest on bundled real bars (data/market) at a few grid points,
 * each metric, the final equity, the trade count and the series' exact sums, as the engine computed them when the file
 * was written. The golden test (backtest-golden.test.ts) requires every later engine to reproduce them bit for bit.
 * Regenerate only for an intended change of results, and say so in the commit:
 *   npx tsx --tsconfig server/tsconfig.json server/test/engine/golden/generate-backtest-golden.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeGridPoints, parseParameters, runBacktest, strategyTemplates } from '../../../src/engine/index.ts';
import { goldenCases, goldenOptions, goldenRecord } from './backtest-golden-cases.ts';
import { readMarketFrame } from '../../support/market-files.ts';

const records: unknown[] = [];
for (const { file, rows, periodsPerYear, gridPoints } of goldenCases) {
  const frame = await readMarketFrame(file, rows);
  for (const template of strategyTemplates) {
    for (const point of makeGridPoints(template.parameterSpace, gridPoints)) {
      for (const cashFloor of [false, true]) {
        const options = { ...goldenOptions, periodsPerYear, cashFloor };
        const parameters = parseParameters(template, point.values);
        records.push({ file, rows, template: template.id, parameters, cashFloor, ...goldenRecord(runBacktest(frame, template, parameters, options)) });
      }
    }
  }
}
writeFileSync(join(import.meta.dirname, 'backtest-golden.json'), JSON.stringify(records, null, 0).replaceAll('},{', '},\n{') + '\n');
console.log(`${records.length} golden backtests written`);
