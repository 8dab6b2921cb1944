import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { LiveConfirmationToken } from '../../domain/deployment/live-confirmation-token.entity.ts';
import { judgeLiveConfirmationToken, liveConfirmationTokenTtl, type LiveTokenJudgement } from '../../domain/deployment/live-confirmation-token-verdict.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isUuid } from '../../domain/ids.ts';
import { User } from '../../domain/user/user.entity.ts';
import { publishEvent } from '../../infra/events/publish-event.ts';
import type { Governance } from '../auth/authorize.ts';
import { hashSecret, newSecret } from '../auth/credentials.ts';
import type { ServiceContext } from '../service-context.ts';
import { operatorReason } from './operator-reason.ts';
import { refuseUnlessLiveConfirmationAllowed } from '../promotion/live-confirmation-authority.ts';

/** Prefix of a LIVE confirmation token (recognizable by secret scanners, like API tokens' `crucible_pat_`). */
export const liveConfirmationTokenPrefix = 'crucible_live_';

/** A token just created: the row (its SHA-256 only) and the token itself, shown this once and never stored. */
export interface CreatedLiveConfirmationToken {
  token: LiveConfirmationToken;
  secret: string;
}

/**
 * Creates a LIVE confirmation token for `deployment` in the caller's transaction `em` (the token service's `create`,
 * and the final authorizer's approval of PAPER → LIVE, which creates it in the promotion's own transaction): stores
 * its SHA-256, audits `live_confirmation_token.created` (deployment, stage, expiry — never the token) and publishes
 * `LIVE_CONFIRMATION_TOKEN_UPDATED`. The caller has authorized and checked the deployment.
 * @returns the row and the token itself, to be shown once.
 */
export async function createLiveConfirmationTokenIn(
  em: EntityManager,
  governance: Governance,
  input: { deployment: Deployment; creatorId: string; now: Date; ttlMinutes: number },
): Promise<CreatedLiveConfirmationToken> {
  const { deployment, now, ttlMinutes } = input;
  const secret = newSecret(liveConfirmationTokenPrefix);
  const token = em.create(LiveConfirmationToken, {
    deployment,
    tokenHash: hashSecret(secret),
    createdBy: em.getReference(User, input.creatorId),
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
  });
  await em.flush();
  await governance.audit.record(em, {
    action: 'live_confirmation_token.created',
    subjectType: 'LiveConfirmationToken',
    subjectId: token.id,
    details: { deploymentId: deployment.id, stage: deployment.stage, expiresAt: token.expiresAt.toISOString(), ttlMinutes },
  });
  await publishEvent(em, 'LIVE_CONFIRMATION_TOKEN_UPDATED', { id: token.id, deploymentId: deployment.id, change: 'created' });
  return { token, secret };
}

/** Deployment states a token can no longer be created for. */
const stoppedStates = ['retired', 'rolled_back'];

/**
 * LIVE confirmation tokens (promotion-framework.md §1C "Execution confirmation"): a time-bounded confirmation that a
 * deployment may place real orders. Created by production with a fresh step-up (the final authorizer of the promotion
 * ladder later), for at most a day (`liveConfirmationTokenTtl`), stored as a SHA-256 hash and shown once; revoked by
 * production or risk without a second factor (it only makes trading safer). Whether a token enables LIVE is the pure
 * `judgeLiveConfirmationToken` (valid, unknown, wrong deployment, revoked, expired) — the runner and the ladder call it.
 */
export class LiveConfirmationTokenService {
  private readonly ctx: ServiceContext;
  private readonly governance: Governance;
  constructor(ctx: ServiceContext, governance: Governance) {
    this.ctx = ctx;
    this.governance = governance;
  }

  /**
   * Creates a token for a deployment, valid for `ttlMinutes` (1–1,440; default 60) from now. Audited
   * (`live_confirmation_token.created`: deployment, expiry — never the token) and published.
   * @returns the row and the token, which is never shown again.
   * @throws ValidationError (`deploymentId`, `ttlMinutes`), NotFoundError, ConflictError (deployment retired or rolled
   *   back; the approval matrix's rule when this person may not confirm the deployment's LIVE promotion —
   *   `refuseUnlessLiveConfirmationAllowed`), ForbiddenError (production with a fresh step-up).
   */
  async create(input: { deploymentId: string; ttlMinutes?: number | null }): Promise<CreatedLiveConfirmationToken> {
    await this.governance.authorizeUseCase('createLiveConfirmationToken', input.deploymentId);
    if (!isUuid(input.deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    const ttl = liveConfirmationTokenTtl;
    const ttlMinutes = input.ttlMinutes ?? ttl.defaultMs / 60_000;
    if (!Number.isInteger(ttlMinutes) || ttlMinutes < ttl.minMs / 60_000 || ttlMinutes > ttl.maxMs / 60_000) {
      throw new ValidationError(`ttlMinutes must be a whole number of minutes from ${ttl.minMs / 60_000} to ${ttl.maxMs / 60_000} (one day at most)`, 'ttlMinutes');
    }
    const creatorId = await this.governance.actingUserId();
    return this.ctx.em.transactional(async (em) => {
      const deployment = await em.findOne(Deployment, { id: input.deploymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!deployment) throw new NotFoundError('Deployment', input.deploymentId);
      if (stoppedStates.includes(deployment.activationState)) throw new ConflictError(`deployment ${deployment.id} is ${deployment.activationState}: it is never LIVE again`);
      // The approval matrix decides who confirms LIVE (two-person rule): never the LIVE promotion's requester.
      await refuseUnlessLiveConfirmationAllowed(em, deployment, { userId: creatorId, roles: this.ctx.actor.roles });
      return createLiveConfirmationTokenIn(em, this.governance, { deployment, creatorId, now: this.ctx.clock.now(), ttlMinutes });
    });
  }

  /**
   * Revokes a token at once: from now it enables nothing. Audited with the reason and published.
   * @throws ValidationError (`tokenId`, `reason`), NotFoundError, ConflictError (already revoked), ForbiddenError
   *   (production or risk).
   */
  async revoke(tokenId: string, reason: string): Promise<LiveConfirmationToken> {
    await this.governance.authorizeUseCase('revokeLiveConfirmationToken', tokenId);
    if (!isUuid(tokenId)) throw new ValidationError('tokenId is not a LIVE confirmation token id', 'tokenId');
    const why = operatorReason(reason);
    const revokerId = await this.governance.actingUserId();
    return this.ctx.em.transactional(async (em) => {
      const token = await em.findOne(LiveConfirmationToken, { id: tokenId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!token) throw new NotFoundError('LiveConfirmationToken', tokenId);
      if (token.revokedAt) throw new ConflictError(`LIVE confirmation token ${tokenId} was already revoked at ${token.revokedAt.toISOString()}`);
      token.revokedAt = this.ctx.clock.now();
      token.revokedBy = em.getReference(User, revokerId);
      await em.flush();
      await this.governance.audit.record(em, {
        action: 'live_confirmation_token.revoked',
        subjectType: 'LiveConfirmationToken',
        subjectId: token.id,
        details: { deploymentId: token.deployment.id, expiresAt: token.expiresAt.toISOString(), reason: why },
      });
      await publishEvent(em, 'LIVE_CONFIRMATION_TOKEN_UPDATED', { id: token.id, deploymentId: token.deployment.id, change: 'revoked' });
      return token;
    });
  }

  /**
   * Whether the token `secret` enables LIVE for `deploymentId` now (`judgeLiveConfirmationToken` on the row its hash
   * finds). Reads only. @throws ForbiddenError (needs `read LiveConfirmationToken`).
   */
  async verify(deploymentId: string, secret: string): Promise<LiveTokenJudgement> {
    await this.governance.authorize('read', 'LiveConfirmationToken', deploymentId);
    const token = secret.startsWith(liveConfirmationTokenPrefix) ? await this.ctx.em.findOne(LiveConfirmationToken, { tokenHash: hashSecret(secret) }) : null;
    return judgeLiveConfirmationToken(token ? { deploymentId: token.deployment.id, expiresAt: token.expiresAt, revokedAt: token.revokedAt ?? null } : null, { deploymentId, now: this.ctx.clock.now() });
  }

  /** A deployment's tokens, newest first (hashes are never shown). @throws ValidationError, ForbiddenError */
  async list(deploymentId: string): Promise<LiveConfirmationToken[]> {
    await this.governance.authorize('read', 'LiveConfirmationToken', deploymentId);
    if (!isUuid(deploymentId)) throw new ValidationError('deploymentId is not a deployment id', 'deploymentId');
    return this.ctx.em.find(LiveConfirmationToken, { deployment: deploymentId }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: 100 });
  }
}
