import { pino, type DestinationStream, type Logger } from 'pino';
import { redactionOptions } from './log-redaction.ts';

export type { Logger };

/**
 * Structured JSON logger (pino) for one process; `name` tells processes apart in a shared log stream. Secrets and
 * sensitive performance data are redacted (`log-redaction.ts`). `destination` defaults to the file named by
 * `CRUCIBLE_LOG_FILE` (appended to; `npm start` sets it for itself, the server and the worker), else standard output.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = { name, level, base: { process: name }, timestamp: pino.stdTimeFunctions.isoTime, ...redactionOptions() };
  const logFile = process.env.CRUCIBLE_LOG_FILE;
  const target = destination ?? (logFile ? pino.destination({ dest: logFile, mkdir: true, append: true, sync: true }) : undefined);
  return target ? pino(options, target) : pino(options);
}
