import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logger (pino) for one process; `name` tells processes apart in a shared log stream. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { process: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
