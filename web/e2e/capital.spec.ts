import { expect, test } from '@playwright/test';
import { signIn } from './support/auth.ts';
import { pauseDeployment, startCashReplay, steppedUpProduction } from './support/deployments.ts';
import { graphql } from './support/graphql.ts';
import { withStackDatabase } from './support/stack-database.ts';

test('the capital page stacks each book’s allocations and lists them, on a desktop and on a phone, in both themes', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  // Three replays (paused once active), arranged in the stack's database as the ladder would leave them: two at PAPER (5 % and 3 %)
  // and one at LIVE (2 %, on Coinbase). No replay of the bundled data earns PAPER under the strict default policy here.
  const api = await steppedUpProduction(playwright, baseURL);
  const book = [
    { stage: 'paper', venue: 'paper', allocation: 0.05 },
    { stage: 'paper', venue: 'paper', allocation: 0.03 },
    { stage: 'live', venue: 'coinbase', allocation: 0.02 },
  ];
  const databaseIds: string[] = [];
  try {
    for (const entry of book) {
      const { id, databaseId } = await startCashReplay(api, 60_000);
      databaseIds.push(databaseId);
      const activation = async () => (await graphql<{ deployment: { activationState: string } }>(api, `query($id: ID!) { deployment(id: $id) { activationState } }`, { id })).deployment.activationState;
      await expect.poll(activation, { timeout: 30_000, message: 'the replay is active' }).toBe('ACTIVE');
      await pauseDeployment(api, id, 'e2e capital book');
      await withStackDatabase((client) =>
        client.query(`update deployment set stage = $2, effective_stage = $2, venue = $3, capital_allocation = $4, activation_started_at = now(), activation_completed_at = now() where id = $1`, [
          databaseId,
          entry.stage,
          entry.venue,
          entry.allocation,
        ]),
      );
    }

    // Other specs' deployments may hold capital too: the page is held against the API's book.
    const { allocations } = await graphql<{ allocations: { totals: { stage: string; total: number; deployments: number }[] } }>(api, `{ allocations { totals { stage total deployments } } }`);
    const paperBook = allocations.totals.find((total) => total.stage === 'PAPER')!;
    const liveBook = allocations.totals.find((total) => total.stage === 'LIVE')!;
    expect(paperBook.deployments).toBeGreaterThanOrEqual(2);
    expect(liveBook.deployments).toBeGreaterThanOrEqual(1);
    const percent = (fraction: number) => `${(fraction * 100).toFixed(2)} %`;

    for (const [viewport, size] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
      for (const colorScheme of ['dark', 'light'] as const) {
        const context = await browser.newContext({ viewport: size, colorScheme });
        const page = await context.newPage();
        await signIn(page, 'production');
        await page.goto('/promotions/capital');
        const paper = page.getByRole('region', { name: 'PAPER book' });
        const live = page.getByRole('region', { name: 'LIVE book' });
        await expect(paper.getByRole('table', { name: 'PAPER allocations' }).locator('tbody tr')).toHaveCount(paperBook.deployments);
        await expect(live.getByRole('table', { name: 'LIVE allocations' }).locator('tbody tr')).toHaveCount(liveBook.deployments);
        await expect(paper.getByRole('img', { name: `PAPER allocations stacked: ${percent(paperBook.total)} allocated`, exact: false })).toBeVisible();
        await expect(live.getByRole('img', { name: `LIVE allocations stacked: ${percent(liveBook.total)} allocated`, exact: false })).toBeVisible();
        await expect(live).toContainText(liveBook.deployments === 1 ? '1 deployment' : `${liveBook.deployments} deployments`);
        if (liveBook.deployments === 1) await expect(live).not.toContainText('1 deployments');
        // Each row is its deployment (two share a strategy): a link to its page, and an allocation above its guardrail
        // (5 % and 3 % against the strategy's own 2 % staging cap) is flagged, with the rule in words.
        const first = paper.locator(`tr[data-deployment-id="${databaseIds[0]}"]`);
        await expect(first.getByRole('link', { name: 'builtin-donchian-breakout' })).toHaveAttribute('href', `/deployments/${databaseIds[0]}`);
        await expect(first.getByTestId('above-guardrail')).toBeVisible();
        await expect(first).toContainText('strategy’s own staging cap');
        await expect(live.locator(`tr[data-deployment-id="${databaseIds[2]}"]`).getByTestId('above-guardrail')).toHaveCount(0);
        // On a phone every column is on screen (a card per deployment), not past the table's right edge.
        const guardrail = first.locator('td[data-label="Guardrail"]');
        const box = await guardrail.boundingBox();
        expect(box && box.x + box.width, 'right edge of the guardrail cell (px)').toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: test.info().outputPath(`capital-${viewport}-${colorScheme}.png`), fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 'horizontal overflow (px)').toBeLessThanOrEqual(0);
        await context.close();
      }
    }
  } finally {
    // Out of the book again, for the specs after this one.
    for (const databaseId of databaseIds) await withStackDatabase((client) => client.query(`update deployment set activation_state = 'retired', capital_allocation = 0 where id = $1`, [databaseId]));
    await api.dispose();
  }
});
