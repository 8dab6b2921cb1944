import { Worker } from 'node:worker_threads';
import { MarketDataRejectedError, ValidationError } from '../../domain/errors.ts';
import { parseOhlcvFile, type ValidatedOhlcv } from './ohlcv-file.ts';

/**
 * Largest OHLCV file (bytes, after decompression) accepted through the API: `importMarketData` (its `content`, or a
 * file of the import directory) and the streaming `POST /import/market-data` alike — 32 MiB, the request body limit.
 */
export const maxUploadBytes = 32 * 1024 * 1024;

/** Files at least this large (bytes) are parsed in a worker thread; smaller ones inline (a thread costs ~50 ms). */
export const offThreadParseBytes = 256 * 1024;

/** A parsed file and the thread that parsed it (0 = the main thread). */
export interface ParsedOhlcv {
  validated: ValidatedOhlcv;
  threadId: number;
}

const threadEntry = new URL(import.meta.url.endsWith('.ts') ? './ohlcv-parse.thread.ts' : './ohlcv-parse.thread.js', import.meta.url);

/**
 * Parses, validates and checksums an OHLCV CSV (`parseOhlcvFile`). Files of {@link offThreadParseBytes} or more run
 * in a `worker_threads` thread, so a 28 MB upload never blocks the server's event loop (health checks, other
 * requests); the columns come back transferred.
 * @throws MarketDataRejectedError (file, row, rule) or ValidationError exactly as `parseOhlcvFile` would.
 */
export async function parseOhlcv(fileName: string, content: string | Buffer, labels: { symbol?: string; timeframe?: string } = {}): Promise<ParsedOhlcv> {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size < offThreadParseBytes) return { validated: parseOhlcvFile(fileName, typeof content === 'string' ? content : content.toString('utf8'), labels), threadId: 0 };
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const worker = new Worker(threadEntry, { workerData: { fileName, bytes: view, labels }, transferList: [view.buffer as ArrayBuffer] });
  return answerOf(worker);
}

/**
 * Thrown when a streamed upload exceeds its byte limit: the HTTP endpoint answers 413, the GraphQL API the error
 * `PAYLOAD_TOO_LARGE` with `maxBytes` (format-error.ts), like an oversized request body.
 */
export class UploadTooLargeError extends Error {
  readonly limitBytes: number;
  constructor(limitBytes: number) {
    super(`the upload exceeds the limit of ${limitBytes} bytes (${Math.round(limitBytes / 1024 / 1024)} MB)`);
    this.name = 'UploadTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/**
 * As {@link parseOhlcv}, for a file arriving in chunks (an HTTP upload): each chunk is handed to the parse thread as it
 * comes (transferred, so this thread never holds the file), and the thread parses once the stream ends.
 * @throws UploadTooLargeError past `limitBytes` (the thread is stopped; the rest of the stream is not read);
 * MarketDataRejectedError / ValidationError as `parseOhlcvFile`.
 */
export async function parseOhlcvStream(fileName: string, chunks: AsyncIterable<Buffer | Uint8Array>, limitBytes: number, labels: { symbol?: string; timeframe?: string } = {}): Promise<ParsedOhlcv> {
  const worker = new Worker(threadEntry, { workerData: { fileName, labels, stream: true } });
  const answer = answerOf(worker);
  answer.catch(() => {});
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > limitBytes) throw new UploadTooLargeError(limitBytes);
      // A copy the thread owns (the stream may reuse its buffer); transferred, not cloned.
      const owned = new Uint8Array(chunk);
      worker.postMessage({ chunk: owned }, [owned.buffer]);
    }
    worker.postMessage({ end: true });
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return answer;
}

/** Waits for the thread's answer and turns a refusal back into its error; the thread is always stopped. */
async function answerOf(worker: Worker): Promise<ParsedOhlcv> {
  const threadId = worker.threadId;
  try {
    const message = await new Promise<Record<string, unknown>>((resolveMessage, reject) => {
      worker.once('message', resolveMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`OHLCV parse thread exited with code ${code} before answering`)));
    });
    if (message.ok) return { validated: message.validated as ValidatedOhlcv, threadId };
    if (message.kind === 'rejected') {
      const rejected = new MarketDataRejectedError(message.file as string, message.row as number | null, message.rule as string, '');
      rejected.message = message.message as string;
      throw rejected;
    }
    if (message.kind === 'validation') throw new ValidationError(message.message as string, message.field as string | undefined);
    throw new Error(message.message as string);
  } finally {
    await worker.terminate();
  }
}

/**
 * Text as UTF-8 chunks of about `chunkCharacters` characters, yielding to the event loop between chunks, so encoding
 * a large upload never holds the server's thread for long. A chunk never ends inside a surrogate pair.
 */
export async function* utf8Chunks(text: string, chunkCharacters = 1024 * 1024): AsyncGenerator<Buffer> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + chunkCharacters);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield Buffer.from(text.slice(start, end), 'utf8');
    start = end;
    if (start < text.length) await new Promise((resolveLater) => setImmediate(resolveLater));
  }
}
