import { describe, expect, it } from 'vitest';
import { toDetailEntries } from './detail-entries.ts';

describe('toDetailEntries', () => {
  it('flattens nested objects and lists into typed leaves, keys alphabetically, list items by index', () => {
    expect(
      toDetailEntries({ reason: 'go', capitalGuardrails: { staging: 0.02, production: 0.05 }, roles: ['risk', 'admin'], demo: true, previous: null }),
    ).toEqual([
      { path: 'capitalGuardrails.production', value: 0.05 },
      { path: 'capitalGuardrails.staging', value: 0.02 },
      { path: 'demo', value: true },
      { path: 'previous', value: null },
      { path: 'reason', value: 'go' },
      { path: 'roles.0', value: 'risk' },
      { path: 'roles.1', value: 'admin' },
    ]);
  });

  it('keeps empty lists and objects as one null entry, and lists of objects by index', () => {
    expect(toDetailEntries({ alsoRevoked: [], overrides: [{ name: 'fastPeriod', max: 40 }], extra: {} })).toEqual([
      { path: 'alsoRevoked', value: null },
      { path: 'extra', value: null },
      { path: 'overrides.0.max', value: 40 },
      { path: 'overrides.0.name', value: 'fastPeriod' },
    ]);
  });
});
