import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { stepUpWithTotp } from './support/auth.ts';
import { apiSignedInAs } from './support/api-client.ts';
import { pauseDeployment, replayTargets, startShadowReplay } from './support/deployments.ts';
import { graphql } from './support/graphql.ts';
import { importBasketAlt } from './support/market-data.ts';
import { underGatesOpenPolicy } from './support/promotion-test-policy.ts';

/** A browser context signed in as a demo person (`<person>@demo.crucible.local`), on the board. */
async function boardAs(browser: Browser, baseURL: string, person: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(`${person}@demo.crucible.local`);
  await form.getByLabel('Password').fill(`${person}-demo-password`);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/runs$/);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Promotions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Promotion pipeline');
  return page;
}

/** Signs `step` of the request in the approval dialog: comment, TOTP step-up when asked, then the signature. */
async function sign(page: Page, requestId: string, step: string, comment: string): Promise<void> {
  await page.locator(`[data-request-id="${requestId}"]`).getByRole('button', { name: 'Review evidence and sign' }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve promotion' });
  await expect(dialog.getByRole('table', { name: 'Gate checks' })).toBeVisible();
  await expect(dialog.getByLabel('Step you sign')).toHaveValue(step);
  await dialog.getByLabel('Comment (recorded with your approval)').fill(comment);
  await dialog.getByRole('button', { name: `Approve as ${step}` }).click();
  const stepUp = dialog.getByRole('form', { name: 'Step up with TOTP' });
  await expect(stepUp).toBeVisible();
  await stepUpWithTotp(stepUp);
  await expect(dialog.getByRole('status')).toContainText(`Step “${step}” signed`);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** Waits until the server holds at least `count` live subscriptions of `topic` (both boards listen before anything moves). */
async function subscriptionsLive(page: Page, topic: string, count: number): Promise<void> {
  const pattern = new RegExp(`^crucible_graphql_subscriptions\\{topic="${topic}"\\} (\\d+)$`, 'm');
  await expect.poll(async () => Number(pattern.exec(await (await page.request.get('/metrics')).text())?.[1] ?? 0), { message: `${count} live ${topic} subscriptions` }).toBeGreaterThanOrEqual(count);
}

/**
 * The promotion board open as risk and as production, both listening (two subscriptions each of requests and
 * deployments), with locators for the deployment's card in a stage column and for the request's card.
 */
async function openBoards(browser: Browser, baseURL: string, deploymentDatabaseId: string, requestId: string) {
  const risk = await boardAs(browser, baseURL, 'risk');
  const production = await boardAs(browser, baseURL, 'production');
  await subscriptionsLive(production, 'PROMOTION_REQUEST_UPDATED', 2);
  await subscriptionsLive(production, 'DEPLOYMENT_UPDATED', 2);
  const cardIn = (page: Page, stage: string) => page.locator(`[data-column="${stage}"] article[data-deployment-id="${deploymentDatabaseId}"]`);
  const requestCard = (page: Page) => page.locator(`[data-request-id="${requestId}"]`);
  return { risk, production, cardIn, requestCard };
}

test('SHADOW → PAPER in two browsers: risk and ops sign with TOTP after reading the gates; each signature shows live on both boards; on real data the gates re-checked at execution refuse it and the card stays in SHADOW', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(150_000);
  // The second production person (ops), stepped up through the API, starts a SHADOW replay and asks for its promotion to
  // PAPER: the requester may not sign, so the risk approver is the demo's risk user and the ops approver its production user.
  // Stepped up with a retry on the next TOTP time step: another spec may have spent this step's code for the same person.
  const api = await apiSignedInAs(playwright, baseURL, 'ops');
  const deployment = await startShadowReplay(api, { strategyCode: 'builtin-macd', symbol: 'ETH-USDT', replay: { barIntervalMs: 2_000 } });
  try {
    const { requestPromotion } = await graphql<{ requestPromotion: { id: string } }>(
      api,
      `mutation($input: RequestPromotionInput!) { requestPromotion(input: $input) { id } }`,
      { input: { deploymentId: deployment.id, reason: 'e2e: SHADOW → PAPER walkthrough' } },
    );
    const requestId = requestPromotion.id;

    const { risk, production, cardIn, requestCard } = await openBoards(browser, baseURL!, deployment.databaseId, requestId);
    for (const page of [risk, production]) {
      await expect(cardIn(page, 'SHADOW')).toBeVisible();
      await expect(requestCard(page)).toContainText('SHADOW → PAPER');
      await expect(requestCard(page).locator('li[data-step="riskApprover"]')).toHaveAttribute('data-signed', 'no');
      await expect(requestCard(page).locator('li[data-step="opsApprover"]')).toHaveAttribute('data-signed', 'no');
    }
    await expect(cardIn(risk, 'SHADOW').getByTestId('policy-version')).toHaveText('policy 2026.12.1');

    // Risk reads the evidence (each gate's measured value against its threshold) and signs the risk step with TOTP.
    await risk.locator(`[data-request-id="${requestId}"]`).getByRole('button', { name: 'Review evidence and sign' }).click();
    const evidence = risk.getByRole('dialog', { name: 'Approve promotion' });
    // What the approver reads is the verdict recorded when the request was opened, not a fresh evaluation.
    await expect(evidence.locator('section[data-verdict="recorded"]')).toBeVisible();
    await expect(evidence.getByTestId('verdict-note')).toContainText('Recorded when the request was opened');
    await expect(evidence.locator('tr[data-rule="gates.shadowToPaper.risk.minMaxDrawdown"]')).toContainText('≥ −3.00 %');
    await expect(evidence.locator('tr[data-rule="gates.shadowToPaper.stabilityWindow.minSessions"]')).toContainText('≥ 10 d');
    await evidence.getByRole('button', { name: 'Close' }).click();
    await sign(risk, requestId, 'riskApprover', 'limits and drawdown read; e2e');
    // The signature shows on the production user's board without a reload; the card has not moved yet.
    await expect(requestCard(production).locator('li[data-step="riskApprover"]')).toHaveAttribute('data-signed', 'yes');
    await expect(requestCard(production).locator('li[data-step="riskApprover"]')).toContainText('risk@demo.crucible.local');
    await expect(cardIn(production, 'SHADOW')).toBeVisible();

    // The production user signs the ops step with TOTP: the last approval re-evaluates the gates on current evidence in
    // the promotion's transaction. On the bundled real data under the strict default policy they do not pass (every
    // scorecard row is research-only — the honest answer), so the promotion is refused and recorded: the request keeps
    // both signatures with promotion.gatesNotPassed, the card stays in SHADOW on both boards, live.
    await sign(production, requestId, 'opsApprover', 'stability and data quality read; e2e');
    for (const page of [risk, production]) {
      await expect(requestCard(page).locator('li[data-step="opsApprover"]')).toHaveAttribute('data-signed', 'yes');
      await expect(cardIn(page, 'SHADOW')).toBeVisible();
      await expect(cardIn(page, 'PAPER')).toHaveCount(0);
    }
    const { promotionRequests } = await graphql<{ promotionRequests: { id: string; status: string; executionBlockedRule: string | null; executionBlockedReason: string | null }[] }>(
      api,
      `{ promotionRequests(status: PENDING) { id status executionBlockedRule executionBlockedReason } }`,
    );
    const refused = promotionRequests.find((request) => request.id === requestId)!;
    // Refused at execution with the rule named: the strict gates on research-only scorecards, or — when the replay
    // has by then fallen behind the benchmark basket — monitoring's open incident, which is checked first.
    expect(refused.status).toBe('PENDING');
    expect(['promotion.gatesNotPassed', 'promotion.monitoringBlocked']).toContain(refused.executionBlockedRule);
    expect(refused.executionBlockedReason).toMatch(refused.executionBlockedRule === 'promotion.gatesNotPassed' ? /gates\.shadowToPaper\./ : /^monitoring blocks promotion of /);
    await risk.screenshot({ path: test.info().outputPath('board-1440x900.png') });

    const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, storageState: await risk.context().storageState() });
    const phonePage = await phone.newPage();
    await phonePage.goto('/promotions');
    await expect(phonePage.locator(`[data-column="SHADOW"] article[data-deployment-id="${deployment.databaseId}"]`)).toBeVisible();
    await phonePage.screenshot({ path: test.info().outputPath('board-390x844.png'), fullPage: true });
    await phone.close();

  } finally {
    await pauseDeployment(api, deployment.id, 'e2e over');
    await api.dispose();
  }
});

/**
 * Makes sure `strategyId` has a scorecard entry at most 6 days old (the gates' `scorecard.maxAgeDays` evidence): when it
 * has none, the research user runs an evaluation cycle through the API and the worker scores every strategy.
 */
async function ensureRecentScorecard(playwright: { request: { newContext(options: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined, api: APIRequestContext, strategyId: string): Promise<void> {
  const { scorecardHistory } = await graphql<{ scorecardHistory: { evaluationDate: string }[] }>(api, `query($id: ID!) { scorecardHistory(strategyId: $id) { evaluationDate } }`, { id: strategyId });
  const newest = scorecardHistory.at(-1)?.evaluationDate;
  if (newest && Date.now() - Date.parse(`${newest}T00:00:00Z`) < 6 * 86_400_000) return;
  const research = await playwright.request.newContext({ baseURL });
  await graphql(research, `mutation($input: SignInInput!) { signIn(input: $input) { viewer { id } } }`, { input: { email: 'research@demo.crucible.local', password: 'research-demo-password' } });
  const { runEvaluationCycle } = await graphql<{ runEvaluationCycle: { evaluationCycle: { id: string } } }>(
    research,
    `mutation($input: RunEvaluationCycleInput) { runEvaluationCycle(input: $input) { evaluationCycle { id } } }`,
    { input: { reason: 'e2e promotions: scorecard evidence for a SHADOW → PAPER promotion' } },
  );
  await expect
    .poll(async () => (await graphql<{ evaluationCycle: { status: string; failureReason: string | null } }>(research, `query($id: ID!) { evaluationCycle(id: $id) { status failureReason } }`, { id: runEvaluationCycle.evaluationCycle.id })).evaluationCycle.status, { timeout: 120_000, message: 'the evaluation cycle completes' })
    .toBe('COMPLETED');
  await research.dispose();
}

test('SHADOW → PAPER executes under a test policy with open evidence gates: risk and ops sign with TOTP in two browsers and the card moves to PAPER live on both boards; the API shows the chained record', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  // The strict default refuses every promotion of the bundled real data (previous test). Here the request is opened
  // under the stack's TEST policy whose evidence gates are open (its version says so), active only while the request
  // is opened: the request keeps that version — its approval matrix and its gates, re-checked at execution.
  const api = await apiSignedInAs(playwright, baseURL, 'ops');
  // A strategy no other spec deploys (monitoring and promotions look at every deployment of a strategy).
  const { strategyId } = await replayTargets(api, 'builtin-ema-crossover', 'BTC-USDT');
  // The gates still need the strategy's scorecard entry of the last days (evidence, not its verdict: research-only is allowed here).
  await ensureRecentScorecard(playwright, baseURL, api, strategyId);

  // Monitoring's promotion block is part of what executes (any rule breaching on the last mark refuses it), so the
  // replay is a short, fixed and calm span replayed as fast as possible: five daily bars of early February 2024
  // (the basket of BTC 60 % / ETH 30 % / SOL 10 % within +0.5 % / −1.1 % of its first close, no day beyond ±1.1 %) — the strategy stays in cash during its warm-up
  // and every mark passes every rule, whenever monitoring evaluates it. A paced replay from 2024-01-01 made the outcome
  // depend on timing: the basket rose 3.3 % in the first days while the strategy was flat, so on a slow run monitoring
  // had seen a benchmarkLag breach (−333 bps) by the time ops signed and the execution was refused. From 2024 on, the
  // regime of every replayed bar is labelled from the dataset's earlier history (without one the regime rule is
  // unknown and, failing closed, blocks the promotion). A replay as fast as possible runs on its bars' own clock, so
  // its last mark never goes stale once it is over.
  // The basket is whole (its alt uploaded here, whatever ran before), so the rules comparing with it are measured.
  await importBasketAlt(playwright, baseURL);
  const lastBarAt = '2024-02-05T00:00:00.000Z';
  const deployment = await startShadowReplay(api, { strategyCode: 'builtin-ema-crossover', symbol: 'BTC-USDT', replay: { asFastAsPossible: true, startAt: '2024-02-01T00:00:00.000Z', endAt: lastBarAt } });
  try {
    // The replay is over and its last mark is clean on the risk wall (monitoring's own rule evaluation) before anyone asks.
    const posture = async () => {
      const { riskPosture } = await graphql<{ riskPosture: { deployments: { deployment: { databaseId: string }; lastMarkAt: string | null; breachedRules: string[]; lagStatus: string; lagReason: string | null }[] } }>(
        api,
        `{ riskPosture { deployments { deployment { databaseId } lastMarkAt breachedRules lagStatus lagReason } } }`,
      );
      const row = riskPosture.deployments.find((candidate) => candidate.deployment.databaseId === deployment.databaseId);
      return row ? `${row.lastMarkAt} ${row.lagStatus} [${row.breachedRules.join(', ')}]${row.lagReason ? ` (${row.lagReason})` : ''}` : 'not on the risk wall';
    };
    await expect.poll(posture, { timeout: 60_000, message: 'the replay ended on a clean mark' }).toBe(`${lastBarAt} PASS []`);
    let testPolicyVersion = '';
    const { requestPromotion } = await underGatesOpenPolicy((version) => {
      testPolicyVersion = version;
      return graphql<{ requestPromotion: { id: string; policyVersion: string } }>(
        api,
        `mutation($input: RequestPromotionInput!) { requestPromotion(input: $input) { id policyVersion } }`,
        { input: { deploymentId: deployment.id, reason: 'e2e: SHADOW → PAPER under the test policy with open evidence gates' } },
      );
    });
    expect(testPolicyVersion).toMatch(/-gates-open-e2e-test$/);
    expect(requestPromotion.policyVersion).toBe(testPolicyVersion);
    const requestId = requestPromotion.id;

    // Both boards are open before anyone signs, and listen.
    const { risk, production, cardIn, requestCard } = await openBoards(browser, baseURL!, deployment.databaseId, requestId);
    for (const page of [risk, production]) {
      await expect(cardIn(page, 'SHADOW')).toBeVisible();
      await expect(requestCard(page)).toContainText('SHADOW → PAPER');
      // The card shows the verdict recorded with the request (its version), not a live one under the default in force again.
      const gateStatus = cardIn(page, 'SHADOW').getByTestId('gate-status');
      await expect(gateStatus).toHaveAttribute('data-gate-source', 'recorded');
      await expect(gateStatus).toContainText('gates pass');
      await expect(cardIn(page, 'SHADOW').getByTestId('policy-version')).toHaveText(`policy ${testPolicyVersion}`);
    }

    // Risk reads the recorded verdict (passed under the test policy, named) and signs with TOTP.
    await risk.locator(`[data-request-id="${requestId}"]`).getByRole('button', { name: 'Review evidence and sign' }).click();
    const evidence = risk.getByRole('dialog', { name: 'Approve promotion' });
    await expect(evidence.locator('section[data-verdict="recorded"]')).toBeVisible();
    await expect(evidence).toContainText(testPolicyVersion);
    await evidence.getByRole('button', { name: 'Close' }).click();
    await sign(risk, requestId, 'riskApprover', 'test policy with open gates read; e2e');
    await expect(requestCard(production).locator('li[data-step="riskApprover"]')).toHaveAttribute('data-signed', 'yes');
    await expect(cardIn(production, 'SHADOW')).toBeVisible();

    // Ops signs last: the promotion executes (gates re-checked under the request's version, capital allocated) and
    // the card moves to PAPER on both boards, opened before, without a reload.
    await sign(production, requestId, 'opsApprover', 'stability and data quality read; e2e');
    // Executed, not held back (a hold would keep it PENDING with its rule and reason: the message then says which).
    const outcome = async () => {
      const { promotionRequests } = await graphql<{ promotionRequests: { id: string; status: string; executionBlockedRule: string | null; executionBlockedReason: string | null }[] }>(
        api,
        `{ promotionRequests(limit: 200) { id status executionBlockedRule executionBlockedReason } }`,
      );
      const request = promotionRequests.find((candidate) => candidate.id === requestId)!;
      return request.status === 'APPROVED' ? 'APPROVED' : `${request.status}: ${request.executionBlockedRule ?? 'not executed'} — ${request.executionBlockedReason ?? ''}`;
    };
    await expect.poll(outcome, { message: 'the promotion executed' }).toBe('APPROVED');
    for (const page of [risk, production]) {
      await expect(cardIn(page, 'PAPER')).toBeVisible();
      await expect(cardIn(page, 'SHADOW')).toHaveCount(0);
      await expect(requestCard(page)).toHaveCount(0);
    }
    await production.screenshot({ path: test.info().outputPath('board-promoted-1440x900.png') });

    // The API: the promotion record (both steps, the test policy's version) chained and intact.
    const { promotionRecords, verifyPromotionChain } = await graphql<{
      promotionRecords: { decision: string; fromStage: string; toStage: string; policyVersion: string; promotionRequestId: string | null; reasonCode: string; approvers: { step: string; role: string }[] }[];
      verifyPromotionChain: { intact: boolean; brokenSequence: number | null }[];
    }>(
      api,
      `query($id: ID!) { promotionRecords(strategyId: $id) { decision fromStage toStage policyVersion promotionRequestId reasonCode approvers { step role } } verifyPromotionChain(strategyId: $id) { intact brokenSequence } }`,
      { id: strategyId },
    );
    const record = promotionRecords.find((candidate) => candidate.promotionRequestId === requestId);
    expect(record).toMatchObject({ decision: 'PROMOTE', fromStage: 'SHADOW', toStage: 'PAPER', policyVersion: testPolicyVersion, reasonCode: 'approvals_complete' });
    expect(record!.approvers.map((approver) => `${approver.step}:${approver.role}`)).toEqual(['riskApprover:RISK', 'opsApprover:PRODUCTION']);
    expect(verifyPromotionChain).toEqual([expect.objectContaining({ intact: true, brokenSequence: null })]);
    await risk.context().close();
    await production.context().close();
  } finally {
    await pauseDeployment(api, deployment.id, 'e2e over');
    await api.dispose();
  }
});
