/**
 * The floor of the api-load bench (api-load.bench.ts): a loopback HTTP server that answers each of the bench's two
 * requests with the bytes the real server answered (captured at warm-up) and does nothing else — no parsing, no
 * authentication, no database. Driven by the same load clients right after the real load phase, it shows what this
 * host and the clients reach at that moment; on a shared 2-core host the real figures mean little without it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FloorServer {
  url: string;
  /** CPU time this process used since the server started (user + system), ms: the floor server's own cost. */
  cpuMs(): number;
  close(): Promise<void>;
}

/** Starts the floor server: a POST whose body equals `requests[i]` is answered `responses[i]` (anything else: 404). */
export async function startFloorServer(requests: readonly Buffer[], responses: readonly Buffer[]): Promise<FloorServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const index = requests.findIndex((known) => known.equals(body));
      if (index < 0) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('unknown request');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-response-cache': 'hit', 'x-response-cache-check': 'data-version' });
      response.end(responses[index]);
    });
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', () => resolveListen()));
  const started = process.cpuUsage();
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    cpuMs: () => {
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    },
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}
