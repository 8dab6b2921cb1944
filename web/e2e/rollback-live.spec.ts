import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { signIn } from './support/auth.ts';
import { apiSignedInAs } from './support/api-client.ts';
import { graphql } from './support/graphql.ts';
import { pauseDeployment } from './support/deployments.ts';
import { importBasketAlt } from './support/market-data.ts';
import { deleteNotificationChannel } from './support/notification-channels.ts';
import { subscriptionLive } from './support/live.ts';
import { withStackDatabase } from './support/stack-database.ts';

type Incident = {
  id: string;
  breachKey: string | null;
  severity: string;
  impactedCapital: number | null;
  autoActions: { path: string; text: string | null; number: number | null }[];
  deployment: { id: string; stage: string; tradingState: string; capitalAllocation: number | null; rollbackReason: string | null } | null;
  followUpCycle: { id: string } | null;
  triggerEvent: { id: string } | null;
};

test('a PAPER deployment breaching the basket-lag rule on the replay is rolled back by the monitor: PAPER → SHADOW recorded, capital to reserve, incident opened, signed webhook delivered — the deployment page and the risk wall update without a reload', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  // The local webhook receiver (loopback, as notification-channels.spec): every delivery, headers and raw body.
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
  const admin = await apiSignedInAs(playwright, baseURL, 'admin');
  const production = await apiSignedInAs(playwright, baseURL, 'production');
  // What the finally block undoes whatever step failed: the replay (paused) and the receiver's channel (deleted).
  let deploymentId: string | null = null;
  let channelId: string | null = null;
  try {
    // Admin routes the risk role's critical incident notifications to the receiver (a webhook signed per Standard Webhooks).
    const { createNotificationChannel } = await graphql<{ createNotificationChannel: { generatedSecret: string; channel: { id: string } } }>(
      admin,
      `mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { generatedSecret channel { id } } }`,
      { input: { name: `Risk desk rollbacks ${Date.now().toString(36)}`, kind: 'WEBHOOK', url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crucible`, audiences: ['RISK'], notificationKinds: ['incident.opened'], minimumSeverity: 'CRITICAL' } },
    );
    const secret = createNotificationChannel.generatedSecret;
    channelId = createNotificationChannel.channel.id;

    // The basket needs a third member on the daily clock: SOL-USDT 1d (an upload of the same file again changes nothing).
    const sets = () =>
      graphql<{ marketDataSets: { edges: { node: { id: string; symbolUniverse: string[]; timeframe: string } }[] } }>(production, `{ marketDataSets(first: 100) { edges { node { id symbolUniverse timeframe } } } }`);
    const daily = (symbol: string, found: Awaited<ReturnType<typeof sets>>) => found.marketDataSets.edges.find((edge) => edge.node.symbolUniverse[0] === symbol && edge.node.timeframe === 'ONE_DAY')?.node;
    await importBasketAlt(playwright, baseURL);
    const btc = daily('BTC-USDT', await sets())!;

    // Risk opens the wall, and the deployment page in a second tab later; both wait for their live feeds.
    const context = await browser.newContext();
    const wall = await context.newPage();
    await signIn(wall, 'risk');
    await wall.goto('/risk');
    await expect(wall.getByRole('heading', { level: 1 })).toHaveText('Risk desk');
    await subscriptionLive(wall, 'DEPLOYMENT_PNL_MARKED');
    await subscriptionLive(wall, 'INCIDENT_UPDATED');

    // Production starts a replay of the Donchian breakout on BTC-USDT 1d from 2022-06-08 at 500 ms a bar: with a
    // 400-bar entry channel and no warm-up it stays in cash. The basket (BTC 60 / ETH 30 / SOL 10) falls through June
    // 2022 (cash is ahead of it) and rallies in July: from the 2022-07-16 mark (the 39th, ~20 s in) its 30-day return is
    // above +2 %, the deployment lags it by more than 200 bps, and on the third such mark the monitor rolls it back.
    const { strategies } = await graphql<{ strategies: { edges: { node: { code: string; versions: { id: string; approvalStatus: string }[] } }[] } }>(
      production,
      `{ strategies(first: 100) { edges { node { code versions { id approvalStatus } } } } }`,
    );
    const version = strategies.edges.find((edge) => edge.node.code === 'builtin-donchian-breakout')!.node.versions.find((candidate) => candidate.approvalStatus === 'APPROVED')!;
    const { startDeployment } = await graphql<{ startDeployment: { deployment: { id: string; databaseId: string; strategy: { id: string } } } }>(
      production,
      `mutation($input: StartDeploymentInput!) { startDeployment(input: $input) { deployment { id databaseId strategy { id } } } }`,
      {
        input: {
          strategyVersionId: version.id,
          stage: 'SHADOW',
          parameters: [{ name: 'entryPeriod', value: 400 }, { name: 'exitPeriod', value: 10 }],
          replay: { marketDataSetId: btc.id, barIntervalMs: 500, startAt: '2022-06-08T00:00:00.000Z', endAt: '2022-09-30T00:00:00.000Z' },
          limits: { maxBarAgeMs: 2_000_000_000 },
        },
      },
    );
    const { id, databaseId } = startDeployment.deployment;
    deploymentId = id;
    // At PAPER with a 5 % allocation, as the ladder's SHADOW → PAPER execution leaves it (stage, venue, allocation).
    // Arranged in the stack's database: under the strict default promotion policy no replay of the bundled real data
    // earns PAPER on this stack (10 sessions, 50 fills, a production-standard scorecard). From here on it is the
    // running worker, API and browser.
    await withStackDatabase((client) =>
      client.query(`update deployment set stage = 'paper', effective_stage = 'paper', venue = 'paper', capital_allocation = 0.05, activation_started_at = now(), activation_completed_at = now() where id = $1`, [databaseId]),
    );

    const row = wall.locator(`tr[data-deployment-id="${databaseId}"]`);
    await expect(row.locator('td[data-label="Stage"]')).toContainText('PAPER');
    await expect(row.getByTestId('lag')).toHaveText(/^\+[\d,]+ bps$/, { timeout: 60_000 });

    const detail = await context.newPage();
    await detail.goto(`/deployments/${encodeURIComponent(id)}`);
    await expect(detail.getByTitle('stage', { exact: true })).toHaveText('PAPER');
    await expect(detail.getByTestId('trading-state')).toHaveText('trading active');
    await expect(detail.getByText('allocation 5 %')).toBeVisible();
    await subscriptionLive(detail, 'DEPLOYMENT_UPDATED');

    // The rollback, in the incident feed without a reload: critical, opened by the monitor, the basket-lag rule, its
    // auto-actions executed — stage PAPER → SHADOW, allocation 0.05 → 0 (the reserve), trading REDUCING, re-validation.
    const feedItem = wall.getByRole('list', { name: 'Incident feed' }).locator('li[data-opened-by="monitor"]').filter({ hasText: 'kind rollback' }).filter({ hasText: '30-day active return vs the basket' }).filter({ hasText: 'stage.from paper' });
    await expect(feedItem).toHaveCount(1, { timeout: 90_000 });
    // The replay paused at once: left running, the basket's July rally also breaks the 15 % underperformance limit a
    // few marks later — a deactivation of its own (capital already in the reserve), which rewrites the deployment's
    // rollbackReason; marks a lagging worker processed before the pause may still bring it.
    await pauseDeployment(production, id, 'e2e rollback seen');
    await expect(feedItem).toHaveAttribute('data-severity', 'CRITICAL');
    await expect(feedItem).toContainText('live');
    await expect(feedItem).toContainText('builtin-donchian-breakout');
    await expect(feedItem).toContainText('stage.to shadow');
    await expect(feedItem).toContainText('capitalAllocation.from 0.05');
    await expect(feedItem).toContainText('capitalAllocation.to 0');
    await expect(feedItem).toContainText('tradingState.to reducing');
    await expect(feedItem).toContainText(/revalidationCycleId [0-9a-f-]{36}/);
    await expect(feedItem).not.toContainText('skipped');
    // The row on the same page: SHADOW now, trading reducing, the lag a breach.
    await expect(row.locator('td[data-label="Stage"]')).toContainText('SHADOW');
    await expect(row.getByTestId('trading-state')).toHaveText(/reducing/i);
    await expect(row.getByTestId('lag')).toHaveText(/^[−-][\d,]+ bps$/);
    // The deployment page, open since before the rollback, without a reload.
    await expect(detail.getByTitle('stage', { exact: true })).toHaveText('SHADOW');
    await expect(detail.getByTestId('trading-state')).toHaveText('trading reducing');
    await expect(detail.getByText('allocation 0 %')).toBeVisible();

    // The records as the API reads them: one incident of the deployment's basket-lag breach, linked to its demotion
    // record, its re-validation trigger and cycle; the deployment at SHADOW with the rollback's reason.
    const { incidents } = await graphql<{ incidents: { edges: { node: Incident }[] } }>(
      production,
      `{ incidents(first: 100) { edges { node { id breachKey severity impactedCapital autoActions { path text number } deployment { id stage tradingState capitalAllocation rollbackReason } followUpCycle { id } triggerEvent { id } } } } }`,
    );
    const rollbacks = incidents.edges.map((edge) => edge.node).filter((node) => node.breachKey?.startsWith(`${databaseId}:benchmarkLag:`));
    expect(rollbacks).toHaveLength(1);
    const incident = rollbacks[0]!;
    expect(incident).toMatchObject({ severity: 'CRITICAL', deployment: { id, stage: 'SHADOW', tradingState: 'REDUCING', capitalAllocation: 0, rollbackReason: expect.stringMatching(/^(rollback|deactivate) by the monitor: 30-day active return vs the basket/) } });
    const action = (path: string) => incident.autoActions.find((entry) => entry.path === path);
    expect([action('kind')?.text, action('stage.from')?.text, action('stage.to')?.text, action('capitalAllocation.from')?.number, action('capitalAllocation.to')?.number, action('tradingState.to')?.text]).toEqual(['rollback', 'paper', 'shadow', 0.05, 0, 'reducing']);
    expect(incident.impactedCapital).toBeGreaterThan(0);
    expect(incident.followUpCycle?.id).toBeTruthy();
    expect(incident.triggerEvent?.id).toBeTruthy();
    const { promotionRecords } = await graphql<{ promotionRecords: { id: string; deploymentId: string | null; decision: string; fromStage: string; toStage: string; reasonCode: string }[] }>(
      production,
      `query($strategyId: ID!) { promotionRecords(strategyId: $strategyId) { id deploymentId decision fromStage toStage reasonCode } }`,
      { strategyId: startDeployment.deployment.strategy.id },
    );
    // (PromotionRecord.deploymentId is the deployment's database id.)
    const demotion = promotionRecords.filter((record) => record.deploymentId === databaseId);
    expect(demotion).toEqual([expect.objectContaining({ decision: 'DEMOTE', fromStage: 'PAPER', toStage: 'SHADOW', reasonCode: 'benchmarkLag' })]);

    // The webhook reached the receiver, signed: it verifies with the channel's secret (standardwebhooks) and names the rollback.
    await expect.poll(() => received.filter((delivery) => delivery.body.includes(incident.breachKey!)).length, { timeout: 60_000, message: 'the rollback’s webhook delivery' }).toBe(1);
    const delivery = received.find((entry) => entry.body.includes(incident.breachKey!))!;
    const verified = new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>) as { type: string; data: { severity: string; message: string; subjectId: string; details: Record<string, unknown> } };
    expect(verified).toMatchObject({ type: 'incident.opened', data: { severity: 'critical', details: { deploymentId: databaseId, rule: 'benchmarkLag', kind: 'rollback' } } });
    expect(verified.data.message).toContain('stage paper → shadow');
    expect(verified.data.message).toContain('capital to reserve');

    await context.close();
  } finally {
    if (deploymentId !== null) await pauseDeployment(production, deploymentId, 'e2e rollback over');
    // The receiver closes with the test: its channel goes too, or later specs' critical incidents would be retried against it.
    if (channelId !== null) await deleteNotificationChannel(admin, channelId);
    await admin.dispose();
    await production.dispose();
    receiver.closeAllConnections();
    await new Promise<void>((closed) => receiver.close(() => closed()));
  }
});
