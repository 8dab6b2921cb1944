import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn, idColumn } from '../columns.ts';
import { User } from '../user/user.entity.ts';
import { exchangeVenues } from './venues.ts';

const ExchangeCredentialSchema = defineEntity({
  name: 'ExchangeCredential',
  tableName: 'exchange_credential',
  properties: {
    id: idColumn(),
    /** The exchange these credentials trade on (one account per venue). */
    venue: p.enum(exchangeVenues).unique(),
    /**
     * The API key, secret (and passphrase) sealed with the secret box (AES-256-GCM), bound to this venue and row
     * (`exchange_credentials.<venue>:<id>`). Never logged, never returned by the API.
     */
    sealed: p.text(),
    /** The last 4 characters of the API key: enough for an operator to tell which key is configured. */
    keyIdSuffix: p.string().length(4),
    updatedBy: p.manyToOne(User).deleteRule('no action'),
    /** When the credentials were last set or rotated. */
    updatedAt: p.datetime(),
    createdAt: createdAtColumn(),
  },
});

/** The credentials of one exchange account (LIVE orders, balances). Set, rotated and deleted by production or admin with a step-up. */
export class ExchangeCredential extends ExchangeCredentialSchema.class {}
ExchangeCredentialSchema.setClass(ExchangeCredential);
