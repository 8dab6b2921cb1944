import { describe, expect, it } from 'vitest';
import { calculatePearsonCorrelation } from '../../../engine/index.ts';
import { defaultMonitoringPolicy } from './monitoring-policy.ts';
import { evaluateStrategyRedundancy, redundancyMarksStart, type RankedStrategyMarks } from './strategy-redundancy.ts';

const day = 86_400_000;
const t0 = Date.parse('2025-03-01T00:00:00Z');

/** Daily marks compounding `returns` from 100. */
function strategy(deploymentId: string, rank: number, returns: number[]): RankedStrategyMarks {
  const equity = [100];
  for (const value of returns) equity.push(equity.at(-1)! * (1 + value));
  return { deploymentId, rank, timestamp: Float64Array.from(equity, (_, index) => t0 + index * day), equity: Float64Array.from(equity) };
}

// Deterministic pseudo-random daily returns (a fixed linear congruential sequence).
function noise(seed: number, length: number): number[] {
  let value = seed;
  return Array.from({ length }, () => {
    value = (value * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (value / 2_147_483_648 - 0.5) * 0.04;
  });
}

describe('strategy redundancy (correlation > 0.8 → flag, suggest deactivating the lower-ranked)', () => {
  const base = noise(7, 40);
  const twin = base.map((value, index) => value * 0.9 + noise(11, 40)[index] * 0.1);
  const other = noise(99, 40);

  it('flags the correlated pair once, naming the lower-ranked, with the engine’s correlation over the last 30 days', () => {
    const strategies = [strategy('b-twin', 7, twin), strategy('a-base', 2, base), strategy('c-other', 1, other)];
    const first = evaluateStrategyRedundancy(strategies, defaultMonitoringPolicy, {});
    const pair = first.pairs.find((entry) => entry.first === 'a-base' && entry.second === 'b-twin')!;
    expect(pair).toMatchObject({ status: 'breach', overlapDays: 30, suggestDeactivating: 'b-twin', breachKey: `a-base|b-twin:correlation:${t0 + 40 * day}` });
    expect(pair.correlation).toBeCloseTo(calculatePearsonCorrelation(Float64Array.from(base.slice(10)), Float64Array.from(twin.slice(10))), 12);
    expect(first.pairs.filter((entry) => entry.status === 'pass')).toHaveLength(2);
    expect(first.actions).toEqual([expect.objectContaining({ kind: 'redundancy_flag', rule: 'correlation', threshold: 0.8 })]);
    expect(first.actions[0].message).toContain('b-twin (rank 7)');
    const again = evaluateStrategyRedundancy(strategies, defaultMonitoringPolicy, first.state);
    expect(again.actions).toEqual([]);
  });

  it('too few shared days is not applicable; a constant series is unknown and warns', () => {
    expect(evaluateStrategyRedundancy([strategy('a', 1, base.slice(0, 10)), strategy('b', 2, twin.slice(0, 10))], defaultMonitoringPolicy, {}).pairs[0].status).toBe('not_applicable');
    const constant = evaluateStrategyRedundancy([strategy('a', 1, base), strategy('b', 2, base.map(() => 0))], defaultMonitoringPolicy, {});
    expect(constant.pairs[0].status).toBe('unknown');
    expect(constant.actions[0]).toMatchObject({ kind: 'warning', breachKey: `a|b:correlation:unknown:${t0 + 40 * day}` });
  });
});

describe('redundancyMarksStart', () => {
  /** Hourly marks over `days` days ending at `endMs`, a random walk from 100 (seeded), with a gap of `gapDays` in the middle. */
  function hourly(deploymentId: string, rank: number, seed: number, days: number, endMs: number, gapDays = 0): RankedStrategyMarks {
    const steps = noise(seed, days * 24);
    const timestamp: number[] = [];
    const equity: number[] = [];
    let value = 100;
    steps.forEach((step, index) => {
      const atMs = endMs - (days * 24 - 1 - index) * 3_600_000;
      if (gapDays > 0 && atMs > endMs - (days / 2) * day && atMs <= endMs - (days / 2 - gapDays) * day) return;
      value *= 1 + step / 5;
      timestamp.push(atMs);
      equity.push(value);
    });
    return { deploymentId, rank, timestamp: Float64Array.from(timestamp), equity: Float64Array.from(equity) };
  }

  it('the marks from it give the same pairs, correlations and actions as all the marks (years of them, other last days, gaps)', () => {
    const end = Date.parse('2026-06-01T13:00:00Z');
    const strategies = [hourly('a', 1, 3, 400, end), hourly('b', 2, 3, 300, end - 2 * day), hourly('c', 3, 5, 200, end, 20), hourly('d', 4, 9, 31, end - 3_600_000), hourly('e', 5, 3, 29, end)];
    const twinned = [...strategies, { ...strategies[0], deploymentId: 'a-twin' }];
    for (const policy of [defaultMonitoringPolicy, { ...defaultMonitoringPolicy, rules: { ...defaultMonitoringPolicy.rules, correlation: { ...defaultMonitoringPolicy.rules.correlation, windowDays: 90 } } }]) {
      const windowDays = policy.rules.correlation.windowDays;
      const sliced = twinned.map((marks) => {
        const start = redundancyMarksStart(marks.timestamp, windowDays);
        return { ...marks, timestamp: marks.timestamp.subarray(start), equity: marks.equity.subarray(start) };
      });
      expect(sliced[0].timestamp.length).toBeLessThan(twinned[0].timestamp.length / 3);
      const full = evaluateStrategyRedundancy(twinned, policy, {});
      expect(full.actions.length).toBeGreaterThan(0);
      expect(evaluateStrategyRedundancy(sliced, policy, {})).toEqual(full);
    }
    expect(redundancyMarksStart(new Float64Array(0), 30)).toBe(0);
  });
});
