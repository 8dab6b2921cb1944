import { describe, expect, it } from 'vitest';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const channelFields = 'id name kind enabled audiences notificationKinds minimumSeverity url recipients hasSecret createdAt deletedAt';
const create = `mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { channel { ${channelFields} } generatedSecret } }`;
const given = `whsec_${Buffer.from('graphql-test-signing-secret-32-bytes').toString('base64')}`;

interface ChannelNode {
  id: string;
  name: string;
  kind: string;
  url: string | null;
  hasSecret: boolean;
  audiences: string[];
  minimumSeverity: string;
}

describe('GraphQL notification channels', () => {
  it('admins create webhook and email channels; the API shows only whether a secret is set — a generated one once, in its creating payload', async () => {
    const withSecret = await api.request<{ createNotificationChannel: { channel: ChannelNode; generatedSecret: string | null } }>(
      create,
      { input: { name: 'Risk hook', kind: 'WEBHOOK', audiences: ['RISK', 'PRODUCTION'], minimumSeverity: 'WARNING', notificationKinds: ['incident.opened'], url: 'https://alerts.example.com/hooks/crucible', secret: given } },
      { role: 'admin' },
    );
    expect(withSecret.errors).toBeUndefined();
    expect(withSecret.data!.createNotificationChannel).toMatchObject({ channel: { name: 'Risk hook', kind: 'WEBHOOK', hasSecret: true, audiences: ['RISK', 'PRODUCTION'], minimumSeverity: 'WARNING' }, generatedSecret: null });
    expect(JSON.stringify(withSecret)).not.toContain(given.slice(6));

    const generated = await api.request<{ createNotificationChannel: { channel: ChannelNode; generatedSecret: string } }>(
      create,
      { input: { name: 'Generated hook', kind: 'WEBHOOK', audiences: ['RISK'], url: 'https://alerts.example.com/other' } },
      { role: 'admin' },
    );
    const generatedSecret = generated.data!.createNotificationChannel.generatedSecret;
    expect(generatedSecret).toMatch(/^whsec_/);
    const mail = await api.request(create, { input: { name: 'Desk mail', kind: 'EMAIL', audiences: ['PRODUCTION'], recipients: ['desk@example.com'] } }, { role: 'admin' });
    expect(mail.errors).toBeUndefined();

    for (const role of ['admin', 'compliance'] as const) {
      const listed = await api.request<{ notificationChannels: ChannelNode[] }>(`{ notificationChannels { ${channelFields} } }`, {}, { role });
      expect(listed.errors, role).toBeUndefined();
      expect(listed.data!.notificationChannels.map((channel) => [channel.name, channel.hasSecret])).toEqual([
        ['Desk mail', false],
        ['Generated hook', true],
        ['Risk hook', true],
      ]);
      const text = JSON.stringify(listed);
      expect(text).not.toContain(given.slice(6));
      expect(text).not.toContain(generatedSecret.slice(6));
    }
    const sealed = await api.orm.em.fork().execute<{ sealed_secret: string }[]>(`select sealed_secret from notification_channel where name = 'Risk hook'`);
    expect(sealed[0]!.sealed_secret).not.toContain(given.slice(6));

    // Rotation returns the new secret once; a later read does not.
    const id = generated.data!.createNotificationChannel.channel.id;
    const rotated = await api.request<{ updateNotificationChannel: { generatedSecret: string } }>(
      `mutation($input: UpdateNotificationChannelInput!) { updateNotificationChannel(input: $input) { channel { hasSecret } generatedSecret } }`,
      { input: { channelId: id, rotateSecret: true, minimumSeverity: 'CRITICAL' } },
      { role: 'admin' },
    );
    expect(rotated.data!.updateNotificationChannel.generatedSecret).toMatch(/^whsec_/);
    expect(rotated.data!.updateNotificationChannel.generatedSecret).not.toBe(generatedSecret);
    const read = await api.request(`query($id: ID!) { notificationChannel(id: $id) { ${channelFields} } }`, { id }, { role: 'admin' });
    expect(JSON.stringify(read)).not.toContain(rotated.data!.updateNotificationChannel.generatedSecret.slice(6));
    expect(read.data).toMatchObject({ notificationChannel: { minimumSeverity: 'CRITICAL', hasSecret: true } });
  });

  it('refuses other roles, and names the field of bad input', async () => {
    const input = { name: 'Not yours', kind: 'WEBHOOK', audiences: ['RISK'], url: 'https://alerts.example.com/x' };
    for (const role of ['research', 'production', 'risk', 'compliance'] as const) {
      const refused = await api.request(create, { input }, { role });
      expect(refused.errors![0]!.extensions, role).toMatchObject({ code: 'FORBIDDEN' });
    }
    const bad = async (patch: Record<string, unknown>) => (await api.request(create, { input: { ...input, ...patch } }, { role: 'admin' })).errors![0]!.extensions;
    expect(await bad({ url: 'ftp://alerts.example.com/x' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(await bad({ url: 'https://user:pw@alerts.example.com/x' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(await bad({ url: `https://alerts.example.com/${'x'.repeat(2100)}` })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad({ secret: 'whsec_short' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'secret' });
    expect(await bad({ audiences: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audiences' });
    expect(await bad({ notificationKinds: ['pizza.ready'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'notificationKinds' });
    expect(await bad({ kind: 'EMAIL', url: null, recipients: ['not-an-address'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipients' });
    expect(await bad({ name: ' ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('a test send queues a delivery the delivery log shows (admin, risk, compliance; not research)', async () => {
    const created = await api.request<{ createNotificationChannel: { channel: ChannelNode } }>(
      create,
      { input: { name: 'Log hook', kind: 'WEBHOOK', audiences: ['RISK'], url: 'http://127.0.0.1:9/nowhere', secret: given } },
      { role: 'admin' },
    );
    const channelId = created.data!.createNotificationChannel.channel.id;
    const sent = await api.request<{ sendTestNotification: { delivery: { id: string; status: string; event: string; channelName: string } } }>(
      `mutation($input: NotificationChannelRefInput!) { sendTestNotification(input: $input) { delivery { id status event channelName message } } }`,
      { input: { channelId } },
      { role: 'admin' },
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendTestNotification.delivery).toMatchObject({ status: 'PENDING', event: 'channel.test', channelName: 'Log hook' });
    const log = `query($channelId: ID) { notificationDeliveries(channelId: $channelId) { totalCount edges { node { id status event attempts maxAttempts channelName channelKind severity message attemptLog { attempt } } } } }`;
    for (const role of ['admin', 'risk', 'compliance'] as const) {
      const listed = await api.request<{ notificationDeliveries: { totalCount: number } }>(log, { channelId }, { role });
      expect(listed.errors, role).toBeUndefined();
      expect(listed.data!.notificationDeliveries.totalCount).toBe(1);
      expect(JSON.stringify(listed)).not.toContain(given.slice(6));
    }
    expect((await api.request(log, { channelId }, { role: 'research' })).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const deleted = await api.request<{ deleteNotificationChannel: { channel: { deletedAt: string | null; hasSecret: boolean } } }>(
      `mutation($input: NotificationChannelRefInput!) { deleteNotificationChannel(input: $input) { channel { deletedAt hasSecret } } }`,
      { input: { channelId } },
      { role: 'admin' },
    );
    expect(deleted.data!.deleteNotificationChannel.channel).toMatchObject({ hasSecret: false });
    expect(deleted.data!.deleteNotificationChannel.channel.deletedAt).not.toBeNull();
    const audit = await api.orm.em.fork().execute<{ action: string; details: Record<string, unknown> }[]>(`select action, details from audit_event where action like 'notification_channel.%' order by sequence`);
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['notification_channel.created', 'notification_channel.test_sent', 'notification_channel.deleted']));
    expect(JSON.stringify(audit)).not.toContain(given.slice(6));
  });
});
