import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../logger.ts';

/** A child process kept running: restarted after a crash, given up on when it crash-loops. */
export interface SupervisedProcess {
  stop(): Promise<void>;
}

/** Restarts within this window count towards `maxRestarts`. */
const restartWindowMs = 60_000;
const maxRestarts = 5;

/**
 * Runs `script` (with this Node) as a child and restarts it when it exits unexpectedly, after a backoff of 1 s
 * doubling to 16 s. E.g. a worker whose graphile-worker pool stopped because PostgreSQL went away while it recorded
 * a job's result releases its jobs once the database answers and exits non-zero; the restarted worker waits for the
 * database at boot. More than `maxRestarts` crashes within a minute calls `onGiveUp`.
 */
export function supervise(name: string, script: string, environment: NodeJS.ProcessEnv, logger: Logger, onGiveUp: () => void): SupervisedProcess {
  let child: ChildProcess;
  let stopped = false;
  const crashes: number[] = [];
  const start = () => {
    child = spawn(process.execPath, [script], { env: environment, stdio: 'inherit' });
    child.on('error', (error) => logger.error({ err: error, child: name }, 'child failed to start'));
    child.on('exit', (code, signal) => {
      if (stopped) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > restartWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) {
        logger.error({ child: name, code, signal }, `${name} keeps crashing; stopping everything`);
        onGiveUp();
        return;
      }
      const delayMs = Math.min(1000 * 2 ** (crashes.length - 1), 16_000);
      logger.error({ child: name, code, signal, restartInMs: delayMs }, `${name} exited unexpectedly; restarting`);
      setTimeout(() => stopped || start(), delayMs);
    });
  };
  start();
  return {
    stop: async () => {
      stopped = true;
      await stopChild(child);
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

