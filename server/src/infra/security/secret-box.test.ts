import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { looksSealed, openJson, openSecret, sealJson, sealSecret } from './secret-box.ts';
import { makeSecuritySettings } from './security-settings.ts';

const key = () => randomBytes(32).toString('base64');

describe('secret box', () => {
  const old = key();
  const settings = makeSecuritySettings({ secretsKeys: `k2:${key()},k1:${old}` });

  it('seals JSON bound to its context: it opens there and nowhere else', () => {
    const config = { apiKey: 'exchange-key-123', apiSecret: 'exchange-secret-456', capital: 250_000 };
    const sealed = sealJson(settings, config, 'live_deployment.config:0193a1')!;
    expect(looksSealed(sealed)).toBe(true);
    expect(sealed.startsWith('k2:')).toBe(true);
    expect(sealed).not.toContain('exchange-secret-456');
    expect(openJson(settings, sealed, 'live_deployment.config:0193a1')).toEqual(config);
    expect(() => openJson(settings, sealed, 'live_deployment.config:0193a2')).toThrow();
    expect(() => openSecret(settings, sealed)).toThrow();
  });

  it('refuses tampered data and opens values sealed under a rotated-out key', () => {
    const sealed = sealSecret(settings, 'smtp-password');
    const [keyId, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openSecret(settings, [keyId, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    const underOldKey = sealSecret(makeSecuritySettings({ secretsKeys: `k1:${old}` }), 'webhook-secret', 'webhook.secret:1');
    expect(openSecret(settings, underOldKey, 'webhook.secret:1')).toBe('webhook-secret');
    expect(() => openSecret(makeSecuritySettings({ secretsKeys: `k3:${key()}` }), underOldKey, 'webhook.secret:1')).toThrow(/unknown key id "k1"/);
  });
});
