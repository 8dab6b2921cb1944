import { parseArgs } from 'node:util';
import pino from 'pino';
import { parseConfig } from '../infra/config.ts';
import { createLogger } from '../infra/logger.ts';

const usage = `Usage: npm run crucible -- <command>

Commands:
  start                                   boot the database, migrate, import bundled data, run server + worker
  setup                                   migrate, import bundled data, register built-in strategies, queue first runs
  db migrate                              apply pending migrations (MikroORM + graphile-worker)
  db migration:create [--initial]         generate a migration from the entity definitions
  data import <file> [--symbol S] [--timeframe tick|1m|5m|1h|1d]
                                          validate, checksum, store and certify an OHLCV CSV file
  user create <email> [--roles r1,r2] [--password P] [--name N]
                                          create a user (roles: research, production, risk, compliance, admin;
                                          none: the user can sign in but do nothing until \`role grant\`)
  user deactivate <email> [<email>…]      deactivate users (sessions, tokens and sockets stop working)
  role grant|revoke <email> <role>        grant or revoke a role (audited)
  token create --user <email> [--roles r1,…] [--name N] [--expires-days D] [--step-up]
                                          print a new API token (shown once)
  token revoke <token id>                 revoke a token and the tokens created with it (audited)
  audit verify [--from ISO] [--to ISO]    verify the audit hash chain and checkpoints; exit 2 when broken,
                                          3 when there is no chain to verify
  help, --help                            this text

Environment: DATABASE_URL, DATABASE_OWNER_URL, DATA_DIR, CRUCIBLE_MODE, LOG_LEVEL, … (see README.md).
Commands other than start log only warnings and errors, on standard error, unless LOG_LEVEL is set.`;

/** The options every command may take (parseArgs refuses any other). */
const options = {
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
} as const;

/**
 * Runs one operator command; returns the process exit code (non-zero on refusal or error). Usage, help and argument
 * errors are answered before any command module is loaded (loading the platform takes seconds).
 */
export async function runCommand(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    // e.g. ERR_PARSE_ARGS_UNKNOWN_OPTION: "Unknown option '--role'. …"
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 1;
  }
  const { positionals, values } = parsed;
  const [group, action, ...rest] = positionals;
  if (values.help || group === 'help') {
    console.log(usage);
    return 0;
  }
  if (!group) {
    console.error(usage);
    return 1;
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
  // `start` sends its logs to a file and prints step lines; the other commands print their answer, and the info
  // logs of what they touch (the embedded database starting, each imported file) only when LOG_LEVEL asks for them.
  // Logs go to standard error (or CRUCIBLE_LOG_FILE): standard output carries only the answer, e.g. the token secret
  // a script captures with TOKEN=$(npm run -s crucible -- token create …).
  const logger = createLogger('cli', process.env.LOG_LEVEL ? config.logLevel : 'warn', process.env.CRUCIBLE_LOG_FILE ? undefined : pino.destination({ fd: 2, sync: true }));
  try {
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'start':
        return await (await import('./start.command.ts')).startCommand(config);
      case 'setup':
        return await (await import('./setup.command.ts')).setupCommand(config, logger);
      case 'db migrate':
        return await (await import('./db.command.ts')).migrateCommand(config, logger);
      case 'db migration:create':
        return await (await import('./db.command.ts')).migrationCreateCommand(config, logger, values.initial ?? false);
      case 'data import':
        return await (await import('./data-import.command.ts')).dataImportCommand(config, logger, { file: rest[0], symbol: values.symbol, timeframe: values.timeframe });
      case 'user create':
      case 'user deactivate':
        return await (await import('./admin.command.ts')).userCommand(config, logger, action!, adminArguments);
      case 'role grant':
      case 'role revoke':
        return await (await import('./admin.command.ts')).roleCommand(config, logger, action!, adminArguments);
      case 'token create':
      case 'token revoke':
        return await (await import('./admin.command.ts')).tokenCommand(config, logger, action!, adminArguments);
      case 'audit verify':
        return await (await import('./admin.command.ts')).auditCommand(config, logger, action!, adminArguments);
      default:
        console.error(`Unknown command "${positionals.join(' ')}".\n\n${usage}`);
        return 1;
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}
