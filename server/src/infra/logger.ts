import { pino, type DestinationStream, type Logger } from 'pino';
import { redactionOptions } from './log-redaction.ts';

export type { Logger };

/**
 * Structured JSON logger (pino) for one process; `name` tells processes apart in a shared log stream. Secrets and
 * sensitive performance data are redacted (`log-redaction.ts`). `destination` defaults to standard output.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = { name, level, base: { process: name }, timestamp: pino.stdTimeFunctions.isoTime, ...redactionOptions() };
  return destination ? pino(options, destination) : pino(options);
}
