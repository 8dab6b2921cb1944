/**
 * A worker process for kill -9 tests of the LIVE order path: the platform's worker (graphile-worker runner, task list,
 * services) whose Binance US connector is the real ccxt connector with its API base URL pointed at a fake venue on a
 * loopback port (FAKE_VENUE_URL) and its markets from the recorded fixture (no market request). Everything else is
 * `worker/src/main.ts`. Env: DATABASE_URL, FAKE_VENUE_URL.
 */
import { readFileSync } from 'node:fs';
import { ccxtVenueProvider, createLogger, openOrm, parseConfig } from '@crucible/server/infra';
import { startWorkerLanes } from '../../src/worker.ts';

const venueUrl = process.env.FAKE_VENUE_URL;
if (!venueUrl?.startsWith('http://127.0.0.1:')) throw new Error('FAKE_VENUE_URL must be a loopback URL');
const markets = JSON.parse(readFileSync(new URL('../../../server/src/infra/exchange/fixtures/binanceus.markets.json', import.meta.url), 'utf8')) as NonNullable<NonNullable<Parameters<typeof ccxtVenueProvider>[0]>['markets']>;

/** Every `https://api.binance.us` URL of the exchange's API map, pointed at the fake venue. */
function pointAtFakeVenue(urls: unknown): unknown {
  if (typeof urls === 'string') return urls.replace('https://api.binance.us', venueUrl!);
  if (urls && typeof urls === 'object') return Object.fromEntries(Object.entries(urls).map(([key, value]) => [key, pointAtFakeVenue(value)]));
  return urls;
}

const config = parseConfig();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const logger = createLogger('worker', config.logLevel);
const orm = await openOrm(databaseUrl, config.workerConcurrency + config.workerBarConcurrency + 2);
const venues = ccxtVenueProvider({
  markets,
  configureExchange: (exchange) => {
    exchange.urls['api'] = pointAtFakeVenue(exchange.urls['api']) as (typeof exchange.urls)['api'];
  },
});
const runner = await startWorkerLanes({ databaseUrl, orm, settings: { ...config, venues }, logger, concurrency: config.workerConcurrency, barConcurrency: config.workerBarConcurrency, pollInterval: config.workerPollIntervalMs, crontab: '' });
await runner.promise;
await orm.close();
