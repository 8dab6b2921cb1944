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
    createdAt: createdAtColumn(),
  },
});

/** A person or service account; owner, submitter, approver and actor references point here. */
export class User extends UserSchema.class {}
UserSchema.setClass(User);

/** The service account the platform acts as (worker tasks, start-up seeding). */
export const systemUserEmail = 'system@crucible.local';
