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

/** Where a replay keeps what was sent; share one between connectors to replay one recording across them (a process's restarts, new connectors per job). */
export interface RecordedExchangeLog {
  readonly sent: SentRequest[];
}

/** The parameters of a sent request: its query string and its body's fields (a form's; a JSON object's leaves at any depth, e.g. Coinbase `client_order_id`, `quote_size`). */
function parametersOf(request: SentRequest): URLSearchParams {
  const parameters = new URLSearchParams(request.url.split('?')[1] ?? '');
  if (!request.body) return parameters;
  if (!request.body.trimStart().startsWith('{')) {
    for (const [name, value] of new URLSearchParams(request.body)) parameters.set(name, value);
    return parameters;
  }
  const visit = (value: unknown, name: string) => {
    if (value !== null && typeof value === 'object') for (const [key, entry] of Object.entries(value)) visit(entry, key);
    else if (name !== '' && value !== null && value !== undefined) parameters.set(name, String(value));
  };
  visit(JSON.parse(request.body) as unknown, '');
  return parameters;
}

/**
 * Fills the placeholders of a recorded answer from the requests sent: `{{name}}` is the parameter `name` of this
 * request (query or form body) or, failing that, of the latest sent request that had it; `{{name*factor}}` that value
 * times `factor` (8 decimals, as the venue writes amounts). Lets one recording answer orders whose client order id and
 * quantity are only known at run time (a deployment's id is part of its client order ids).
 */
export function filled(text: string, sent: readonly SentRequest[]): string {
  return text.replace(/\{\{(\w+)(?:\*([\d.]+))?\}\}/g, (placeholder, name: string, factor: string | undefined) => {
    for (let index = sent.length - 1; index >= 0; index -= 1) {
      const value = parametersOf(sent[index]!).get(name);
      if (value !== null) return factor === undefined ? value : (Number(value) * Number(factor)).toFixed(8);
    }
    throw new Error(`recorded answer placeholder ${placeholder}: no sent request has parameter ${name}`);
  });
}

/**
 * Replaces the instance's `fetch` — ccxt's own offline test technique (its static request/response tests override
 * `exchange.fetch`) — with a replay of `recorded`: each request ccxt sends is kept in `sent` and answered with the
 * next recorded response, passed through ccxt's own `handleRestResponse` (so its error mapping runs as on a live
 * answer). Nothing reaches the network: a request beyond the recording throws. Tests compare `sent` with the
 * recorded requests afterwards. Answers may carry placeholders filled from the requests sent (see `filled`).
 */
export function replayRecordedExchange(exchange: CcxtExchange, recorded: readonly RecordedHttpExchange[], log: RecordedExchangeLog = { sent: [] }): RecordedExchangeReplay {
  const sent = log.sent;
  exchange.fetch = async (url: string, method = 'GET', headers: Record<string, string> | undefined = undefined, body: string | undefined = undefined) => {
    sent.push({ method, url, ...(body === undefined ? {} : { body }), headers: { ...(headers ?? {}) } });
    const next = recorded[sent.length - 1];
    if (!next) throw new Error(`unrecorded request ${method} ${url}: the fixture records ${recorded.length}`);
    if ('timeout' in next.response) throw new RequestTimeout(`${exchange.id} ${method} ${url} request timed out (${exchange.timeout} ms)`);
    const text = filled(typeof next.response.body === 'string' ? next.response.body : JSON.stringify(next.response.body), sent);
    const response = new Response(text, { status: next.response.status, headers: { 'Content-Type': 'application/json' } });
    return await exchange.handleRestResponse(response, url, method, headers, body);
  };
  return { sent };
}
