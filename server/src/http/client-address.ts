import type { IncomingMessage } from 'node:http';

/**
 * The caller's network address, which sign-in throttling counts failures by. Without trusted proxies
 * (`trustedProxyHops` 0) it is the TCP peer; behind `n` trusted proxies (e.g. a TLS proxy) it is the address the
 * outermost trusted proxy saw: the n-th entry from the right of `X-Forwarded-For` (entries further left are
 * written by the client and cannot be trusted). Falls back to the TCP peer when the header is shorter.
 */
export function clientAddressOf(request: Pick<IncomingMessage, 'headers' | 'socket'>, trustedProxyHops: number): string | null {
  const peer = request.socket.remoteAddress ?? null;
  if (trustedProxyHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return hops[hops.length - trustedProxyHops] ?? peer;
}
