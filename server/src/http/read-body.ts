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
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const announced = Number(request.headers['content-length'] ?? Number.NaN);
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = announced > limitBytes;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) tooLarge = true;
    if (tooLarge) {
      if (size > 2 * limitBytes) {
        request.destroy();
        break;
      }
      continue;
    }
    chunks.push(chunk as Buffer);
  }
  if (tooLarge) throw new PayloadTooLargeError(limitBytes);
  return Buffer.concat(chunks).toString('utf8');
}
