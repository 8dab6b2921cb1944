import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the e2e stack on `port` writes its database's app-role URL while it runs (scripts/e2e-stack.ts), for specs
 * that arrange a state no API may create on that stack (web/e2e/support/stack-database.ts). One file per port, in
 * the OS temp directory, mode 0600, removed when the stack stops.
 */
export function e2eStackFile(port: number): string {
  return join(tmpdir(), `crucible-e2e-stack-${port}.json`);
}
