/**
 * Runs one start-up step and reports it on the console as one line with its time in seconds, e.g.
 * `  ✓ migrate                     0.8 s`; `describe` may add what the step did. A failing step prints `✗` and
 * rethrows.
 */
export type StepReporter = <T>(label: string, work: () => Promise<T>, describe?: (result: T) => string) => Promise<T>;

/** A {@link StepReporter} writing to `write` (default: standard output). */
export function consoleSteps(write: (line: string) => void = (line) => console.log(line)): StepReporter {
  return async (label, work, describe) => {
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1).padStart(6);
    try {
      const result = await work();
      const detail = describe?.(result);
      write(`  ✓ ${label.padEnd(26)}${seconds()} s${detail ? `   ${detail}` : ''}`);
      return result;
    } catch (error) {
      write(`  ✗ ${label.padEnd(26)}${seconds()} s   ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
}

/** A {@link StepReporter} that only runs the steps (callers that print nothing per step, e.g. tests). */
export const silentSteps: StepReporter = (_label, work) => work();
