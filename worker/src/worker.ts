import { run, type Runner } from 'graphile-worker';
import type { Logger, MikroORM } from '@crucible/server/infra';
import type { ServiceSettings } from '@crucible/server/services';
import { makeGraphileLogger } from './graphile-logger.ts';
import { makeTaskList } from './task-list.ts';

/** Starts a graphile-worker runner on `databaseUrl` with the platform's task list. */
export async function startWorker(options: {
  databaseUrl: string;
  orm: MikroORM;
  settings: ServiceSettings;
  logger: Logger;
  concurrency: number;
  pollInterval?: number;
}): Promise<Runner> {
  return run({
    connectionString: options.databaseUrl,
    concurrency: options.concurrency,
    pollInterval: options.pollInterval ?? 2000,
    noHandleSignals: true,
    logger: makeGraphileLogger(options.logger),
    taskList: makeTaskList({ orm: options.orm, settings: options.settings, logger: options.logger }),
  });
}
