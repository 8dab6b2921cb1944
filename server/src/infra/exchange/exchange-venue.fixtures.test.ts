import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { createHmac, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CcxtExchange } from './ccxt-exchange.ts';
import type { ExchangeCredentials } from './exchange-credentials.ts';
import { createExchangeVenue, type CcxtExchangeVenue } from './exchange-venue.ts';
import type { RecordedMarkets } from './recorded-markets.ts';
import { replayRecordedExchange, type RecordedExchangeReplay, type RecordedHttpExchange } from './testing/recorded-exchange.ts';

/**
 * The connector fixtures (ccxt static-test style, see fixtures/*.exchange.json for sources): for every case, the
 * exact requests ccxt sends through our connector (method, URL, body, and the signature: Binance's HMAC recomputed
 * here, Coinbase's ES256 JWT claims and signature verified), and our snapshot of the venue's recorded answer.
 * Nothing reaches the network: ccxt's `fetch` is replaced on the instance and markets come from a recording.
 */

interface FixtureCase {
  description: string;
  credentials?: Partial<ExchangeCredentials> | null;
  call: { method: 'submitOrder' | 'cancelOrder' | 'fetchOrder' | 'fetchOpenOrders' | 'fetchBalance' | 'fetchOHLCV'; args: unknown[] };
  exchange: RecordedHttpExchange[];
  /** ccxt's own unified status for the venue's order in this case's last answer: the trap our table avoids. */
  ccxtUnifiedStatus?: string;
  expected:
    | { result: unknown; reasonIncludes?: string[] }
    | { error: { name: string; fields?: Record<string, unknown>; messageIncludes?: string } };
}

interface FixtureFile {
  venue: ExchangeVenue;
  clock: string;
  credentials: ExchangeCredentials;
  cases: FixtureCase[];
}

const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;

/** Coinbase CDP keys are EC P-256 private keys: one is made per run (no private key is committed). */
const coinbaseKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const coinbasePem = coinbaseKey.privateKey.export({ type: 'sec1', format: 'pem' }) as string;

function credentialsFor(file: FixtureFile, testCase: FixtureCase): ExchangeCredentials | null {
  if (testCase.credentials === null) return null;
  const base = { ...file.credentials, ...(file.venue === 'coinbase' ? { secret: coinbasePem } : {}) };
  return { ...base, ...(testCase.credentials ?? {}) } as ExchangeCredentials;
}

/** Numbers compared to 12 significant digits (venue decimals divided in floating point); everything else exactly. */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(12)) : value;
  if (Array.isArray(value)) return value.map(rounded);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, rounded(entry)]));
  return value;
}

/** ISO strings of a reference's `submittedAt` become Dates, as the runner passes them. */
function revive(args: unknown[]): unknown[] {
  return args.map((arg) => {
    if (arg === null || typeof arg !== 'object' || !('submittedAt' in arg)) return arg;
    return { ...arg, submittedAt: new Date((arg as { submittedAt: string }).submittedAt) };
  });
}

function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signed: string; signature: Buffer } {
  const [header, claims, signature] = token.split('.');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  return { header: json(header!), claims: json(claims!), signed: `${header}.${claims}`, signature: Buffer.from(signature!, 'base64url') };
}

/** Checks the signature of each sent request the way the venue would. */
function expectSignedLikeTheVenue(venue: ExchangeVenue, replay: RecordedExchangeReplay, recorded: RecordedHttpExchange[], secret: string, publicKey: KeyObject): void {
  replay.sent.forEach((sent, index) => {
    const expected = recorded[index]!.request;
    for (const [name, value] of Object.entries(expected.headers ?? {})) expect(sent.headers[name], `header ${name}`).toBe(value);
    if (venue === 'binanceus') {
      const signedText = sent.method === 'POST' ? sent.body : sent.url.split('?')[1];
      const [query, signature] = (signedText ?? '').split('&signature=');
      // Binance: signature = hex HMAC-SHA256 of the query with the API secret (https://docs.binance.us/#signed-endpoint-examples).
      if (signature !== undefined) expect(signature).toBe(createHmac('sha256', secret).update(query!).digest('hex'));
      return;
    }
    const authorization = sent.headers['Authorization'];
    if (expected.jwtClaims === undefined) {
      expect(authorization, 'public request carries no credentials').toBeUndefined();
      return;
    }
    expect(authorization).toMatch(/^Bearer /);
    const jwt = decodeJwt(authorization!.slice('Bearer '.length));
    expect(jwt.claims).toEqual(expected.jwtClaims);
    expect(jwt.header).toMatchObject({ alg: 'ES256', kid: expected.jwtClaims['sub'], typ: 'JWT' });
    expect(verify('sha256', Buffer.from(jwt.signed), { key: publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature), 'ES256 signature').toBe(true);
  });
}

function runCase(file: FixtureFile, markets: RecordedMarkets, testCase: FixtureCase): () => Promise<void> {
  return async () => {
    const clock = { now: () => new Date(file.clock) };
    const credentials = credentialsFor(file, testCase);
    let replay: RecordedExchangeReplay | undefined;
    let exchange: CcxtExchange | undefined;
    const venue = createExchangeVenue(file.venue, credentials, {
      clock,
      markets,
      configureExchange: (instance) => {
        exchange = instance;
        replay = replayRecordedExchange(instance, testCase.exchange);
      },
    });
    const call = (venue[testCase.call.method] as (...args: unknown[]) => Promise<unknown>).bind(venue as CcxtExchangeVenue);
    const outcome = call(...revive(testCase.call.args));

    if ('error' in testCase.expected) {
      const { name, fields, messageIncludes } = testCase.expected.error;
      const error = await outcome.then(
        () => null,
        (thrown: unknown) => thrown as Error,
      );
      expect(error, 'the call fails').not.toBeNull();
      expect(error!.name).toBe(name);
      if (fields) expect(error).toMatchObject(fields);
      if (messageIncludes) expect(error!.message).toContain(messageIncludes);
    } else {
      const result = await outcome;
      const { reasonIncludes } = testCase.expected;
      if (reasonIncludes) {
        const { reason, ...rest } = result as { reason: string };
        for (const part of reasonIncludes) expect(reason).toContain(part);
        expect(rounded(rest)).toEqual(rounded(testCase.expected.result));
      } else {
        expect(rounded(result)).toEqual(rounded(testCase.expected.result));
      }
    }

    const sentRequests = replay!.sent.map(({ method, url, body }) => ({ method, url, ...(body === undefined ? {} : { body }) }));
    const recordedRequests = testCase.exchange.map(({ request: { method, url, body } }) => ({ method, url, ...(body === undefined ? {} : { body }) }));
    expect(sentRequests, 'the exact requests, in order, and no others').toEqual(recordedRequests);
    expectSignedLikeTheVenue(file.venue, replay!, testCase.exchange, credentials?.secret ?? '', createPublicKey(coinbaseKey.privateKey));

    if (testCase.ccxtUnifiedStatus !== undefined) {
      const last = testCase.exchange.at(-1)!.response as { body: Record<string, unknown> };
      const raw = (file.venue === 'coinbase' ? last.body['order'] : last.body) as Record<string, unknown>;
      expect(exchange!.parseOrder(raw).status, "ccxt's unified status (not what we use)").toBe(testCase.ccxtUnifiedStatus);
    }
  };
}

for (const venueId of ['binanceus', 'coinbase'] as const) {
  const file = fixture<FixtureFile>(`${venueId}.exchange.json`);
  const markets = fixture<RecordedMarkets>(`${venueId}.markets.json`);
  describe(`${venueId} connector fixtures`, () => {
    for (const testCase of file.cases) it(testCase.description, runCase(file, markets, testCase));
  });
}
