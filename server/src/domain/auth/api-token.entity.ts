import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';

const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: idColumn(),
    user: p.manyToOne(User).deleteRule('cascade'),
    name: p.string(),
    /** SHA-256 (hex) of the token; the token is shown once at creation and never stored. */
    secretHash: p.string().unique().hidden(),
    /** Roles in force for this token: a subset of the owner's roles at creation (and at each use). */
    roles: p.array().columnType('text[]'),
    /** Created right after a TOTP step-up: may perform production actions. */
    stepUp: p.boolean().default(false),
    /**
     * The token that created this one (null when created from a web session or by the operator CLI). A child never
     * has more roles, step-up or a later expiry than its parent, and revoking the parent revokes it.
     */
    parentTokenId: p.uuid().nullable(),
    createdAt: createdAtColumn(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['user'] }, { properties: ['parentTokenId'] }],
});

/** A bearer token for notebooks and services, created and revoked by its owner. */
export class ApiToken extends ApiTokenSchema.class {}
ApiTokenSchema.setClass(ApiToken);
