import type { IncomingMessage } from 'node:http';

/** Thrown when a request body exceeds the limit (answered with 413). */
export class PayloadTooLargeError extends Error {}

/** Reads a request body up to `limitBytes`. @throws PayloadTooLargeError past the limit. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLargeError(`request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
