/**
 * Wraps `load` so that calls never overlap and none is aborted: a call while a load runs only marks the data dirty,
 * and exactly one more load runs when the current one ends. The last load therefore always starts after the last
 * call (a page following live events ends on the latest state), and a burst of events costs at most two requests.
 * The returned function resolves when the data are as fresh as the call.
 */
export function coalescedRefresh(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again: Promise<void> | null = null;
  const run = (): Promise<void> => {
    running = load().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return run();
    again ??= running.then(
      () => {
        again = null;
        return run();
      },
      () => {
        again = null;
        return run();
      },
    );
    return again;
  };
}
