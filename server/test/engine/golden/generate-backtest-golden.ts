/**
 * Writes backtest-golden.json: every template's runBacktest on bundled real bars (data/market) at a few grid points,
 * each metric, the final equity, the trade count and the series' exact sums, as the engine computed them when the file
 * was written. The golden test (backtest-golden.test.ts) requires every later engine to reproduce them (see there for
 * which fields are exact and which are re-associated sums held to a relative tolerance).
 * Regenerate only for an intended change of results, and say so in the commit with the comparison this prints: the
 * largest relative difference of each field between the file's previous values and the new ones.
 *   npx tsx --tsconfig server/tsconfig.json server/test/engine/golden/generate-backtest-golden.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeGridPoints, parseParameters, runBacktest, strategyTemplates } from '../../../src/engine/index.ts';
import { compareGoldenRecords, goldenCases, goldenOptions, goldenRecord } from './backtest-golden-cases.ts';
import { readMarketFrame } from '../../support/market-files.ts';

const path = join(import.meta.dirname, 'backtest-golden.json');
const previous = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[]) : [];
const records: Record<string, unknown>[] = [];
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
writeFileSync(path, JSON.stringify(records, null, 0).replaceAll('},{', '},\n{') + '\n');
console.log(`${records.length} golden backtests written`);
if (previous.length > 0) {
  console.log('largest relative difference from the previous values, per field (0 = identical in every backtest):');
  console.log(JSON.stringify(compareGoldenRecords(previous, JSON.parse(JSON.stringify(records)) as Record<string, unknown>[]), null, 1));
}
