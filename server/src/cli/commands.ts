import { parseArgs } from 'node:util';
import { parseConfig } from '../infra/config.ts';
import { createLogger } from '../infra/logger.ts';
import { migrationCreateCommand, migrateCommand } from './db.command.ts';
import { dataImportCommand } from './data-import.command.ts';
import { setupCommand } from './setup.command.ts';
import { startCommand } from './start.command.ts';

const usage = `Usage: npm run crucible -- <command>

Commands:
  start                                   boot the database, migrate, import bundled data, run server + worker
  setup                                   migrate, import bundled data, register built-in strategies, queue first runs
  db migrate                              apply pending migrations (MikroORM + graphile-worker)
  db migration:create [--initial]         generate a migration from the entity definitions
  data import <file> [--symbol S] [--timeframe 1m|5m|1h|1d]
                                          validate, checksum, store and certify an OHLCV CSV file
Environment: DATABASE_URL, PORT, DATA_DIR, LOG_LEVEL, … (see README.md)`;

/** Runs one operator command; returns the process exit code (non-zero on refusal or error). */
export async function runCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      symbol: { type: 'string' },
      timeframe: { type: 'string' },
      initial: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, action, ...rest] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return group ? 0 : 1;
  }
  const config = parseConfig();
  const logger = createLogger('cli', config.logLevel);
  try {
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'start':
        return await startCommand(config);
      case 'setup':
        return await setupCommand(config, logger);
      case 'db migrate':
        return await migrateCommand(config, logger);
      case 'db migration:create':
        return await migrationCreateCommand(config, logger, values.initial ?? false);
      case 'data import':
        return await dataImportCommand(config, logger, { file: rest[0], symbol: values.symbol, timeframe: values.timeframe });
      default:
        console.error(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
        return 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
