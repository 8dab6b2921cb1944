import { expect, type Page } from '@playwright/test';

/**
 * Waits until the server has a live GraphQL subscription of `topic` (its `crucible_graphql_subscriptions` gauge at
 * /metrics is above 0): graphql-ws connects lazily and has no acknowledgement for `subscribe`, so a page's live
 * updates start only once the server registered them. Tests wait for this instead of sleeping.
 */
export async function subscriptionLive(page: Page, topic: string): Promise<void> {
  const pattern = new RegExp(`^crucible_graphql_subscriptions\\{topic="${topic}"\\} (\\d+)$`, 'm');
  await expect
    .poll(async () => Number(pattern.exec(await (await page.request.get('/metrics')).text())?.[1] ?? 0), { message: `a live ${topic} subscription` })
    .toBeGreaterThan(0);
}
