import { Worker } from 'node:worker_threads';
import { MarketDataRejectedError, ValidationError } from '../../domain/errors.ts';
import { parseOhlcvFile, type ValidatedOhlcv } from './ohlcv-file.ts';

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
