import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';

/** Kinds of principal: people sign in; service accounts act for the platform (scorecards, automated rollbacks). */
export const userKinds = ['human', 'service'] as const;
export type UserKind = (typeof userKinds)[number];

const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: idColumn(),
    email: p.string().unique(),
    displayName: p.string(),
    kind: p.enum(userKinds).default('human'),
    /** Roles held (research, production, risk, compliance, admin); grants and revokes are audited. */
    roles: p.array().columnType('text[]').defaultRaw("'{}'"),
    /** argon2id PHC string; null for service accounts and users who have not been given a password. */
    passwordHash: p.text().nullable().hidden(),
    /** Deactivated users cannot sign in; their sessions, tokens and sockets stop working. */
    active: p.boolean().default(true),
    /** TOTP secret sealed with AES-256-GCM (`keyId:iv:tag:ciphertext`); pending until `totpEnabledAt` is set. */
    totpSecret: p.text().nullable().hidden(),
    totpEnabledAt: p.datetime().nullable(),
    /** The last TOTP time step (Unix time / 30 s) a code was accepted for: a code is accepted once (RFC 6238 §5.2). */
    totpLastStep: p.bigint('number').nullable().hidden(),
    /** Created by demo mode with a published password; production mode refuses to start while one is active. */
    demo: p.boolean().default(false),
    createdAt: createdAtColumn(),
  },
});

/** A person or service account; owner, submitter, approver and actor references point here. */
export class User extends UserSchema.class {}
UserSchema.setClass(User);

/** The service account the platform acts as (worker tasks, start-up seeding). */
export const systemUserEmail = 'system@crucible.local';
