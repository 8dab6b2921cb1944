// `npm start`'s build step, quietly: runs `npm run build` (server + web) with its output in
// DATA_DIR/logs/build.log and prints one line with the time it took; on failure, the log's last lines.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** `path` relative to the working directory when inside it, else absolute. */
const shown = (path) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));
const logDir = resolve(process.env.DATA_DIR ?? '.data', 'logs');
mkdirSync(logDir, { recursive: true });
const logPath = join(logDir, 'build.log');
const log = createWriteStream(logPath);
const started = performance.now();
const child = spawn('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
child.stdout.pipe(log, { end: false });
child.stderr.pipe(log, { end: false });
const code = await new Promise((done) => child.on('close', done));
await new Promise((done) => log.end(done));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (code === 0) {
  console.log(`  ✓ build (server, web)       ${seconds.padStart(6)} s   output: ${shown(logPath)}`);
} else {
  const tail = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
  console.error(`  ✗ build failed after ${seconds} s (full output: ${logPath}):\n${tail}`);
  process.exit(code ?? 1);
}
