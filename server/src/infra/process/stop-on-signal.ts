import type { Logger } from '../logger.ts';

/**
 * Stops a process once on SIGINT or SIGTERM: logs `<name> stopping`, runs `steps` in order (each awaited; a step that
 * throws is logged and the next still runs), then exits with code 0. A second signal while stopping does nothing.
 * @returns the stop function, for a caller that stops on its own (e.g. after a fatal error it has logged).
 */
export function stopOnSignal(name: string, logger: Logger, steps: ReadonlyArray<() => Promise<unknown> | unknown>): () => Promise<void> {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    logger.info(`${name} stopping`);
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        logger.error({ err: error }, `${name}: a stop step failed; continuing`);
      }
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return stop;
}
