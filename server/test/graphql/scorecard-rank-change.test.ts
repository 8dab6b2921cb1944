import { describe, expect, it } from 'vitest';
import { EvaluationCycle } from '../../src/domain/cycle/evaluation-cycle.entity.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import type { ScoringSubject } from '../../src/services/scoring/scorecard.service.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

/** Scores every strategy on `evaluationDate`, the strategy at index i with a Sharpe of `sharpeOf(i)`. */
async function score(evaluationDate: string, sharpeOf: (index: number) => number, only?: (index: number) => boolean) {
  const services = api.services();
  const strategies = await api.orm.em.fork().find(Strategy, {}, { orderBy: { code: 'asc' } });
  const subjects: ScoringSubject[] = [];
  for (const [index, strategy] of strategies.entries()) {
    if (only && !only(index)) continue;
    const version = (await services.strategies.latestApprovedVersion(strategy.id))!;
    const inputs: Record<string, number> = { sharpe: sharpeOf(index), sortino: 1, calmar: 1, maxDrawdown: -0.2, valueAtRisk: -0.03, conditionalValueAtRisk: -0.04, winRateDispersion: 0.05 };
    subjects.push({ strategyId: strategy.id, strategyVersionId: version.id, inputs: inputs as ScoringSubject['inputs'] });
  }
  const cycle = await services.cycles.run({ configurationCount: 60, seed: 1, reason: `test ${evaluationDate}` });
  const policy = await services.scorecards.activePolicy(api.orm.em.fork());
  const system = await services.strategies.systemUser();
  await api.orm.em.fork().transactional(async (tx) => services.scorecards.writeEntries(tx, await tx.findOneOrFail(EvaluationCycle, { id: cycle.id }), evaluationDate, policy, subjects, system));
  return strategies;
}

interface Row {
  rank: number | null;
  previousRank: number | null;
  rankChange: number | null;
  explanation: string;
  recommendation: string;
  strategy: { code: string };
}
const query = `query($date: String) { scorecard(evaluationDate: $date) { rank previousRank rankChange explanation recommendation strategy { code } } }`;

describe('ScorecardEntry rank change and explanation (computed by the server)', () => {
  it('gives each entry its rank on the previous evaluation date and the places gained or lost, null for a new entry; explains each recommendation by its factors', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    // 2031-01-01: index 0 worst … last best; the last strategy is left out (new on the next date).
    const strategies = await score('2031-01-01', (index) => 0.2 + index * 0.2, (index) => index > 0);
    // 2031-01-05 (a gap: the previous date is the newest earlier one, not the day before): the order reversed.
    await score('2031-01-05', (index) => 2.0 - index * 0.2);

    const first = await api.request<{ scorecard: Row[] }>(query, { date: '2031-01-01' });
    expect(first.errors).toBeUndefined();
    for (const row of first.data!.scorecard) expect(row).toMatchObject({ previousRank: null, rankChange: null });
    const before = new Map(first.data!.scorecard.map((row) => [row.strategy.code, row.rank]));

    const second = await api.request<{ scorecard: Row[] }>(query, { date: '2031-01-05' });
    expect(second.errors).toBeUndefined();
    const rows = second.data!.scorecard;
    expect(rows).toHaveLength(strategies.length);
    for (const row of rows) {
      const previous = before.get(row.strategy.code) ?? null;
      expect(row.previousRank).toBe(previous);
      expect(row.rankChange).toBe(previous === null || row.rank === null ? null : previous - row.rank);
      expect(row.explanation).toMatch(new RegExp(`^${row.recommendation.charAt(0)}${row.recommendation.slice(1).toLowerCase()} at \\d+\\.\\d / 100: `));
      expect(row.explanation).toMatch(/Risk-adjusted return|no factor stands out/);
    }
    expect(rows.find((row) => row.strategy.code === strategies[0]!.code)).toMatchObject({ previousRank: null, rankChange: null }); // new on 2031-01-05
    // The best of 2031-01-01 (last index) is now among the worst: it lost places.
    const formerBest = rows.find((row) => row.strategy.code === strategies.at(-1)!.code)!;
    expect(formerBest.previousRank).toBe(1);
    expect(formerBest.rankChange).toBeLessThan(0);
    // The rank history and the default (newest) scorecard carry the same fields.
    const latest = await api.request<{ scorecard: Row[] }>(`{ scorecard { rankChange explanation strategy { code } } }`);
    expect(latest.data!.scorecard.find((row) => row.strategy.code === formerBest.strategy.code)!.rankChange).toBe(formerBest.rankChange);
    const bad = await api.request(`{ scorecard(evaluationDate: "2031-13-01") { rankChange } }`);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
