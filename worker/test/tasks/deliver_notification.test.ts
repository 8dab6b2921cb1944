import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '@crucible/server/domain';
import { createLogger } from '@crucible/server/infra';
import { createSystemServices, type NotificationMessage, type ServiceSettings } from '@crucible/server/services';
import { servicesActingAs } from '../../../server/test/support/test-services.ts';
import { waitUntil } from '../../../server/test/support/wait-until.ts';
import { useWorkerHarness } from '../support/worker-harness.ts';

const harness = useWorkerHarness({ database: 'test' });

/** Retries fast enough for a test: 3 attempts, 60 ms then 90 ms (capped). */
const delivery = (extra: Partial<NonNullable<ServiceSettings['notificationDelivery']>> = {}): NonNullable<ServiceSettings['notificationDelivery']> => ({
  retry: { maxAttempts: 3, baseDelayMs: 60, maxDelayMs: 90 },
  webhookTimeoutMs: 400,
  smtp: null,
  ...extra,
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback; `answer` decides each request's status (null = never answer: a hanging endpoint). */
async function startReceiver(answer: (index: number) => number | null): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const hanging: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') }) - 1;
      const status = answer(index);
      if (status === null) hanging.push(() => response.destroy());
      else response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  closers.push(async () => {
    for (const release of hanging) release();
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/crucible?source=test`, received };
}

const secret = `whsec_${Buffer.from('a-test-signing-secret-of-32-bytes!').toString('base64')}`;

async function adminWith(settings: ServiceSettings['notificationDelivery']) {
  harness.settings.notificationDelivery = settings;
  return servicesActingAs(harness.orm, 'ada@admin.test', ['admin'], { stepUp: true, settings: { notificationDelivery: settings } });
}

/** What the monitor's rollback does: notify inside its own use-case transaction. */
async function notifyInTransaction(audiences: Role[], message: NotificationMessage, options: { rollBack?: boolean } = {}) {
  const services = createSystemServices(harness.orm, harness.settings, harness.logger);
  const started = performance.now();
  await harness.orm.em
    .fork()
    .transactional(async (em) => {
      await services.notifications.notifyIn(em, audiences, message);
      if (options.rollBack) throw new Error('rolled back on purpose');
    })
    .catch((error: unknown) => {
      if (!options.rollBack) throw error;
    });
  return performance.now() - started;
}

const rows = async <T>(sql: string, parameters: unknown[] = []) => (await harness.pool.query(sql, parameters)).rows as T[];
const deliveryRows = () =>
  rows<{ id: string; status: string; attempts: number; last_http_status: number | null; last_error: string | null; next_attempt_at: Date | null; payload: Record<string, unknown>; last_response: string | null }>(
    'select * from notification_delivery order by created_at',
  );
const attemptRows = (deliveryId: string) =>
  rows<{ attempt: number; outcome: string; http_status: number | null; error: string | null; started_at: Date; next_attempt_at: Date | null; duration_ms: number }>(
    'select * from notification_delivery_attempt where delivery_id = $1 order by attempt',
    [deliveryId],
  );
/** The Subject header of a raw message, its RFC 2047 Q-encoded words decoded (nodemailer encodes non-ASCII subjects). */
function decodedSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)![1]!.replace(/\r?\n[ \t]/g, ' ');
  return header
    .replace(/\?= =\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_match, text: string) => Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))), 'latin1').toString('utf8'));
}

const criticalIncident: NotificationMessage = {
  kind: 'incident.opened',
  message: 'Critical drawdown incident on builtin-sma-crossover: drawdown 23 % breached the 20 % policy — rolled back.',
  subjectType: 'MonitoringIncident',
  subjectId: '0193a1b2-0000-7000-8000-000000000001',
  details: { severity: 'critical', incidentType: 'drawdown', drawdown: -0.23 },
};

describe('deliver_notification: webhooks signed per Standard Webhooks', () => {
  it('a notification written in a transaction reaches a loopback receiver, signed: it verifies with standardwebhooks, a tampered body does not; a rollback sends nothing', async () => {
    const receiver = await startReceiver(() => 204);
    const admin = await adminWith(delivery());
    const { channel, generatedSecret } = await admin.notificationChannels.create({ name: 'Risk desk hook', kind: 'webhook', audiences: ['risk'], minimumSeverity: 'warning', url: receiver.url, secret });
    expect(generatedSecret).toBeNull();
    await admin.notificationChannels.create({ name: 'Research mail', kind: 'email', audiences: ['research'], recipients: ['lab@example.com'] });
    await admin.notificationChannels.create({ name: 'Only criticals of compliance', kind: 'webhook', audiences: ['compliance'], minimumSeverity: 'critical', url: receiver.url });

    // A rolled-back use-case notifies nobody: no notification, no delivery, no job.
    await notifyInTransaction(['risk'], criticalIncident, { rollBack: true });
    expect(await deliveryRows()).toEqual([]);
    expect(await rows(`select 1 from graphile_worker.jobs where task_identifier = 'deliver_notification'`)).toEqual([]);

    await notifyInTransaction(['risk', 'production'], criticalIncident);
    const [queued, ...others] = await deliveryRows();
    expect(others).toEqual([]); // the email channel (research) and the compliance hook do not match
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    expect(receiver.received).toEqual([]); // nothing is sent inside the writer's transaction

    await harness.runDueJobs();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const headers = { 'webhook-id': String(request!.headers['webhook-id']), 'webhook-timestamp': String(request!.headers['webhook-timestamp']), 'webhook-signature': String(request!.headers['webhook-signature']) };
    expect(headers['webhook-id']).toBe(queued!.id);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const verified = new Webhook(secret).verify(request!.body, headers) as { type: string; data: Record<string, unknown> };
    expect(verified).toMatchObject({ type: 'incident.opened', data: { kind: 'incident.opened', severity: 'critical', message: criticalIncident.message, audiences: ['risk'], details: { drawdown: -0.23 } } });
    const tampered = request!.body.replace('23 %', '2 %');
    expect(tampered).not.toBe(request!.body);
    expect(() => new Webhook(secret).verify(tampered, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(`whsec_${Buffer.from('another-secret-entirely-32-bytes!!').toString('base64')}`).verify(request!.body, headers)).toThrow(WebhookVerificationError);

    const [delivered] = await deliveryRows();
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, last_http_status: 204, last_error: null, next_attempt_at: null });
    expect(await attemptRows(delivered!.id)).toMatchObject([{ attempt: 1, outcome: 'delivered', http_status: 204 }]);
    // A duplicate job for a delivered delivery sends nothing again.
    await harness.pool.query(`select graphile_worker.add_job('deliver_notification', json_build_object('deliveryId', $1::text))`, [delivered!.id]);
    await harness.runDueJobs();
    expect(receiver.received).toHaveLength(1);
    expect(channel.id).toBeTruthy();
  });

  it('a receiver answering 500 is retried with exponential backoff under the same webhook-id, every attempt logged, until it succeeds', async () => {
    const receiver = await startReceiver((index) => (index < 2 ? 500 : 200));
    const admin = await adminWith(delivery());
    await admin.notificationChannels.create({ name: 'Flaky hook', kind: 'webhook', audiences: ['risk'], url: receiver.url, secret });
    await notifyInTransaction(['risk'], criticalIncident);
    const [first] = await deliveryRows();
    await waitUntil('the third attempt succeeds', async () => {
      await harness.runDueJobs();
      return (await deliveryRows())[0]!.status === 'delivered';
    });
    expect((await deliveryRows())[0]).toMatchObject({ status: 'delivered', attempts: 3, last_http_status: 200, last_error: null, next_attempt_at: null });
    expect(receiver.received).toHaveLength(3);
    const attempts = await attemptRows(first!.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.http_status, attempt.error])).toEqual([
      [1, 'failed', 500, 'the endpoint answered HTTP 500'],
      [2, 'failed', 500, 'the endpoint answered HTTP 500'],
      [3, 'delivered', 200, null],
    ]);
    // Backoff from the end of each failed attempt: 60 ms after the first, then 120 ms capped at 90 ms; no attempt ran before its time.
    const waits = attempts.slice(0, 2).map((attempt) => attempt.next_attempt_at!.getTime() - attempt.started_at.getTime() - attempt.duration_ms);
    expect(waits).toEqual([60, 90]);
    for (const index of [1, 2]) expect(attempts[index]!.started_at.getTime()).toBeGreaterThanOrEqual(attempts[index - 1]!.next_attempt_at!.getTime());
    expect(new Set(receiver.received.map((request) => request.headers['webhook-id']))).toEqual(new Set([first!.id]));
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);
    for (const request of receiver.received) expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    expect(await rows(`select 1 from graphile_worker.jobs where task_identifier = 'deliver_notification'`)).toEqual([]);
  });

  it('gives up after the last attempt (FAILED, nothing left queued), and a receiver that never answers is cut off at the timeout without delaying the notifying transaction', async () => {
    const failing = await startReceiver(() => 500);
    const hanging = await startReceiver(() => null);
    const admin = await adminWith(delivery({ retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 50 }, webhookTimeoutMs: 300 }));
    const { channel: failingChannel } = await admin.notificationChannels.create({ name: 'Always 500', kind: 'webhook', audiences: ['risk'], url: failing.url, secret });
    const { channel: hangingChannel } = await admin.notificationChannels.create({ name: 'Never answers', kind: 'webhook', audiences: ['risk'], url: hanging.url, secret });

    const transactionMs = await notifyInTransaction(['risk'], criticalIncident);
    // The writer's transaction committed before any endpoint was called.
    expect(failing.received.length + hanging.received.length).toBe(0);
    await waitUntil('both deliveries end', async () => {
      await harness.runDueJobs();
      return (await deliveryRows()).every((row) => row.status === 'failed');
    });
    const byChannel = async (channelId: string) => (await rows<{ id: string; status: string; attempts: number; next_attempt_at: Date | null; last_error: string }>('select * from notification_delivery where channel_id = $1', [channelId]))[0]!;
    const gaveUp = await byChannel(failingChannel.id);
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 2, next_attempt_at: null, last_error: 'the endpoint answered HTTP 500' });
    expect(failing.received).toHaveLength(2);
    expect(hanging.received).toHaveLength(2);
    const timedOut = await byChannel(hangingChannel.id);
    expect(timedOut).toMatchObject({ status: 'failed', attempts: 2, next_attempt_at: null, last_error: 'no answer within 300 ms (timed out)' });
    for (const attempt of await attemptRows(timedOut.id)) {
      expect(attempt.duration_ms).toBeGreaterThanOrEqual(290);
      expect(attempt.duration_ms).toBeLessThan(2_000);
    }
    expect(await rows(`select 1 from graphile_worker.jobs where task_identifier = 'deliver_notification'`)).toEqual([]);
    console.log(JSON.stringify({ notifying_transaction_ms: Math.round(transactionMs), webhook_timeout_ms: 300 }));
  });
});

describe('deliver_notification: email over SMTP', () => {
  it('reaches a loopback SMTP sink (signed in as the configured user), the reply is logged; without an SMTP server the delivery fails with that reason', async () => {
    const messages: { from: string; to: string[]; user: string | undefined; raw: string }[] = [];
    const sink = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'crucible' && auth.password === 'smtp-pass-9f2c') callback(null, { user: auth.username });
        else callback(new Error('invalid credentials'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          messages.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), user: session.user as string | undefined, raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((ready) => sink.listen(0, '127.0.0.1', ready));
    closers.push(() => new Promise<void>((closed) => sink.close(() => closed())));
    const port = (sink.server.address() as AddressInfo).port;
    const logLines: string[] = [];
    harness.logger = createLogger('worker-test', 'trace', new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString('utf8')), done()) }));
    const smtp = { host: '127.0.0.1', port, secure: false, requireTls: false, user: 'crucible', password: 'smtp-pass-9f2c', from: 'alerts@crucible.test', timeoutMs: 5_000 };
    const admin = await adminWith(delivery({ smtp }));
    await admin.notificationChannels.create({ name: 'Production on call', kind: 'email', audiences: ['production'], recipients: ['oncall@example.com', 'desk@example.com'] });
    await notifyInTransaction(['production', 'risk'], criticalIncident);
    await harness.runDueJobs();

    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail).toMatchObject({ from: 'alerts@crucible.test', to: ['oncall@example.com', 'desk@example.com'], user: 'crucible' });
    expect(decodedSubject(mail!.raw)).toBe(`[Crucible] CRITICAL incident.opened: ${criticalIncident.message}`);
    expect(mail!.raw).toContain('drawdown: -0.23');
    const [row] = await deliveryRows();
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_http_status: null });
    expect(mail!.raw).toContain(`Message-ID: <${row!.id}@crucible>`);
    expect(row!.last_response).toMatch(/^250 /);
    expect(logLines.join('\n')).not.toContain('smtp-pass-9f2c');

    // Without an SMTP server: the attempt fails with the reason, and is retried like any other failure.
    harness.settings.notificationDelivery = delivery({ retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10 } });
    const unconfigured = await servicesActingAs(harness.orm, 'ada@admin.test', ['admin'], { stepUp: true, settings: { notificationDelivery: harness.settings.notificationDelivery } });
    const test = await unconfigured.notificationChannels.sendTest((await unconfigured.notificationChannels.list())[0]!.id);
    await harness.runDueJobs();
    expect((await rows<{ status: string; last_error: string }>('select status, last_error from notification_delivery where id = $1', [test.id]))[0]).toEqual({
      status: 'failed',
      last_error: 'no SMTP server is configured (SMTP_HOST)',
    });
  });
});

describe('secrets', () => {
  it('the signing secret is stored sealed and appears in no delivery, attempt, payload, audit event or log line', async () => {
    const receiver = await startReceiver(() => 200);
    const logLines: string[] = [];
    harness.logger = createLogger('worker-test', 'trace', new Writable({ write: (chunk: Buffer, _encoding, done) => (logLines.push(chunk.toString('utf8')), done()) }));
    const admin = await adminWith(delivery());
    const { channel } = await admin.notificationChannels.create({ name: 'Sealed', kind: 'webhook', audiences: ['risk'], url: receiver.url, secret });
    const { generatedSecret } = await admin.notificationChannels.update(channel.id, { rotateSecret: true });
    expect(generatedSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await notifyInTransaction(['risk'], criticalIncident);
    await harness.runDueJobs();
    const request = receiver.received[0]!;
    expect(() => new Webhook(generatedSecret!).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toThrow(WebhookVerificationError);

    const [stored] = await rows<{ sealed_secret: string }>('select sealed_secret from notification_channel where id = $1', [channel.id]);
    expect(stored!.sealed_secret).toMatch(/^[\w-]+:[A-Za-z0-9+/=]{16}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]+$/);
    const everything = JSON.stringify([
      await rows('select * from notification_delivery'),
      await rows('select * from notification_delivery_attempt'),
      await rows(`select action, details from audit_event where action like 'notification_channel.%'`),
      await rows('select * from graphile_worker.jobs'),
    ]);
    for (const value of [secret, generatedSecret!, secret.slice(6), generatedSecret!.slice(6)]) {
      expect(everything).not.toContain(value);
      expect(logLines.join('\n')).not.toContain(value);
    }
    expect(everything).toContain('"secretRotated"');
  });
});
