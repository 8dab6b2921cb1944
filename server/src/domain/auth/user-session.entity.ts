import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';

const UserSessionSchema = defineEntity({
  name: 'UserSession',
  tableName: 'user_session',
  properties: {
    id: idColumn(),
    user: p.manyToOne(User).deleteRule('cascade'),
    /** SHA-256 (hex) of the secret in the cookie; the secret itself is never stored. */
    secretHash: p.string().unique().hidden(),
    createdAt: createdAtColumn(),
    expiresAt: p.datetime(),
    /** When this sign-in last passed TOTP (sign-in with a code, or a step-up); production actions need it recent. */
    totpVerifiedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
  indexes: [{ properties: ['user'] }],
});

/** A web sign-in, carried by an httpOnly SameSite cookie. */
export class UserSession extends UserSessionSchema.class {}
UserSessionSchema.setClass(UserSession);
