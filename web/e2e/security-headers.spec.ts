import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/auth.ts';

/** Collects the browser's Content-Security-Policy violation reports (console errors) of a page. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(message.text().slice(0, 300));
  });
  return violations;
}

test('pages carry a nonce-based Content-Security-Policy and frame protection, and run without violations', async ({ page }) => {
  const violations = cspViolations(page);
  const response = (await page.goto('/sign-in'))!;
  const headers = response.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  await signIn(page, 'research');
  for (const path of ['/runs', '/scorecard', '/strategies', '/optimizations', '/datasets', '/account']) {
    await page.goto(path);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  expect(violations).toEqual([]);
});

test('GraphiQL (demo mode) runs under its hash-based policy', async ({ page }) => {
  const violations = cspViolations(page);
  const response = (await page.goto('/graphiql'))!;
  expect(response.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
  await expect(page.locator('.graphiql-container').first()).toBeVisible();
  await expect(page.getByText('Crucible').first()).toBeVisible();
  expect(violations).toEqual([]);
});
