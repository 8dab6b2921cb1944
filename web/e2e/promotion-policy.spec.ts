import { expect, test } from '@playwright/test';
import { apiSignedInAs } from './support/api-client.ts';
import { signIn, stepUpWithTotp } from './support/auth.ts';
import { graphql } from './support/graphql.ts';

test('a policy change under four eyes: risk proposes a new version from the one in force (TOTP), the proposer cannot activate it, compliance activates it in another browser (TOTP), and the proposer’s page shows it in force live', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const version = `2026.12.1-e2e-${Date.now().toString(36)}`;
  const restorer = await apiSignedInAs(playwright, baseURL, 'compliance');
  const { promotionPolicy } = await graphql<{ promotionPolicy: { version: string } }>(restorer, `{ promotionPolicy { version } }`);
  const riskContext = await browser.newContext();
  const complianceContext = await browser.newContext();
  try {
    const risk = await riskContext.newPage();
    await signIn(risk, 'risk');
    await risk.goto('/promotions/policy');
    await expect(risk.getByRole('table', { name: 'Promotion policy versions' }).locator(`tr[data-version="${promotionPolicy.version}"]`)).toContainText('in force');
    await risk.getByRole('button', { name: 'Propose a new version' }).click();
    const draft = risk.getByRole('form', { name: 'Propose a promotion policy version' });
    // The draft starts from the policy in force; the copy gets its own version (same thresholds: the rest of the suite decides as before).
    const text = await draft.getByLabel('Definition (JSON)').inputValue();
    expect(JSON.parse(text)).toMatchObject({ version: promotionPolicy.version });
    await draft.getByLabel('Definition (JSON)').fill(JSON.stringify({ ...JSON.parse(text), version }, null, 2));
    await draft.getByLabel('Reason for the proposal').fill('e2e: the same thresholds under a new version');
    await draft.getByRole('button', { name: 'Propose' }).click();
    await stepUpWithTotp(risk.getByRole('form', { name: 'Step up with TOTP' }));
    await expect(risk.getByRole('status').filter({ hasText: 'Proposed' })).toHaveText(`Proposed ${version}: inactive until another person activates it.`);
    const proposedRow = risk.getByRole('table', { name: 'Promotion policy versions' }).locator(`tr[data-version="${version}"]`);
    await expect(proposedRow).toContainText('inactive');
    await expect(proposedRow).toContainText('another person activates it');
    await risk.screenshot({ path: 'test-results/screenshots/promotion-policy-proposed.png', fullPage: true });

    const compliance = await complianceContext.newPage();
    await signIn(compliance, 'compliance');
    await compliance.goto('/promotions/policy');
    const row = compliance.getByRole('table', { name: 'Promotion policy versions' }).locator(`tr[data-version="${version}"]`);
    await row.getByRole('button', { name: 'Activate…' }).click();
    const confirm = compliance.getByRole('form', { name: `Activate ${version}` });
    await confirm.getByLabel('Reason for the activation').fill('e2e: read and agreed');
    await confirm.getByRole('button', { name: 'Activate' }).click();
    await stepUpWithTotp(compliance.getByRole('form', { name: 'Step up with TOTP' }));
    await expect(compliance.getByRole('status').filter({ hasText: 'is in force' })).toHaveText(`${version} is in force.`);
    await expect(row).toContainText('in force');
    // The proposer's page shows it in force without a reload (PROMOTION_POLICY_UPDATED), and the version it replaced inactive.
    await expect(proposedRow).toContainText('in force');
    await expect(risk.getByRole('table', { name: 'Promotion policy versions' }).locator(`tr[data-version="${promotionPolicy.version}"]`)).toContainText('inactive');
    await compliance.setViewportSize({ width: 390, height: 844 });
    await compliance.screenshot({ path: 'test-results/screenshots/promotion-policy-phone.png', fullPage: true });
    const { promotionPolicy: inForce } = await graphql<{ promotionPolicy: { version: string } }>(restorer, `{ promotionPolicy { version } }`);
    expect(inForce.version).toBe(version);
  } finally {
    // The suite's other specs expect the policy that was in force: put it back (seeded by a migration: anyone of risk or compliance may).
    const { promotionPolicy: now } = await graphql<{ promotionPolicy: { version: string } }>(restorer, `{ promotionPolicy { version } }`);
    if (now.version !== promotionPolicy.version) {
      await graphql(restorer, `mutation($input: ActivatePromotionPolicyInput!) { activatePromotionPolicy(input: $input) { version } }`, { input: { version: promotionPolicy.version, reason: 'e2e: restore the policy in force before the spec' } });
    }
    await riskContext.close();
    await complianceContext.close();
  }
});
