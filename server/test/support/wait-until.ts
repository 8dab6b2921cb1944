/**
 * Polls `probe` until it returns true (errors count as "not yet"), every `intervalMs`, for at most `timeoutMs`.
 * Tests wait for conditions with it, never for a fixed time.
 * @throws Error naming `what` when the condition does not hold in time.
 */
export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, { timeoutMs = 20_000, intervalMs = 25 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve().then(probe).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolveLater) => setTimeout(resolveLater, intervalMs));
  }
}
