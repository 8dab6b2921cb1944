import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/infra/clock.ts';
import { DataVersion } from '../../src/infra/db/data-version.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { AuthenticationCache } from '../../src/services/auth/authentication-cache.ts';
import { authenticateWithExpiry } from '../../src/services/auth/credentials.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('the authentication cache', () => {
  let version: DataVersion;
  let writer: pg.Client;
  let nowMs = Date.now();
  const clock: Clock = { now: () => new Date(nowMs) };
  let cache: AuthenticationCache;
  beforeAll(async () => {
    version = new DataVersion(harness.database.appUrl, createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent'));
    await version.ready;
    writer = new pg.Client({ connectionString: harness.database.appUrl });
    await writer.connect();
    cache = new AuthenticationCache({ clock, lookUp: (credentials) => authenticateWithExpiry(harness.orm.em.fork(), clock, credentials), readVersion: () => version.generation });
  });
  afterAll(async () => {
    await writer?.end();
    await version?.close();
  });

  const newToken = async (email: string, roles: string[], expiresAt: Date | null = null) => {
    await harness.services().users.create({ email, password: `${email}-password`, roles: roles as never });
    return harness.services().auth.createApiTokenForUser(email, { name: 'cache test', expiresAt });
  };

  it('reuses an actor only while nothing was written, so a revocation on another connection counts on the next request', async () => {
    const { secret, token } = await newToken('cached-research@test.crucible.local', ['research', 'risk']);
    const first = await cache.actorFor({ bearerToken: secret }, await version.current());
    expect(first.roles).toEqual(['research', 'risk']);
    // Nothing written since: the same actor, its rows not read again.
    expect(await cache.actorFor({ bearerToken: secret }, await version.current())).toBe(first);

    // A role taken away on another connection (as an admin's replica would): the next request has the narrowed roles.
    await writer.query(`update app_user set roles = '{research}' where email = 'cached-research@test.crucible.local'`);
    const narrowed = await cache.actorFor({ bearerToken: secret }, await version.current());
    expect(narrowed.roles).toEqual(['research']);

    await writer.query('update api_token set revoked_at = now() where id = $1', [token.id]);
    expect((await cache.actorFor({ bearerToken: secret }, await version.current())).credential.kind).toBe('anonymous');
    // Without a data-version reading the rows are always read.
    expect((await cache.actorFor({ bearerToken: secret }, null)).credential.kind).toBe('anonymous');
  });

  it('stops reusing an actor when its credential expires, with nothing written', async () => {
    nowMs = Date.now();
    const { secret } = await newToken('expiring-research@test.crucible.local', ['research'], new Date(nowMs + 60_000));
    const reading = await version.current();
    const actor = await cache.actorFor({ bearerToken: secret }, reading);
    expect(actor.credential.kind).toBe('api_token');
    expect(await cache.actorFor({ bearerToken: secret }, await version.current())).toBe(actor);
    nowMs += 60_001;
    expect(await version.current()).toBe(reading);
    expect((await cache.actorFor({ bearerToken: secret }, await version.current())).credential.kind).toBe('anonymous');
  });

  it('keeps unknown secrets out and never answers one credential with another', async () => {
    const a = await newToken('first-cached@test.crucible.local', ['research']);
    const b = await newToken('second-cached@test.crucible.local', ['production']);
    const reading = await version.current();
    expect((await cache.actorFor({ bearerToken: a.secret }, reading)).roles).toEqual(['research']);
    expect((await cache.actorFor({ bearerToken: b.secret }, reading)).roles).toEqual(['production']);
    expect((await cache.actorFor({ bearerToken: `${a.secret}x` }, reading)).credential.kind).toBe('anonymous');
    expect((await cache.actorFor({}, reading)).credential.kind).toBe('anonymous');
  });
});
