import { RequestTimeout } from 'ccxt';
import type { CcxtExchange } from '../ccxt-exchange.ts';

/**
 * One recorded HTTP exchange with a venue: the request ccxt must send and the venue's answer.
 * `response.timeout` replays a request that got no answer (ccxt's own `fetch` then throws RequestTimeout).
 */
export interface RecordedHttpExchange {
  request: {
    method: string;
    url: string;
    /** Exact body text (Binance: url-encoded form; Coinbase: JSON text); absent for bodiless requests. */
    body?: string;
    /** Headers that must be present with these exact values (e.g. Binance `X-MBX-APIKEY`). */
    headers?: Record<string, string>;
    /** Coinbase: the claims of the ES256 JWT in `Authorization: Bearer …` (its header nonce is random). */
    jwtClaims?: Record<string, unknown>;
  };
  response: { status: number; body: unknown } | { timeout: true };
}

/** A request as ccxt sent it. */
export interface SentRequest {
  method: string;
  url: string;
  body?: string;
  headers: Record<string, string>;
}

/** The replay installed on an exchange: what was sent, in order. */
export interface RecordedExchangeReplay {
  readonly sent: SentRequest[];
}

/**
 * Replaces the instance's `fetch` — ccxt's own offline test technique (its static request/response tests override
 * `exchange.fetch`) — with a replay of `recorded`: each request ccxt sends is kept in `sent` and answered with the
 * next recorded response, passed through ccxt's own `handleRestResponse` (so its error mapping runs as on a live
 * answer). Nothing reaches the network: a request beyond the recording throws. Tests compare `sent` with the
 * recorded requests afterwards.
 */
export function replayRecordedExchange(exchange: CcxtExchange, recorded: readonly RecordedHttpExchange[]): RecordedExchangeReplay {
  const sent: SentRequest[] = [];
  exchange.fetch = async (url: string, method = 'GET', headers: Record<string, string> | undefined = undefined, body: string | undefined = undefined) => {
    sent.push({ method, url, ...(body === undefined ? {} : { body }), headers: { ...(headers ?? {}) } });
    const next = recorded[sent.length - 1];
    if (!next) throw new Error(`unrecorded request ${method} ${url}: the fixture records ${recorded.length}`);
    if ('timeout' in next.response) throw new RequestTimeout(`${exchange.id} ${method} ${url} request timed out (${exchange.timeout} ms)`);
    const text = typeof next.response.body === 'string' ? next.response.body : JSON.stringify(next.response.body);
    const response = new Response(text, { status: next.response.status, headers: { 'Content-Type': 'application/json' } });
    return await exchange.handleRestResponse(response, url, method, headers, body);
  };
  return { sent };
}
