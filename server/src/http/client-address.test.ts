import { describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address.ts';

const requestFrom = (peer: string, forwardedFor?: string) => ({ socket: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as never;

describe('clientAddressOf', () => {
  it('is the TCP peer unless proxies are trusted, so a client cannot pick its own source by a header', () => {
    expect(clientAddressOf(requestFrom('10.0.0.5', '203.0.113.9'), 0)).toBe('10.0.0.5');
  });

  it('behind trusted proxies, takes the address the outermost trusted proxy saw', () => {
    expect(clientAddressOf(requestFrom('10.0.0.5', 'spoofed, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(requestFrom('10.0.0.5', 'spoofed, 203.0.113.9, 10.0.0.4'), 2)).toBe('203.0.113.9');
    expect(clientAddressOf(requestFrom('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});
