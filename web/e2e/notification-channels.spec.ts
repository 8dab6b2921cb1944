import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { signIn, stepUpWithTotp } from './support/auth.ts';
import { subscriptionLive } from './support/live.ts';
import { graphql } from './support/graphql.ts';
import { deleteNotificationChannel } from './support/notification-channels.ts';

/**
 * An admin sets up a webhook channel on /notifications/channels (after a TOTP step-up), sees its generated secret once,
 * sends a test message and watches the delivery log turn DELIVERED without a reload; the real worker's request reaches
 * a receiver on loopback and verifies with the generated secret.
 */
test('an admin creates a webhook channel, sends a test message, and the delivery log shows it delivered, signed', async ({ page }) => {
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
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crucible`;
  const name = `Desk hook ${Date.now().toString(36)}`;
  // Set once the channel may exist: the finally block then deletes it, whatever step failed after.
  let created = false;
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, 'admin');
    await page.goto('/notifications');
    await page.getByRole('link', { name: 'Channels & delivery log' }).click();
    await expect(page.getByRole('heading', { name: 'Notification channels' })).toBeVisible();
    await stepUpWithTotp(page.getByRole('form', { name: 'Step up with TOTP' }));
    await subscriptionLive(page, 'NOTIFICATION_DELIVERY_UPDATED');

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Endpoint URL').fill(url);
    created = true;
    await page.getByRole('button', { name: 'Create channel' }).click();
    const secretAlert = page.getByRole('alert').filter({ hasText: 'shown this once' });
    const secret = (await secretAlert.locator('code').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const row = page.getByRole('table', { name: 'Notification channels' }).locator('tbody tr', { hasText: name });
    await expect(row).toContainText('secret set');
    await expect(row).not.toContainText(secret.slice(6));

    await row.getByRole('button', { name: 'Send test' }).click();
    const logRow = page.getByRole('table', { name: 'Delivery log' }).locator('tbody tr', { hasText: name });
    await expect(logRow).toContainText('delivered');
    await expect(logRow).toContainText('HTTP 200');
    await page.screenshot({ path: test.info().outputPath('channels-1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath('channels-390.png'), fullPage: true });

    expect(received).toHaveLength(1);
    const verified = new Webhook(secret).verify(received[0]!.body, received[0]!.headers as Record<string, string>) as { type: string };
    expect(verified.type).toBe('channel.test');
    // After a reload the secret is gone for good.
    await page.reload();
    await expect(page.getByRole('table', { name: 'Notification channels' }).locator('tbody tr', { hasText: name })).toBeVisible();
    await expect(page.locator('body')).not.toContainText(secret.slice(6));
  } finally {
    // The receiver closes with the test: its channel (every role and kind) goes too, or every later notification of
    // the stack would be retried against a closed port.
    if (created) {
      const { notificationChannels } = await graphql<{ notificationChannels: { id: string; name: string }[] }>(page.request, `{ notificationChannels { id name } }`);
      const channel = notificationChannels.find((candidate) => candidate.name === name);
      if (channel) await deleteNotificationChannel(page.request, channel.id);
    }
    receiver.closeAllConnections();
    await new Promise<void>((closed) => receiver.close(() => closed()));
  }
});
