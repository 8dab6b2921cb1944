/** A function that runs `action` at most once per `intervalMs`, the last call winning (trailing edge). */
export interface Throttled {
  (): void;
  /** Runs it now and drops any call waiting. */
  now(): void;
  /** Drops any call waiting (on unmount). */
  cancel(): void;
}

/**
 * Throttles `action` (a refetch a stream of live events asks for): the first call runs at once, calls within
 * `intervalMs` of a run are folded into one run at the end of the interval.
 */
export function throttled(action: () => void, intervalMs: number): Throttled {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    action();
  };
  const call = (() => {
    if (timer) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  }) as Throttled;
  call.now = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
