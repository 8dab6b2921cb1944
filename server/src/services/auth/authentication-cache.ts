import type { Actor } from '../../domain/auth/actor.ts';
import type { Clock } from '../../infra/clock.ts';
import { apiTokenPrefix, hashSecret, sessionPrefix, type Authentication, type PresentedCredentials } from './credentials.ts';

/** Credentials remembered per process (the least recently used leave first). */
const defaultCapacity = 10_000;

interface Remembered {
  authentication: Authentication;
  /** The data version read before the rows were read (see {@link AuthenticationCache}). */
  readAt: number;
}

/**
 * The actors of recently presented credentials, so a request whose credential, token or session row and user row
 * have not changed does not read them again (issue 9 "Under load": the lookup was a database round trip per request
 * and most of a cached response's cost). An actor is reused only when (a) the caller's data-version reading — taken
 * after the request arrived, counting every write committed before it, by any process (infra/db/data-version.ts) —
 * equals the one read before its rows were read, so nothing was written since (a revocation, a role change, a
 * deactivation, a step-up all write), and (b) the credential's own expiry is still ahead on `clock`. Otherwise, or
 * without a reading (null), the rows are read again. Only credentials that authenticated are kept (an unknown secret
 * is looked up each time), under the SHA-256 of the secret, never the secret.
 */
export class AuthenticationCache {
  private readonly entries = new Map<string, Remembered>();
  /** Lookups in flight per credential key, with the count read before each was sent. */
  private readonly lookingUp = new Map<string, { readAt: number; authentication: Promise<Authentication> }>();
  private readonly clock: Clock;
  private readonly capacity: number;
  private readonly readVersion: () => number;
  private readonly lookUp: (credentials: PresentedCredentials) => Promise<Authentication>;

  /**
   * @param lookUp authenticates by reading the rows (credentials.ts authenticateWithExpiry)
   * @param readVersion the data-version count now, without a sync (read before `lookUp` runs)
   */
  constructor(options: { clock: Clock; lookUp: (credentials: PresentedCredentials) => Promise<Authentication>; readVersion: () => number; capacity?: number }) {
    this.clock = options.clock;
    this.lookUp = options.lookUp;
    this.readVersion = options.readVersion;
    this.capacity = options.capacity ?? defaultCapacity;
  }

  /** The actor of `credentials`; `version` is the caller's synced data-version reading, or null when there is none. */
  async actorFor(credentials: PresentedCredentials, version: number | null): Promise<Actor> {
    const key = keyOf(credentials);
    const remembered = key === null ? undefined : this.entries.get(key);
    if (remembered && version !== null && remembered.readAt === version && isUnexpired(remembered.authentication, this.clock)) {
      this.entries.delete(key!);
      this.entries.set(key!, remembered);
      return remembered.authentication.actor;
    }
    if (key === null) return (await this.lookUp(credentials)).actor;
    // Requests whose reading equals the count read before a lookup of the same credential now running share it: no
    // write committed between that read and their sync, so its rows are what they would read themselves.
    const running = this.lookingUp.get(key);
    if (running && version !== null && running.readAt === version) {
      const shared = await running.authentication;
      if (isUnexpired(shared, this.clock)) return shared.actor;
    }
    const readAt = this.readVersion();
    const lookUp = this.lookUp(credentials);
    this.lookingUp.set(key, { readAt, authentication: lookUp });
    let authentication: Authentication;
    try {
      authentication = await lookUp;
    } finally {
      if (this.lookingUp.get(key)?.authentication === lookUp) this.lookingUp.delete(key);
    }
    this.entries.delete(key);
    if (authentication.actor.credential.kind !== 'anonymous') {
      this.entries.set(key, { authentication, readAt });
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.capacity) break;
        this.entries.delete(oldest);
      }
    }
    return authentication.actor;
  }
}

const isUnexpired = (authentication: Authentication, clock: Clock) => authentication.expiresAtMs === null || authentication.expiresAtMs > clock.now().getTime();

/** The secret `authenticate` would look up (the same precedence), hashed; null when there is none. */
function keyOf(credentials: PresentedCredentials): string | null {
  const bearer = credentials.bearerToken?.trim();
  if (bearer?.startsWith(apiTokenPrefix)) return `t:${hashSecret(bearer)}`;
  const session = bearer?.startsWith(sessionPrefix) ? bearer : credentials.sessionSecret;
  return session ? `s:${hashSecret(session)}` : null;
}
