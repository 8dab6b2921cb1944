import { parseArgs } from 'node:util';
import { parseConfig } from '../infra/config.ts';
import { createLogger } from '../infra/logger.ts';
import { auditCommand, roleCommand, tokenCommand, userCommand } from './admin.command.ts';
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
  user create <email> --roles r1,r2 [--password P] [--name N]
                                          create a user (roles: research, production, risk, compliance, admin)
  user deactivate <email>                 deactivate a user (sessions, tokens and sockets stop working)
  role grant|revoke <email> <role>        grant or revoke a role (audited)
  token create --user <email> [--roles r1,…] [--name N] [--expires-days D] [--step-up]
                                          print a new API token (shown once)
  audit verify [--from ISO] [--to ISO]    verify the audit hash chain and checkpoints; exit 2 when broken,
                                          3 when there is no chain to verify
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
      roles: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      user: { type: 'string' },
      'step-up': { type: 'boolean', default: false },
      'expires-days': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [group, action, ...rest] = positionals;
  if (values.help || !group) {
    console.log(usage);
    return group ? 0 : 1;
  }
  const adminArguments = {
    positionals: rest,
    roles: values.roles,
    password: values.password,
    name: values.name,
    user: values.user,
    stepUp: values['step-up'],
    expiresDays: values['expires-days'],
    from: values.from,
    to: values.to,
  };
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
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
      case 'user create':
      case 'user deactivate':
        return await userCommand(config, logger, action!, adminArguments);
      case 'role grant':
      case 'role revoke':
        return await roleCommand(config, logger, action!, adminArguments);
      case 'token create':
        return await tokenCommand(config, logger, action!, adminArguments);
      case 'audit verify':
        return await auditCommand(config, logger, action!, adminArguments);
      default:
        console.error(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
        return 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
