import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

/**
 * Browser tests against the real stack: scripts/e2e-stack.ts runs a throwaway database (DATABASE_URL's server, or an
 * embedded PostgreSQL), the API, a worker and the built web UI (web/build) on one origin, port 4100.
 * Run with `npm run test:e2e` from the repository root (it builds the web app first). Uses Debian's chromium.
 */
const port = Number(process.env.E2E_PORT ?? 4100);
const baseURL = `http://127.0.0.1:${port}`;
const webBuildDir = fileURLToPath(new URL('./build', import.meta.url));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'npx tsx --tsconfig ../server/tsconfig.json ../scripts/e2e-stack.ts',
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM (not the default SIGKILL) lets the stack stop its worker and drop its throwaway database.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'pipe',
    stderr: 'pipe',
    env: { E2E_PORT: String(port), WEB_BUILD_DIR: webBuildDir },
  },
});
