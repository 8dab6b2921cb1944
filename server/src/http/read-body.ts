import type { IncomingMessage } from 'node:http';

/** Thrown when a request body exceeds the limit (answered with 413 and a GraphQL-shaped JSON error). */
export class PayloadTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`request body exceeds the limit of ${limitBytes} bytes (${Math.round(limitBytes / 1024 / 1024)} MB)`);
    this.name = 'PayloadTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/**
 * Reads a request body up to `limitBytes`. Past the limit it stops buffering and discards the rest (up to another
 * `limitBytes`, then the socket is cut) so the client is still listening when the 413 answer is written.
 * @throws PayloadTooLargeError past the limit (also at once when `content-length` announces more).
 */
export function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const announced = Number(request.headers['content-length'] ?? Number.NaN);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = announced > limitBytes;
  // Stream events, not `for await`: an async iterator per request costs more than the small bodies it reads.
  return new Promise((resolveBody, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      if (!tooLarge) {
        chunks.push(chunk);
        return;
      }
      if (size > 2 * limitBytes) {
        request.off('data', onData);
        request.destroy();
        reject(new PayloadTooLargeError(limitBytes));
      }
    };
    request.on('data', onData);
    request.once('end', () => (tooLarge ? reject(new PayloadTooLargeError(limitBytes)) : resolveBody(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'))));
    request.once('error', reject);
    // A body cut off before its end (the client went away): no answer is awaited any more (no-op once settled).
    request.once('close', () => reject(new Error('request closed before its body ended')));
  });
}
