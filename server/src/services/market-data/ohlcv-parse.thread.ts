import { parentPort, workerData } from 'node:worker_threads';
import { MarketDataRejectedError, ValidationError } from '../../domain/errors.ts';
import { parseOhlcvFile } from './ohlcv-file.ts';

/**
 * Worker-thread entry of `parseOhlcv` / `parseOhlcvStream` (parse-ohlcv-off-thread.ts): decodes, parses, validates and
 * checksums one OHLCV CSV away from the event loop, then posts the columns back (transferred, not copied) or the
 * refusal (file, row, rule). The file comes whole in `workerData.bytes`, or — `workerData.stream` — as `chunk`
 * messages (transferred: the server's thread keeps no copy) ended by an `end` message.
 */
const { fileName, bytes, labels, stream } = workerData as { fileName: string; bytes?: Uint8Array; labels: { symbol?: string; timeframe?: string }; stream?: boolean };

function parseAndAnswer(content: Buffer): void {
  try {
    const validated = parseOhlcvFile(fileName, content.toString('utf8'), labels);
    const columns = [validated.timestamp, validated.open, validated.high, validated.low, validated.close, validated.volume];
    parentPort!.postMessage({ ok: true, validated }, columns.map((column) => column.buffer as ArrayBuffer));
  } catch (error) {
    if (error instanceof MarketDataRejectedError) {
      parentPort!.postMessage({ ok: false, kind: 'rejected', file: error.file, row: error.row, rule: error.rule, message: error.message });
    } else if (error instanceof ValidationError) {
      parentPort!.postMessage({ ok: false, kind: 'validation', field: error.field, message: error.message });
    } else {
      parentPort!.postMessage({ ok: false, kind: 'error', message: (error as Error).message });
    }
  }
}

if (stream) {
  const chunks: Buffer[] = [];
  parentPort!.on('message', (message: { chunk?: Uint8Array; end?: true }) => {
    if (message.chunk) chunks.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.byteLength));
    if (message.end) {
      parentPort!.removeAllListeners('message');
      parseAndAnswer(Buffer.concat(chunks));
    }
  });
} else {
  parseAndAnswer(Buffer.from(bytes!.buffer, bytes!.byteOffset, bytes!.byteLength));
}
