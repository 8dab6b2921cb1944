import { expect, test, type Page } from '@playwright/test';
import { signIn, stepUpWithTotp } from './support/auth.ts';

/** A code and name no earlier run used (the stack may be re-run against the same database). */
function uniqueStrategy(): { code: string; name: string } {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
  return { code: `e2e-registry-${suffix}`, name: `E2E registry momentum ${suffix}` };
}

async function registerStrategy(page: Page, strategy: { code: string; name: string }): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
  await expect(page.getByRole('heading', { name: 'Strategy registry' })).toBeVisible();
  await page.getByRole('button', { name: 'Register strategy' }).click();
  const form = page.getByRole('form', { name: 'Register strategy' });
  // An invalid code first: the server's validation message is shown by the field it names.
  await form.getByLabel('Code', { exact: true }).fill('Not A Code');
  await form.getByLabel('Name', { exact: true }).fill(strategy.name);
  await form.getByLabel('Objective', { exact: true }).fill('Ride medium-term momentum on the majors; flat in turbulent regimes.');
  await form.getByLabel('Eligible markets', { exact: true }).fill('BTC-USDT, ETH-USDT');
  await form.getByLabel('Risk category', { exact: true }).selectOption('HIGH');
  await form.getByLabel('Staging', { exact: true }).fill('0.02');
  await form.getByLabel('Production', { exact: true }).fill('0.05');
  await form.getByLabel('Dependency notes (optional)').fill('Needs certified daily bars of BTC and ETH.');
  await form.getByRole('button', { name: 'Register strategy' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'code must be 3–64 lower-case letters, digits and dashes' })).toBeVisible();
  await expect(form.getByLabel('Code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screenshots/registry-register-form.png', fullPage: true });

  await form.getByLabel('Code', { exact: true }).fill(strategy.code);
  await form.getByRole('button', { name: 'Register strategy' }).click();
  await expect(page).toHaveURL(/\/strategies\/[^/]+$/);
  await expect(page.getByRole('heading', { name: strategy.name })).toBeVisible();
}

test('research registers and submits, production steps up and approves, research requests a manual run', async ({ page, browser }) => {
  const strategy = uniqueStrategy();
  await signIn(page, 'research');
  await registerStrategy(page, strategy);
  const strategyUrl = page.url();
  await expect(page.getByRole('region', { name: 'Registration' })).toContainText('BTC-USDT, ETH-USDT');
  await expect(page.getByRole('region', { name: 'History' }).getByText('strategy.registered')).toBeVisible();

  // A gate refuses to skip validation, and the page says why.
  const lifecycle = page.getByRole('form', { name: 'Change lifecycle state' });
  await lifecycle.getByLabel('Move to', { exact: true }).selectOption('STAGING');
  await lifecycle.getByLabel('Reason', { exact: true }).fill('try to skip validation');
  await lifecycle.getByRole('button', { name: 'Move to staging' }).click();
  await expect(lifecycle.getByRole('alert', { name: 'Lifecycle refusal' })).toContainText('cannot go from research to staging: validation may not be skipped');

  // Submit a version: parameter space outside the template's bounds is refused by the field, then narrowed within.
  const submit = page.getByRole('form', { name: 'Submit version' });
  await submit.getByLabel('Template', { exact: true }).selectOption('sma_crossover');
  const space = submit.getByLabel('Parameter space (JSON)', { exact: true });
  await expect(space).toHaveValue(/"fastPeriod"/);
  await space.fill(JSON.stringify({ fastPeriod: { min: 2, max: 500, step: 1 } }, null, 2));
  await submit.getByLabel('Changelog', { exact: true }).fill('Narrow the SMA periods to the medium-term band.');
  await submit.getByLabel('Deterministic seed', { exact: true }).fill('20261121');
  await submit.getByRole('button', { name: 'Review submission…' }).click();
  const confirm = page.getByRole('group', { name: 'Confirm submission' });
  await confirm.getByRole('button', { name: 'Submit version' }).click();
  await expect(submit.getByRole('alert').filter({ hasText: 'fastPeriod: bounds must stay within [2, 200]' })).toBeVisible();

  await space.fill(JSON.stringify({ fastPeriod: { min: 5, max: 50, step: 1 }, slowPeriod: { min: 20, max: 200, step: 5 } }, null, 2));
  await submit.getByRole('button', { name: 'Review submission…' }).click();
  await expect(confirm).toContainText('fastPeriod 5–50 step 1');
  await expect(confirm).toContainText('slowPeriod 20–200 step 5');
  await expect(confirm).toContainText('20261121');
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screenshots/registry-submit-confirm.png', fullPage: true });
  await confirm.getByRole('button', { name: 'Submit version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'pending review by a production user' })).toBeVisible();
  const versions = page.getByRole('region', { name: 'Versions' });
  const versionRow = versions.locator('tbody tr').first();
  await expect(versionRow).toContainText('PENDING');
  const versionTag = (await versionRow.getAttribute('data-version')) ?? '';
  expect(versionTag).toMatch(/^v\d{4}\.\d{2}\.0$/);

  // Research may not approve: no review controls, only the note that a production user decides.
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Reject' })).toHaveCount(0);
  await expect(versions).toContainText("Pending versions wait for a production user's review");

  // Production, in its own session: step up with TOTP, then approve with a note.
  const productionContext = await browser.newContext();
  const production = await productionContext.newPage();
  await signIn(production, 'production');
  await production.goto(strategyUrl);
  const review = production.getByRole('form', { name: `Review ${versionTag}` });
  await expect(review.getByRole('button', { name: 'Approve' })).toBeDisabled();
  const stepUp = production.getByRole('form', { name: 'Step up with TOTP' });
  await expect(stepUp).toBeVisible();
  await production.mouse.move(0, 0);
  await production.evaluate(() => window.scrollTo(0, 0));
  await production.screenshot({ path: 'test-results/screenshots/registry-review-step-up.png', fullPage: true });
  await stepUpWithTotp(stepUp);
  await expect(review.getByRole('button', { name: 'Approve' })).toBeEnabled();
  await review.getByLabel('Review notes (required to reject)').fill('Bounds are sensible; go ahead with validation.');
  await review.getByRole('button', { name: 'Approve' }).click();
  await expect(production.getByRole('status').filter({ hasText: `Approved ${versionTag}` })).toBeVisible();
  const approvedRow = production.getByRole('region', { name: 'Versions' }).locator(`tbody tr[data-version="${versionTag}"]`);
  await expect(approvedRow).toContainText('APPROVED');
  await expect(approvedRow).toContainText('Bounds are sensible; go ahead with validation.');
  await expect(production.getByRole('form', { name: `Review ${versionTag}` })).toHaveCount(0);
  const history = production.getByRole('region', { name: 'History' });
  for (const action of ['strategy_version.approved', 'strategy_version.submitted', 'strategy.registered']) {
    await expect(history.getByText(action, { exact: true })).toBeVisible();
  }
  await expect(production.getByRole('region', { name: 'Registration' })).toContainText('staging 2.0 % · production 5.0 %');
  // Production reviews and moves strategies but does not register them or submit versions.
  await expect(production.getByRole('form', { name: 'Submit version' })).toHaveCount(0);
  await production.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Strategies' }).click();
  await expect(production.getByRole('heading', { name: 'Strategy registry' })).toBeVisible();
  await expect(production.getByRole('button', { name: 'Register strategy' })).toHaveCount(0);
  await productionContext.close();

  // Research again: the version is approved; the strategy may now enter validation.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Versions' }).locator(`tbody tr[data-version="${versionTag}"]`)).toContainText('APPROVED');
  await lifecycle.getByLabel('Move to', { exact: true }).selectOption('VALIDATION');
  await lifecycle.getByLabel('Reason', { exact: true }).fill('version approved; validate it');
  await lifecycle.getByRole('button', { name: 'Move to validation' }).click();
  await expect(page.getByLabel('Lifecycle state', { exact: true })).toHaveText('VALIDATION');

  // A manual run: the approval link must be a URL or a ticket id, said by the field; then the trigger's outcome.
  const manualRun = page.getByRole('form', { name: 'Request manual run' });
  const reason = `re-validate ${strategy.code} after the data refresh`;
  await manualRun.getByLabel('Reason', { exact: true }).fill(reason);
  await manualRun.getByLabel('Approval link (optional)').fill('not a link');
  await manualRun.getByRole('button', { name: 'Request manual run' }).click();
  await expect(manualRun.getByRole('alert').filter({ hasText: 'approvalLink must be an http(s) URL or a ticket id like OPS-123' })).toBeVisible();
  await manualRun.getByLabel('Approval link (optional)').fill('OPS-123');
  await manualRun.getByRole('button', { name: 'Request manual run' }).click();
  const outcome = manualRun.getByRole('status', { name: 'Manual run outcome' });
  await expect(outcome).toContainText('ENQUEUED');
  await expect(outcome).toContainText('evaluation cycle of 1 strategy queued');
  await expect(page.getByRole('region', { name: 'History' }).getByText('strategy.lifecycle_changed', { exact: true })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/screenshots/registry-strategy-detail.png', fullPage: true });

  await outcome.getByRole('link', { name: 'See it in the trigger log' }).click();
  await expect(page).toHaveURL(/\/triggers$/);
  await expect(page.getByRole('table', { name: 'Triggers' }).getByText(reason)).toBeVisible();
});
