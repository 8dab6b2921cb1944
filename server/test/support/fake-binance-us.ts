import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { filled, type RecordedHttpExchange, type SentRequest } from '../../src/infra/exchange/testing/recorded-exchange.ts';

const answers = (JSON.parse(readFileSync(new URL('../../src/infra/exchange/fixtures/binanceus.live-runner.json', import.meta.url), 'utf8')) as { answers: Record<string, RecordedHttpExchange> }).answers;

/** What the venue does with the next new order it receives. */
export type OrderArrival =
  /** Takes it and answers (filled at 110 USDT, as the recorded FULL response). */
  | 'fill'
  /** Never takes it and never answers: the order is lost on the way (as if the sender died before it left). */
  | 'lose'
  /** Takes it (filled) but holds the answer: the sender never learns the outcome. */
  | 'fill_and_hold';

/**
 * A Binance US REST venue on a loopback port, at the HTTP level (ccxt signs and sends real requests to it; signatures
 * are not checked): open orders, account, new order, query order by client order id (-2013 when unknown), the
 * order's trades. Answers are the recorded Binance US shapes of `binanceus.live-runner.json`, filled from the request.
 * Keeps every request and every order it took, so a test can tell whether an order was ever sent twice.
 */
export interface FakeBinanceUs {
  /** Base URL replacing `https://api.binance.us`. */
  url: string;
  /** Every request received, in order (method, path with query, body). */
  readonly received: SentRequest[];
  /** Client order ids of the orders taken, in order. */
  readonly taken: string[];
  /** What to do with the following new orders (default `fill`). */
  setOrderArrival(mode: OrderArrival): void;
  /** Resolves when the next new-order request arrives (before it is answered, or not). */
  nextOrder(): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeBinanceUs(): Promise<FakeBinanceUs> {
  const received: SentRequest[] = [];
  const taken = new Map<string, SentRequest>();
  let arrival: OrderArrival = 'fill';
  let orderWaiters: ((clientOrderId: string) => void)[] = [];
  const held: ServerResponse[] = [];

  const answer = (response: ServerResponse, name: string, sent: SentRequest[]) => {
    const recorded = answers[name]!.response as { status: number; body: unknown };
    const text = filled(typeof recorded.body === 'string' ? recorded.body : JSON.stringify(recorded.body), sent);
    response.writeHead(recorded.status, { 'Content-Type': 'application/json' }).end(text);
  };

  const handle = (request: IncomingMessage, body: string, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://venue');
    const sent: SentRequest = { method: request.method ?? 'GET', url: `https://api.binance.us${url.pathname}${url.search}`, ...(body ? { body } : {}), headers: {} };
    received.push(sent);
    const parameters = new URLSearchParams(sent.method === 'POST' ? body : url.search);
    const route = `${sent.method} ${url.pathname}`;
    if (route === 'GET /api/v3/openOrders') return answer(response, 'openOrdersNone', [sent]);
    if (route === 'GET /api/v3/account') return answer(response, 'account', [sent]);
    if (route === 'POST /api/v3/order') {
      const clientOrderId = parameters.get('newClientOrderId') ?? '';
      const waiters = orderWaiters;
      orderWaiters = [];
      if (arrival === 'lose') {
        held.push(response);
      } else {
        taken.set(clientOrderId, sent);
        if (arrival === 'fill_and_hold') held.push(response);
        else answer(response, 'marketOrderFilled', [sent]);
      }
      for (const waiter of waiters) waiter(clientOrderId);
      return;
    }
    if (route === 'GET /api/v3/order' || route === 'GET /api/v3/myTrades') {
      const original = [...taken.values()].find((order) => new URLSearchParams(order.body).get('newClientOrderId') === parameters.get('origClientOrderId'));
      const byId = route === 'GET /api/v3/myTrades' ? [...taken.values()][0] : original;
      if (!byId) return answer(response, 'queryOrderUnknown', [sent]);
      // The order's own parameters (quantity, side) fill the recorded answer, then this request's (its client order id).
      return answer(response, route === 'GET /api/v3/order' ? 'queryOrderFilled' : 'orderTradesFilled', [byId, sent]);
    }
    response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: -1, msg: `fake venue: no route ${route}` }));
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => handle(request, body, response));
  });
  await new Promise<void>((resolveListening) => server.listen(0, '127.0.0.1', resolveListening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    get taken() {
      return [...taken.keys()];
    },
    setOrderArrival(mode) {
      arrival = mode;
    },
    nextOrder() {
      return new Promise((resolveOrder) => orderWaiters.push(resolveOrder));
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
    },
  };
}
