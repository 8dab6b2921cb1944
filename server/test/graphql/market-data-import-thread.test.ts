import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maxUploadBytes, offThreadParseBytes } from '../../src/services/market-data/parse-ohlcv-off-thread.ts';
import { makeDailyCsv } from '../support/market-files.ts';
import { useApiHarness } from '../support/test-server.ts';

const importDir = await mkdtemp(join(tmpdir(), 'crucible-import-thread-'));
const api = useApiHarness({ importDir });

const importMutation = `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { created marketDataSet { symbolUniverse rowCount } } }`;
type Imported = { importMarketData: { created: boolean; marketDataSet: { symbolUniverse: string[]; rowCount: number } } };

const datasetCount = async (fileName: string) =>
  Number((await api.orm.em.fork().execute<{ count: string }[]>(`select count(*) from market_data_set where file_name = ?`, [fileName]))[0]!.count);

describe('importMarketData goes through the parse thread and its bounds, like the streaming upload', () => {
  it('parses CSV text sent as content in the parse thread, whatever its size, and keeps row-and-rule refusals', async () => {
    const { name, content } = makeDailyCsv('DOT-USDT', 12);
    expect(Buffer.byteLength(content)).toBeLessThan(offThreadParseBytes);
    // The use-case the mutation calls: even a small file is parsed off the server's thread (thread id 0 = main thread).
    const imported = await api.services().marketData.importUpload(name, content);
    expect(imported).toMatchObject({ created: true, marketDataSet: { rowCount: 12 } });
    expect(imported.parseThreadId).toBeGreaterThan(0);

    const lines = makeDailyCsv('AVAX-USDT', 12).content.split('\n');
    lines[4] = lines[4]!.replace(/,[^,]+$/, ',-3');
    const refused = await api.request(importMutation, { input: { fileName: 'AVAX-USDT_1d.csv', content: lines.join('\n') } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', file: 'AVAX-USDT_1d.csv', row: 5, rule: 'negative-volume' });
    expect(await datasetCount('AVAX-USDT_1d.csv')).toBe(0);

    const { name: solName, content: solContent } = makeDailyCsv('XRP-USDT', 9);
    const through = await api.request<Imported>(importMutation, { input: { fileName: solName, content: solContent } });
    expect(through.errors).toBeUndefined();
    expect(through.data!.importMarketData).toEqual({ created: true, marketDataSet: { symbolUniverse: ['XRP-USDT'], rowCount: 9 } });
  });

  it('streams a .gz of the import directory into the parse thread, decompressing on the way', async () => {
    const { name, content } = makeDailyCsv('ATOM-USDT', 15);
    await writeFile(join(importDir, `${name}.gz`), gzipSync(content));
    const imported = await api.request<Imported>(importMutation, { input: { fileName: `${name}.gz` } });
    expect(imported.errors).toBeUndefined();
    expect(imported.data!.importMarketData).toEqual({ created: true, marketDataSet: { symbolUniverse: ['ATOM-USDT'], rowCount: 15 } });

    await writeFile(join(importDir, 'BROKEN-USDT_1d.csv.gz'), Buffer.concat([gzipSync(content).subarray(0, 40), Buffer.from('not gzip at all')]));
    const broken = await api.request(importMutation, { input: { fileName: 'BROKEN-USDT_1d.csv.gz' } });
    expect(broken.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileName' });
  });

  it('refuses a .gz that decompresses past the upload limit with PAYLOAD_TOO_LARGE naming the limit, storing nothing', async () => {
    // ~40 MB of CSV in well under 1 MB of gzip: decompressed whole on the server's thread before, bounded in the stream now.
    const header = Buffer.from('timestamp,open,high,low,close,volume\n');
    const block = Buffer.from('2020-01-01T00:00:00Z,1,1,1,1,1\n'.repeat(32 * 1024));
    const bomb = gzipSync(Buffer.concat([header, ...Array.from({ length: Math.ceil((40 * 1024 * 1024) / block.length) }, () => block)]), { level: 9 });
    expect(bomb.length).toBeLessThan(maxUploadBytes / 32);
    await writeFile(join(importDir, 'BOMB-USDT_1h.csv.gz'), bomb);
    const refused = await api.request(importMutation, { input: { fileName: 'BOMB-USDT_1h.csv.gz' } });
    expect(refused.errors![0]!.extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', maxBytes: maxUploadBytes });
    expect(refused.errors![0]!.message).toContain('32 MB');
    expect(await datasetCount('BOMB-USDT_1h.csv.gz')).toBe(0);
  });
});
