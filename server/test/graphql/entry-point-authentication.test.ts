import { describe, expect, it } from 'vitest';
import { connectedAs } from '../support/postgres-client.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

/**
 * Every entry point (graphql-ws connections, the streaming upload, report downloads — besides POST /graphql, see
 * response-cache.test.ts) authenticates through the server's authentication cache: a credential that just worked is
 * remembered, so these tests fail if a remembered actor outlives a revocation or a role change written on another
 * connection (as another process or replica would write it).
 */
describe('cached authentication on every entry point', () => {
  const userWithToken = async (email: string, roles: string[]) => {
    await api.services().users.create({ email, password: `${email}-password`, roles: roles as never });
    return api.services().auth.createApiTokenForUser(email, { name: 'entry point test' });
  };
  const revokeElsewhere = (tokenId: string) => connectedAs(api.database.appUrl, (other) => other.query('update api_token set revoked_at = now() where id = $1', [tokenId]));

  it('refuses a graphql-ws connection on the first attempt after its token is revoked', async () => {
    const { secret, token } = await userWithToken('ws-revoked@test.crucible.local', ['research']);
    for (let attempt = 0; attempt < 2; attempt++) await (await api.wsClient({ token: secret })).dispose();
    await revokeElsewhere(token.id);
    await expect(api.wsClient({ token: secret })).rejects.toThrow(/socket closed: 4403/);
  });

  it('refuses a report download at once after a role is taken away, then after the token is revoked', async () => {
    const email = 'report-narrowed@test.crucible.local';
    const { secret, token } = await userWithToken(email, ['research', 'compliance']);
    const download = () => fetch(`${api.server.url}/reports/audit.csv?from=2000-01-01T00:00:00Z`, { headers: { authorization: `Bearer ${secret}` } });
    for (let attempt = 0; attempt < 2; attempt++) expect((await download()).status).toBe(200);
    await connectedAs(api.database.appUrl, (other) => other.query(`update app_user set roles = '{research}' where email = $1`, [email]));
    expect((await download()).status).toBe(403);
    await revokeElsewhere(token.id);
    expect((await download()).status).toBe(401);
  });

  it('refuses a market-data upload at once after its token is revoked', async () => {
    const { secret, token } = await userWithToken('upload-revoked@test.crucible.local', ['research']);
    const upload = async () => {
      const response = await fetch(`${api.server.url}/import/market-data?fileName=entry-point_1h.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${secret}` },
        body: 'timestamp,open,high,low,close,volume\n',
      });
      return { status: response.status, body: (await response.json()) as { errors?: { extensions: { code: string } }[] } };
    };
    // Signed in: the (empty) file itself is what is refused.
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await upload();
      expect(answer.status).toBe(400);
      expect(answer.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
    await revokeElsewhere(token.id);
    const refused = await upload();
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
