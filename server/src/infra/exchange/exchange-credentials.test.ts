import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { looksSealed } from '../security/secret-box.ts';
import { makeSecuritySettings } from '../security/security-settings.ts';
import {
  exchangeCredentialsContext,
  missingCredentialFields,
  openExchangeCredentials,
  sealExchangeCredentials,
  type ExchangeCredentials,
} from './exchange-credentials.ts';
import { createExchangeVenue } from './exchange-venue.ts';

const settings = makeSecuritySettings({ secretsKeys: `k1:${randomBytes(32).toString('base64')}` });
const credentials: ExchangeCredentials = { apiKey: 'binanceus-key-7Hq2', secret: 'binanceus-secret-Zr9p', passphrase: 'unused-passphrase-4Lm' };

describe('exchange credentials', () => {
  it('are sealed with the secret box, bound to their venue and row', () => {
    const context = exchangeCredentialsContext('binanceus', '0193a1b2-0000-7000-8000-000000000001');
    const sealed = sealExchangeCredentials(settings, credentials, context);
    expect(looksSealed(sealed)).toBe(true);
    for (const value of Object.values(credentials)) expect(sealed).not.toContain(value);
    expect(openExchangeCredentials(settings, sealed, context)).toEqual(credentials);
    expect(() => openExchangeCredentials(settings, sealed, exchangeCredentialsContext('coinbase', '0193a1b2-0000-7000-8000-000000000001'))).toThrow();
    expect(() => openExchangeCredentials(settings, sealed, exchangeCredentialsContext('binanceus', '0193a1b2-0000-7000-8000-000000000002'))).toThrow();
  });

  it('refuse blank fields when sealed, and name the missing ones', () => {
    expect(() => sealExchangeCredentials(settings, { apiKey: ' ', secret: 's' }, 'c')).toThrow(/apiKey/);
    expect(missingCredentialFields('coinbase', null)).toEqual(['apiKey', 'secret']);
    expect(missingCredentialFields('coinbase', { apiKey: 'organizations/o/apiKeys/k', secret: '' })).toEqual(['secret']);
    expect(missingCredentialFields('binanceus', credentials)).toEqual([]);
  });

  it('never reach a log line, and a connector does not serialize them', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = createLogger('exchange-test', 'info', destination);
    logger.info({ credentials }, 'credentials object');
    logger.info({ venue: 'binanceus', ...credentials }, 'flattened fields');
    logger.info({ connection: { venue: 'coinbase', apiKey: credentials.apiKey, secret: credentials.secret } }, 'nested fields');
    const venue = createExchangeVenue('binanceus', credentials);
    logger.info({ connector: venue }, 'the connector itself');
    const output = lines.join('');
    expect(lines).toHaveLength(4);
    for (const value of Object.values(credentials)) expect(output).not.toContain(value);
    expect(JSON.stringify(venue)).not.toContain(credentials.secret);
  });
});
