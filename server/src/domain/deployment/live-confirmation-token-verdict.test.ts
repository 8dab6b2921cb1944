import { describe, expect, it } from 'vitest';
import { judgeLiveConfirmationToken } from './live-confirmation-token-verdict.ts';

const deploymentId = 'd0000000-0000-7000-8000-000000000001';
const expiresAt = new Date('2026-12-05T12:00:00Z');
const token = { deploymentId, expiresAt, revokedAt: null };
const at = (iso: string) => ({ deploymentId, now: new Date(iso) });

describe('judgeLiveConfirmationToken', () => {
  it('is valid for its deployment until it expires', () => {
    expect(judgeLiveConfirmationToken(token, at('2026-12-05T11:59:59.999Z'))).toEqual({ verdict: 'valid', reason: 'the LIVE confirmation token is valid until 2026-12-05T12:00:00.000Z' });
  });

  it('names why it enables nothing: unknown, wrong deployment, revoked, expired (first failing check wins)', () => {
    expect(judgeLiveConfirmationToken(null, at('2026-12-05T11:00:00Z')).verdict).toBe('unknown');
    expect(judgeLiveConfirmationToken({ ...token, deploymentId: 'other' }, at('2026-12-05T11:00:00Z'))).toEqual({
      verdict: 'wrong_deployment',
      reason: `the LIVE confirmation token was created for deployment other, not ${deploymentId}`,
    });
    expect(judgeLiveConfirmationToken({ ...token, revokedAt: new Date('2026-12-05T10:00:00Z') }, at('2026-12-05T11:00:00Z')).verdict).toBe('revoked');
    expect(judgeLiveConfirmationToken(token, at('2026-12-05T12:00:00Z')).verdict).toBe('expired');
    // A revoked token of another deployment is reported as not this deployment's.
    expect(judgeLiveConfirmationToken({ ...token, deploymentId: 'other', revokedAt: new Date('2026-12-05T10:00:00Z') }, at('2026-12-05T13:00:00Z')).verdict).toBe('wrong_deployment');
    // Revoked and expired: revoked is named.
    expect(judgeLiveConfirmationToken({ ...token, revokedAt: new Date('2026-12-05T10:00:00Z') }, at('2026-12-05T13:00:00Z')).verdict).toBe('revoked');
  });
});
