import { expect, type Page } from '@playwright/test';
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
