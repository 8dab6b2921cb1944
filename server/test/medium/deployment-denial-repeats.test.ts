import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runToEnd } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return harness.orm.em.fork().execute<T[]>(sql, params);
}

/** A SHADOW replay of BTC-USDT 1d (200 days) whose every order breaks its max notional per order (1 USDT). */
async function deniedEverywhere() {
  const { deployment } = await arrangeShadowDeployment(
    harness,
    { maxNotionalPerOrder: 1, warmUpBars: 0, replayStartAt: new Date('2021-01-01T00:00:00Z'), replayEndAt: new Date('2021-07-19T00:00:00Z') },
    { parameters: { fastPeriod: 2, slowPeriod: 4 } },
  );
  return deployment;
}

const denials = (deploymentId: string) =>
  rows<{ decided: string; rule: string; side: string; repeats: number; last: string | null }>(
    `select decision_bar_at as decided, refusal_rule as rule, side, repeat_count as repeats, last_repeated_bar_at as last
       from deployment_order where deployment_id = ? and state = 'denied' order by decision_bar_at`,
    [deploymentId],
  );

describe('deployment runner: a denial repeated on every bar', () => {
  it('is one DENIED order and one refusal event, counted, per run of bars; the count carries across jobs', async () => {
    const clock = makeManualClock('2026-12-01T00:00:00Z');
    const oneJob = await deniedEverywhere();
    const manyJobs = await deniedEverywhere();
    await runToEnd(harness, oneJob.id, clock, { deploymentBatchBars: 5000 });
    expect(await runToEnd(harness, manyJobs.id, clock, { deploymentBatchBars: 7 })).toBeGreaterThan(25);

    // What the strategy asked for, from its signals: a decision at every bar after one with a non-zero target (the
    // position stays flat: nothing fills), a new denial whenever the side of that target changes.
    const [expected] = await rows<{ bars: number; decisions: number; runs: number }>(
      `with s as (select bar_at, sign(lag(target) over (order by bar_at)) as side from deployment_signal where deployment_id = ?),
            k as (select side, coalesce(lag(side) over (order by bar_at), 0) as before from s)
       select count(*)::int as bars, (count(*) filter (where side <> 0))::int as decisions,
              (count(*) filter (where side <> 0 and side <> before))::int as runs from k`,
      [oneJob.id],
    );
    expect(expected!.bars).toBe(200);
    expect(expected!.runs).toBeGreaterThan(3);
    expect(expected!.decisions).toBeGreaterThan(expected!.runs * 2);

    const recorded = await denials(oneJob.id);
    expect(recorded).toHaveLength(expected!.runs);
    expect(new Set(recorded.map((denial) => denial.rule))).toEqual(new Set(['max_notional_per_order']));
    expect(recorded.reduce((sum, denial) => sum + denial.repeats, 0)).toBe(expected!.decisions);
    expect(recorded.some((denial) => denial.repeats > 1)).toBe(true);
    for (const denial of recorded) expect(denial.last === null).toBe(denial.repeats === 1);
    // One refusal event per denial (not per bar), pointing at its order.
    const [events] = await rows<{ refusals: number; linked: number; fills: number }>(
      `select (select count(*)::int from deployment_event where deployment_id = ? and kind = 'order_refused') as refusals,
              (select count(*)::int from deployment_event e join deployment_order o on o.id = e.order_id where e.deployment_id = ? and e.kind = 'order_refused') as linked,
              (select count(*)::int from deployment_fill where deployment_id = ?) as fills`,
      [oneJob.id, oneJob.id, oneJob.id],
    );
    expect(events).toEqual({ refusals: expected!.runs, linked: expected!.runs, fills: 0 });

    // In jobs of 7 bars the same denials and counts: a run of bars spanning jobs stays one order.
    const normalized = (list: Awaited<ReturnType<typeof denials>>) => list.map((denial) => ({ ...denial, decided: new Date(denial.decided).toISOString(), last: denial.last && new Date(denial.last).toISOString() }));
    expect(normalized(await denials(manyJobs.id))).toEqual(normalized(recorded));
  });
});
