import { readFile } from 'node:fs/promises';
import { apiSignedInAs, type ApiClientFactory } from './api-client.ts';
import { graphql } from './graphql.ts';

/**
 * Makes the daily benchmark basket whole on the e2e stack: the stack bundles BTC-USDT and ETH-USDT 1d, and the
 * basket's third member (its top alt) is the repository's SOL-USDT 1d, uploaded by the research user like any dataset
 * (an upload of the same file again changes nothing). Without it every rule comparing with the basket is
 * NOT_APPLICABLE at 1d; with it they are measured — so a spec that reads them brings it itself, whatever ran before.
 */
export async function importBasketAlt(playwright: ApiClientFactory, baseURL: string | undefined): Promise<void> {
  const research = await apiSignedInAs(playwright, baseURL, 'research', false);
  const sol = await readFile(new URL('../../../data/market/SOL-USDT_1d.csv', import.meta.url), 'utf8');
  await graphql(research, `mutation($input: ImportMarketDataInput!) { importMarketData(input: $input) { marketDataSet { id } } }`, { input: { fileName: 'SOL-USDT_1d.csv', content: sol } });
  await research.dispose();
}
