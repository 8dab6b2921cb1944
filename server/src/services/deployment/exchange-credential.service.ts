import type { EntityManager } from '@mikro-orm/postgresql';
import { ZodError } from 'zod';
import { ExchangeCredential } from '../../domain/deployment/exchange-credential.entity.ts';
import type { VenueAccount } from '../../domain/deployment/venue.ts';
import { exchangeVenues, isExchangeVenue, type ExchangeVenue } from '../../domain/deployment/venues.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { User } from '../../domain/user/user.entity.ts';
import { exchangeCredentialsContext, openExchangeCredentials, sealExchangeCredentials, type ExchangeCredentials } from '../../infra/exchange/exchange-credentials.ts';
import type { SecuritySettings } from '../../infra/security/security-settings.ts';
import type { Governance } from '../auth/authorize.ts';
import type { ServiceContext } from '../service-context.ts';

/** What may be known of a venue's credentials: whether they are set, the API key's last 4 characters, and when. */
export interface ExchangeCredentialStatus {
  venue: ExchangeVenue;
  configured: boolean;
  /** Last 4 characters of the API key; null when not configured. */
  keyIdSuffix: string | null;
  /** When they were last set or rotated; null when not configured. */
  updatedAt: Date | null;
}

/** New credentials of one venue (bounds: `exchangeCredentialsSchema`). */
export interface SetExchangeCredentialsInput {
  venue: string;
  apiKey: string;
  secret: string;
  passphrase?: string | null;
}

/**
 * Exchange credentials, one account per venue: set (or rotated) and deleted by production or admin with a fresh
 * step-up, audited (`exchange_credentials.set` / `.rotated` / `.deleted`: venue and key id suffix, never the key or
 * secret), stored sealed with the secret box and bound to their venue and row. Nothing but their status is ever read
 * back through the API; the runner opens them ({@link readVenueAccount}) to trade.
 */
export class ExchangeCredentialService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /** The status of every venue's credentials, in venue order. @throws ForbiddenError (production, risk, compliance or admin). */
  async status(): Promise<ExchangeCredentialStatus[]> {
    await this.governance.authorize('read', 'ExchangeCredential');
    const rows = await this.ctx.em.find(ExchangeCredential, {});
    return exchangeVenues.map((venue) => statusOf(venue, rows.find((row) => row.venue === venue) ?? null));
  }

  /**
   * Sets (or rotates) the credentials of a venue. @returns its status afterwards.
   * @throws ValidationError naming `venue`, `apiKey`, `secret` or `passphrase` (missing, blank, too long);
   *   ForbiddenError (production or admin with a fresh step-up).
   */
  async set(input: SetExchangeCredentialsInput): Promise<ExchangeCredentialStatus> {
    await this.governance.authorizeUseCase('setExchangeCredentials');
    const venue = venueOf(input.venue);
    const credentials: ExchangeCredentials = { apiKey: input.apiKey, secret: input.secret, ...(input.passphrase ? { passphrase: input.passphrase } : {}) };
    const updatedById = await this.governance.actingUserId();
    return this.ctx.em.transactional(async (em) => {
      const [existing] = await em.execute<{ id: string }[]>('select id from exchange_credential where venue = ? for update', [venue]);
      const id = existing?.id ?? newId();
      let sealed: string;
      try {
        sealed = sealExchangeCredentials(this.governance.security, credentials, exchangeCredentialsContext(venue, id));
      } catch (error) {
        if (error instanceof ZodError) {
          const issue = error.issues[0]!;
          throw new ValidationError(`${String(issue.path[0] ?? 'credentials')}: ${issue.message}`, String(issue.path[0] ?? 'credentials'));
        }
        throw error;
      }
      const now = this.ctx.clock.now();
      const keyIdSuffix = credentials.apiKey.trim().slice(-4).padStart(4, '*');
      if (existing) {
        await em.execute('update exchange_credential set sealed = ?, key_id_suffix = ?, updated_by_id = ?, updated_at = ? where id = ?', [sealed, keyIdSuffix, updatedById, now, id]);
      } else {
        em.create(ExchangeCredential, { id, venue, sealed, keyIdSuffix, updatedBy: em.getReference(User, updatedById), updatedAt: now });
        await em.flush();
      }
      await this.governance.audit.record(em, {
        action: existing ? 'exchange_credentials.rotated' : 'exchange_credentials.set',
        subjectType: 'ExchangeCredential',
        subjectId: id,
        details: { venue, keyIdSuffix },
      });
      this.ctx.logger.info({ venue, keyIdSuffix }, existing ? 'exchange credentials rotated' : 'exchange credentials set');
      return { venue, configured: true, keyIdSuffix, updatedAt: now };
    });
  }

  /**
   * Deletes the credentials of a venue: its LIVE deployments then run as OBSERVE (`credentials_missing`).
   * @throws ValidationError (`venue`), NotFoundError (none set), ForbiddenError (production or admin with a fresh step-up).
   */
  async delete(venueName: string): Promise<ExchangeCredentialStatus> {
    await this.governance.authorizeUseCase('deleteExchangeCredentials');
    const venue = venueOf(venueName);
    return this.ctx.em.transactional(async (em) => {
      const [row] = await em.execute<{ id: string; key_id_suffix: string }[]>('delete from exchange_credential where venue = ? returning id, key_id_suffix', [venue]);
      if (!row) throw new NotFoundError('ExchangeCredential', venue);
      await this.governance.audit.record(em, { action: 'exchange_credentials.deleted', subjectType: 'ExchangeCredential', subjectId: row.id, details: { venue, keyIdSuffix: row.key_id_suffix } });
      this.ctx.logger.info({ venue }, 'exchange credentials deleted');
      return statusOf(venue, null);
    });
  }
}

/**
 * The credentials of `venue`'s account, opened, with a version naming them (row id and update time), or null when
 * none are set. For the runner only (never returned by the API, never logged).
 * @throws Error when the sealed value does not open with this process's key (a wrong or rotated secret-box key).
 */
export async function readVenueAccount(em: EntityManager, security: SecuritySettings, venue: ExchangeVenue): Promise<VenueAccount | null> {
  const [row] = await em.execute<{ id: string; sealed: string; updated_at: Date }[]>('select id, sealed, updated_at from exchange_credential where venue = ?', [venue]);
  if (!row) return null;
  const credentials = openExchangeCredentials(security, row.sealed, exchangeCredentialsContext(venue, row.id));
  return { version: `${row.id}:${new Date(row.updated_at).getTime()}`, credentials };
}

function venueOf(venue: string): ExchangeVenue {
  if (!isExchangeVenue(venue)) throw new ValidationError(`venue must be one of ${exchangeVenues.join(', ')}`, 'venue');
  return venue;
}

function statusOf(venue: ExchangeVenue, row: ExchangeCredential | null): ExchangeCredentialStatus {
  return { venue, configured: row !== null, keyIdSuffix: row?.keyIdSuffix ?? null, updatedAt: row?.updatedAt ?? null };
}
