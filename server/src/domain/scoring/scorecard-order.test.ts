import { describe, expect, it } from 'vitest';
import { orderScorecard, type ScorecardOrderKey } from './scorecard-order.ts';

const entries: ScorecardOrderKey[] = [
  { rank: 2, normalizedScore: 70, name: 'Breakout', recommendation: 'monitor' },
  { rank: null, normalizedScore: 10, name: 'Alpha', recommendation: 'retire' },
  { rank: 1, normalizedScore: 70, name: 'Carry', recommendation: 'promote' },
  { rank: 3, normalizedScore: 40, name: 'Drift', recommendation: 'monitor' },
];
const names = (sorted: ScorecardOrderKey[]) => sorted.map((entry) => entry.name);
const order = (sort: Parameters<typeof orderScorecard>[2], descending?: boolean) => names(orderScorecard(entries, (entry) => entry, sort, descending));

describe('orderScorecard', () => {
  it('orders each column in its natural direction, ties by rank, unranked last', () => {
    expect(order('rank')).toEqual(['Carry', 'Breakout', 'Drift', 'Alpha']);
    expect(order('score')).toEqual(['Carry', 'Breakout', 'Drift', 'Alpha']);
    expect(order('name')).toEqual(['Alpha', 'Breakout', 'Carry', 'Drift']);
    expect(order('recommendation')).toEqual(['Carry', 'Breakout', 'Drift', 'Alpha']);
  });

  it('reverses exactly when descending, and leaves its input alone', () => {
    expect(order('name', true)).toEqual(['Drift', 'Carry', 'Breakout', 'Alpha']);
    expect(order('rank', true)).toEqual(['Alpha', 'Drift', 'Breakout', 'Carry']);
    expect(names(entries)).toEqual(['Breakout', 'Alpha', 'Carry', 'Drift']);
  });
});
