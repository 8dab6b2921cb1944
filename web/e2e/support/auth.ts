import { expect, test, type Locator, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

/** Demo roles created by the e2e stack (the same users `npm start` creates in demo mode). */
export type DemoRole = 'research' | 'production' | 'risk' | 'compliance' | 'admin';

/** The published demo TOTP secret every demo user is enrolled with. */
const demoTotpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** A current code for the demo TOTP secret. */
export function demoTotpCode(): string {
  return new TOTP({ secret: Secret.fromBase32(demoTotpSecret) }).generate();
}

/** Signs in through the sign-in page as the demo user of `role` and waits for the runs page. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(`${role}@demo.crucible.local`);
  await form.getByLabel('Password').fill(`${role}-demo-password`);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await expect(page.getByLabel('Signed in')).toContainText(`${role}@demo.crucible.local`);
}

/**
 * Steps up in a "Step up with TOTP" form with the current demo code and waits for the form to close. The server
 * refuses a code already used in its time step (replay protection), and the demo users share one secret across
 * spec files, so a refused code is retried with the code of the next time step (waits for the condition, up to
 * one and a half 30 s time steps, added to the test's timeout; no fixed sleep).
 */
export async function stepUpWithTotp(form: Locator): Promise<void> {
  const budgetMs = 45_000;
  test.info().setTimeout(test.info().timeout + budgetMs);
  await expect(async () => {
    await form.getByLabel('TOTP code').fill(demoTotpCode());
    await form.getByRole('button', { name: 'Step up' }).click();
    await expect(form).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: budgetMs });
}
