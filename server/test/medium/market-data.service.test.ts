import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MarketDataRejectedError, ValidationError } from '../../src/domain/errors.ts';
import { readMarketFile, makeDailyCsv } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

const importDir = await mkdtemp(join(tmpdir(), 'crucible-import-'));
// Each test its own database: tests count data sets and bars.
const harness = useServiceHarness({ importDir, database: 'test' });

async function countRows(): Promise<{ dataSets: number; bars: number }> {
  const [row] = await harness.orm.em.fork().execute<{ data_sets: string; bars: string }[]>(
    'select (select count(*) from market_data_set) as data_sets, (select count(*) from market_bar) as bars',
  );
  return { dataSets: Number(row!.data_sets), bars: Number(row!.bars) };
}

describe('MarketDataService', () => {
  it('imports and certifies real BTC-USDT daily data, idempotently by checksum', async () => {
    const bytes = await readMarketFile('BTC-USDT_1d.csv');
    const first = await harness.services().marketData.importBytes('BTC-USDT_1d.csv', bytes);
    expect(first.created).toBe(true);
    const dataSet = first.marketDataSet;
    expect(dataSet.symbolUniverse).toEqual(['BTC-USDT']);
    expect(dataSet.timeframe).toBe('1d');
    expect(dataSet.rowCount).toBe(2562);
    expect(dataSet.gapCount).toBe(0);
    expect(dataSet.certifiedAt).toBeInstanceOf(Date);
    expect(dataSet.startAt.toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(dataSet.endAt.toISOString()).toBe('2026-01-05T00:00:00.000Z');

    const again = await harness.services().marketData.importBytes('renamed-BTC-USDT_1d.csv', bytes, { symbol: 'BTC-USDT', timeframe: '1d' });
    expect(again.created).toBe(false);
    expect(again.marketDataSet.id).toBe(dataSet.id);
    expect(await countRows()).toEqual({ dataSets: 1, bars: 2562 });

    // A known price from SOURCES.md: BTC-USDT closed at 16,522.14 on 2022-11-25.
    const [bar] = await harness.services().marketData.bars(dataSet.id, { from: new Date('2022-11-25T00:00:00Z'), limit: 1 });
    expect(bar).toMatchObject({ close: 16522.14 });
  });

  it('records the gaps of the real hourly ETH file as quality flags', async () => {
    const { marketDataSet } = await harness.services().marketData.importBytes('ETH-USDT_1h.csv', await readMarketFile('ETH-USDT_1h.csv'));
    expect(marketDataSet.rowCount).toBe(65653);
    expect(marketDataSet.gapCount).toBe(20);
    expect(marketDataSet.missingBarCount).toBe(59);
    expect(marketDataSet.qualityFlags.zeroVolumeBars).toEqual([
      '2019-06-07T21:00:00.000Z',
      '2020-12-21T14:00:00.000Z',
      '2021-02-11T03:00:00.000Z',
      '2023-03-24T12:00:00.000Z',
    ]);
  });

  it('refuses a malformed file with row and rule, leaving nothing behind', async () => {
    const before = await countRows();
    const { content } = makeDailyCsv('XRP-USDT', 50);
    const lines = content.split('\n');
    lines[41] = lines[41]!.replace(/^([^,]+),[^,]+/, '$1,-3'); // a negative open on file line 42 (index 41; the header is line 1)
    const broken = lines.join('\n');
    await expect(harness.services().marketData.importContent('XRP-USDT_1d.csv', broken)).rejects.toMatchObject({
      constructor: MarketDataRejectedError,
      row: 42,
      rule: 'non-positive-price',
    });
    expect(await countRows()).toEqual(before);
  });

  it('reads uploads by name only from the import directory', async () => {
    const { name, content } = makeDailyCsv('DOT-USDT', 30);
    await writeFile(join(importDir, name), content);
    const imported = await harness.services().marketData.importFromImportDirectory(name);
    expect(imported.marketDataSet.rowCount).toBe(30);
    for (const escape of ['../etc/passwd', '/etc/passwd', `../${name}`, '']) {
      await expect(harness.services().marketData.importFromImportDirectory(escape)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(harness.services().marketData.importFromImportDirectory('missing_1d.csv')).rejects.toThrow(/no file "missing_1d.csv"/);
  });

  it('pages datasets newest first with Relay cursors and filters by symbol', async () => {
    for (const file of ['BTC-USDT_1d.csv', 'ETH-USDT_1d.csv', 'SOL-USDT_1d.csv']) await harness.services().marketData.importBytes(file, await readMarketFile(file));
    const services = harness.services();
    const firstPage = await services.marketData.list({ first: 2 });
    expect(firstPage.totalCount).toBe(3);
    expect(firstPage.hasNextPage).toBe(true);
    const secondPage = await services.marketData.list({ first: 2, after: firstPage.endCursor });
    expect(secondPage.nodes).toHaveLength(1);
    expect(secondPage.hasNextPage).toBe(false);
    const ids = [...firstPage.nodes, ...secondPage.nodes].map((node) => node.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const eth = await services.marketData.list({}, { symbol: 'eth-usdt' });
    expect(eth.nodes.map((node) => node.symbolUniverse)).toEqual([['ETH-USDT']]);
  });
});
