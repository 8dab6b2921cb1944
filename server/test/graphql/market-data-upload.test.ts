import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMarketFile } from '../support/market-files.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

interface UploadAnswer {
  data?: { importMarketData: { created: boolean; marketDataSet: { id: string; databaseId: string; rowCount: number } } };
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** POSTs `chunks` as a streamed (chunked) body to the upload endpoint, as the research user unless told otherwise. */
async function upload(fileName: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>, as: 'research' | 'compliance' | 'anonymous' = 'research') {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (as !== 'anonymous') headers.authorization = `Bearer ${api.tokens[as]}`;
  const response = await fetch(`${api.server.url}/import/market-data?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers,
    body: Readable.toWeb(Readable.from(chunks)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

/** A file in 64 KB pieces, as a network stream delivers it. */
function* pieces(bytes: Buffer, size = 64 * 1024): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const datasetCount = async (fileName: string) =>
  Number((await api.orm.em.fork().execute<{ count: string }[]>(`select count(*) from market_data_set where file_name = ?`, [fileName]))[0]!.count);

describe('POST /import/market-data: the streaming CSV upload', () => {
  it('imports a file streamed in pieces: parsed in the parse thread, stored with every bar', async () => {
    const file = await readMarketFile('ETH-USDT_1h.csv');
    const { status, body } = await upload('ETH-USDT_1h.csv', pieces(file));
    expect(status).toBe(200);
    const rows = file.toString('utf8').trim().split('\n').length - 1;
    expect(body.data!.importMarketData).toMatchObject({ created: true, marketDataSet: { rowCount: rows } });
    const [{ bars }] = await api.orm.em.fork().execute<{ bars: string }[]>(`select count(*) as bars from market_bar where dataset_id = ?`, [body.data!.importMarketData.marketDataSet.databaseId]);
    expect(Number(bars)).toBe(rows);
    // The same file again is the same dataset (checksum), as through importMarketData.
    expect((await upload('ETH-USDT_1h.csv', pieces(file))).body.data!.importMarketData.created).toBe(false);
  });

  it('refuses a body over 32 MB with a GraphQL-shaped PAYLOAD_TOO_LARGE, storing nothing', async () => {
    const line = Buffer.from('2020-01-01T00:00:00Z,1,1,1,1,1\n');
    async function* endless(): AsyncGenerator<Buffer> {
      yield Buffer.from('timestamp,open,high,low,close,volume\n');
      const block = Buffer.concat(Array.from({ length: 4096 }, () => line));
      for (let sent = 0; sent < 40 * 1024 * 1024; sent += block.length) yield block;
    }
    const { status, body } = await upload('too-large_1h.csv', endless());
    expect(status).toBe(413);
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 32 * 1024 * 1024 });
    expect(await datasetCount('too-large_1h.csv')).toBe(0);
  });

  it('answers refusals like the API: a bad row with its row and rule, no permission, nobody signed in, a bad file name', async () => {
    const lines = (await readMarketFile('SOL-USDT_1h.csv')).toString('utf8').split('\n');
    lines[5000] = lines[5000]!.replace(/,[^,]+$/, ',-3');
    const refused = await upload('SOL-USDT_1h.csv', pieces(Buffer.from(lines.join('\n'))));
    expect(refused.status).toBe(400);
    expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', row: 5001, rule: 'negative-volume', file: 'SOL-USDT_1h.csv' });
    expect(await datasetCount('SOL-USDT_1h.csv')).toBe(0);

    const file = await readMarketFile('BTC-USDT_1d.csv');
    expect(await upload('BTC-USDT_1d.csv', pieces(file), 'compliance')).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
    expect(await upload('BTC-USDT_1d.csv', pieces(file), 'anonymous')).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] } });
    expect(await upload('../etc/passwd', pieces(file))).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'fileName' } }] } });
    expect(await datasetCount('BTC-USDT_1d.csv')).toBe(0);
  });
});
