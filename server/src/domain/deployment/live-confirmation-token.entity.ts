import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import { Deployment } from './deployment.entity.ts';

const LiveConfirmationTokenSchema = defineEntity({
  name: 'LiveConfirmationToken',
  tableName: 'live_confirmation_token',
  properties: {
    id: idColumn(),
    deployment: p.manyToOne(Deployment).deleteRule('no action'),
    /** SHA-256 (hex) of the token; the token itself is shown once to its creator and never stored. */
    tokenHash: p.string().length(64).unique(),
    /** The final authorizer who created it. */
    createdBy: p.manyToOne(User).deleteRule('no action'),
    createdAt: createdAtColumn(),
    /** After this instant the token no longer enables LIVE (the deployment runs as OBSERVE). */
    expiresAt: p.datetime(),
    /** When the runner first acted LIVE under it; null until then. */
    usedAt: p.datetime().nullable(),
    /** When it was revoked (it then enables nothing); null while not revoked. */
    revokedAt: p.datetime().nullable(),
    revokedBy: p.manyToOne(User).nullable().deleteRule('no action'),
  },
  indexes: [{ properties: ['deployment', 'expiresAt'] }],
  checks: [{ name: 'live_confirmation_token_window_check', expression: 'expires_at > created_at' }],
});

/**
 * A time-bounded confirmation that a deployment may place real orders. LIVE acts only while one is valid
 * (not revoked, clock now < expiresAt); without one the deployment runs as OBSERVE and records why.
 */
export class LiveConfirmationToken extends LiveConfirmationTokenSchema.class {}
LiveConfirmationTokenSchema.setClass(LiveConfirmationToken);

/** True when `token` enables LIVE at `now`. */
export function isConfirmationTokenValid(token: Pick<LiveConfirmationToken, 'expiresAt' | 'revokedAt'>, now: Date): boolean {
  return token.revokedAt == null && now.getTime() < token.expiresAt.getTime();
}
