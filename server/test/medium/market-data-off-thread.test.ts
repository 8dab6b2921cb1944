import { describe, expect, it } from 'vitest';
import { MarketDataRejectedError } from '../../src/domain/errors.ts';
import { offThreadParseBytes } from '../../src/services/market-data/parse-ohlcv-off-thread.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('market-data import off the request thread', () => {
  it('parses, validates and checksums a large file in a worker thread; small files inline', async () => {
    const large = await readMarketFile('ETH-USDT_1h.csv');
    expect(large.byteLength).toBeGreaterThanOrEqual(offThreadParseBytes);
    const imported = await harness.services().marketData.importBytes('ETH-USDT_1h.csv', large);
    expect(imported.created).toBe(true);
    expect(imported.parseThreadId).toBeGreaterThan(0);
    expect(imported.marketDataSet.rowCount).toBe(large.toString('utf8').trim().split('\n').length - 1);
    const small = await harness.services().marketData.importBytes('BTC-USDT_1d.csv', await readMarketFile('BTC-USDT_1d.csv'));
    expect(small.parseThreadId).toBe(0);
    // the same checksum either way: importing the large file again finds it
    expect((await harness.services().marketData.importBytes('ETH-USDT_1h.csv', large)).created).toBe(false);
  });

  it('refuses a malformed large file with its row and rule from the thread, storing nothing', async () => {
    const lines = (await readMarketFile('SOL-USDT_1h.csv')).toString('utf8').split('\n');
    lines[5000] = lines[5000]!.replace(/,[^,]+$/, ',-3');
    const refused = harness.services().marketData.importBytes('SOL-USDT_1h.csv', Buffer.from(lines.join('\n')));
    await expect(refused).rejects.toBeInstanceOf(MarketDataRejectedError);
    await expect(refused).rejects.toMatchObject({ row: 5001, rule: 'negative-volume', file: 'SOL-USDT_1h.csv' });
    const [{ count }] = await harness.orm.em.fork().execute<{ count: string }[]>(`select count(*) from market_data_set where file_name = 'SOL-USDT_1h.csv'`);
    expect(Number(count)).toBe(0);
  });
});
