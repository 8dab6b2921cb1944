import { describe, expect, it } from 'vitest';
import { binanceUsStatusTable, coinbaseStatusTable, normalizeVenueStatus } from './order-status-table.ts';
import type { OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';

/** [venue, raw status, filled base units, our state] — every documented word of both venues, and the traps. */
const cases: [ExchangeVenue, string | null, number, OrderState][] = [
  ['binanceus', 'NEW', 0, 'accepted'],
  ['binanceus', 'PENDING_NEW', 0, 'accepted'],
  ['binanceus', 'PARTIALLY_FILLED', 0.2, 'partially_filled'],
  ['binanceus', 'FILLED', 0.5, 'filled'],
  ['binanceus', 'CANCELED', 0, 'canceled'],
  ['binanceus', 'CANCELED', 0.2, 'canceled'],
  ['binanceus', 'PENDING_CANCEL', 0, 'accepted'],
  ['binanceus', 'PENDING_CANCEL', 0.2, 'partially_filled'],
  ['binanceus', 'REJECTED', 0, 'rejected'],
  ['binanceus', 'EXPIRED', 0.2, 'expired'],
  ['binanceus', 'EXPIRED_IN_MATCH', 0, 'expired'],
  ['coinbase', 'PENDING', 0, 'accepted'],
  ['coinbase', 'OPEN', 0, 'accepted'],
  ['coinbase', 'OPEN', 0.004, 'partially_filled'],
  ['coinbase', 'FILLED', 0.01, 'filled'],
  ['coinbase', 'CANCELLED', 0, 'canceled'],
  ['coinbase', 'CANCELLED', 0.004, 'canceled'],
  ['coinbase', 'EXPIRED', 0, 'expired'],
  ['coinbase', 'FAILED', 0, 'rejected'],
  ['coinbase', 'QUEUED', 0, 'unresolved'],
  ['coinbase', 'CANCEL_QUEUED', 0, 'unresolved'],
  ['coinbase', 'EDIT_QUEUED', 0, 'unresolved'],
  ['coinbase', 'UNKNOWN_ORDER_STATUS', 0, 'unresolved'],
  // Words of the other venue, other spellings, unknown words, inherited object keys and no word at all: unresolved.
  ['binanceus', 'CANCELLED', 0, 'unresolved'],
  ['binanceus', 'OPEN', 0, 'unresolved'],
  ['coinbase', 'CANCELED', 0, 'unresolved'],
  ['coinbase', 'filled', 0.01, 'unresolved'],
  ['coinbase', 'closed', 0.01, 'unresolved'],
  ['binanceus', 'constructor', 0, 'unresolved'],
  ['binanceus', '__proto__', 0, 'unresolved'],
  ['binanceus', '', 0, 'unresolved'],
  ['coinbase', null, 0, 'unresolved'],
];

describe('venue status tables', () => {
  it.each(cases)('%s %s with %d filled → %s', (venue, raw, filled, state) => {
    const normalized = normalizeVenueStatus(venue, raw, filled);
    expect(normalized.status).toBe(state);
    expect(normalized.rawStatus).toBe(raw === '' ? null : raw);
    expect(normalized.meaning.length).toBeGreaterThan(0);
  });

  it('covers each documented status word of both venues, and only those', () => {
    expect(Object.keys(binanceUsStatusTable).sort()).toEqual(
      ['CANCELED', 'EXPIRED', 'EXPIRED_IN_MATCH', 'FILLED', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'PENDING_NEW', 'REJECTED'].sort(),
    );
    expect(Object.keys(coinbaseStatusTable).sort()).toEqual(
      ['CANCELLED', 'CANCEL_QUEUED', 'EDIT_QUEUED', 'EXPIRED', 'FAILED', 'FILLED', 'OPEN', 'PENDING', 'QUEUED', 'UNKNOWN_ORDER_STATUS'].sort(),
    );
  });

  it('never turns a word into filled or canceled unless the venue documents exactly that', () => {
    const terminalFromWord = (table: typeof binanceUsStatusTable) =>
      Object.entries(table)
        .filter(([, row]) => 'state' in row.rule && (row.rule.state === 'filled' || row.rule.state === 'canceled'))
        .map(([word]) => word)
        .sort();
    expect(terminalFromWord(binanceUsStatusTable)).toEqual(['CANCELED', 'FILLED']);
    expect(terminalFromWord(coinbaseStatusTable)).toEqual(['CANCELLED', 'FILLED']);
  });
});
