import { Logger as GraphileLogger } from 'graphile-worker';
import type { Logger } from '@crucible/server/infra';

/** Routes graphile-worker's log lines into the process's pino logger. */
export function makeGraphileLogger(logger: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else if (level === 'info') logger.info(fields, message);
    else logger.debug(fields, message);
  });
}
