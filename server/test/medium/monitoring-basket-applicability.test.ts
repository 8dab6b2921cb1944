import { describe, expect, it } from 'vitest';
import { monitoringBlockOf } from '../../src/services/promotion/monitoring-block.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { readMarketFile } from '../support/market-files.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: which daily datasets exist decides whether a basket is defined at 1d.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);
const benchmarkRules = ['benchmarkLag', 'underperformance', 'drawdownVsBenchmark'];

/** Runs the replay to its end (as fast as possible), then one monitoring evaluation of the newest mark. */
async function replayThenEvaluate(deploymentId: string) {
  for (let job = 0; job < 1_000; job++) if ((await harness.services().deploymentRunner.processBars(deploymentId)).nextBarMs === null) break;
  return harness.services().monitoring.evaluate(deploymentId);
}

describe('benchmark rules: not applicable where no basket is defined, fail closed where it should exist', () => {
  it('only BTC bars at 1d (no ETH, no alt): the benchmark rules are not_applicable with the reason, open no incident and do not block promotion', async () => {
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2020-02-24T00:00:00Z'), replayEndAt: new Date('2020-04-20T00:00:00Z') });
    const outcome = await replayThenEvaluate(deployment.id);
    const results = outcome.last!.results;
    for (const rule of benchmarkRules) {
      const entry = results.find((result) => result.rule === rule)!;
      expect(entry).toMatchObject({ status: 'not_applicable', measured: null });
      expect(entry.message).toContain('not applicable (no benchmark basket is defined at 1d (no certified BTC and ETH bars of one quote currency at 1d: the basket needs BTC, ETH and an alt))');
    }
    const incidents = await rows<{ rule: string }>(`select auto_actions->>'rule' as rule from monitoring_incident where deployment_id = ?`, [deployment.id]);
    expect(incidents.map((incident) => incident.rule).filter((rule) => benchmarkRules.includes(rule))).toEqual([]);
    // Whatever else the evaluation found decides the block — never the basket it cannot have.
    const blocking = results.filter((result) => result.status === 'breach' || result.status === 'unknown');
    const [state] = await rows<{ promotion_blocked: boolean }>(`select promotion_blocked from deployment_monitoring_state where deployment_id = ?`, [deployment.id]);
    expect(state.promotion_blocked).toBe(blocking.length > 0);
    const block = await monitoringBlockOf(harness.orm.em.fork(), deployment.id, strategy.id);
    expect(block?.ruleResults.map((result) => result.rule) ?? []).toEqual(blocking.map((result) => result.rule));
  }, 240_000);

  it('BTC, ETH and SOL at 1d but the basket does not cover the window (SOL trades from 2020-08-11): unknown, fails closed, and the refusal names rule, measured value and reason', async () => {
    for (const name of ['ETH-USDT_1d.csv', 'SOL-USDT_1d.csv']) await harness.services().marketData.importBytes(name, await readMarketFile(name));
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2020-07-01T00:00:00Z'), replayEndAt: new Date('2020-08-20T00:00:00Z') });
    const outcome = await replayThenEvaluate(deployment.id);
    const lag = outcome.last!.results.find((result) => result.rule === 'benchmarkLag')!;
    expect(lag).toMatchObject({ status: 'unknown', measured: null });
    expect(lag.message).toBe('30-day active return vs the basket: unknown (the benchmark basket does not cover the window start); fails closed (rules.benchmarkLag)');
    const block = await monitoringBlockOf(harness.orm.em.fork(), deployment.id, strategy.id);
    expect(block).not.toBeNull();
    expect(block!.ruleResults).toContainEqual({ deploymentId: deployment.id, rule: 'benchmarkLag', status: 'unknown', measured: null, threshold: -0.02, message: lag.message });
    expect(block!.reason).toContain(`rules: benchmarkLag unknown, measured none — ${lag.message}`);
    // A promotion request is refused with that sentence (nothing written).
    const production = await harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
    const refused = await production.promotionRequests.request({ deploymentId: deployment.id, reason: 'try' }).then(() => null, (error: unknown) => error as Error);
    expect(refused?.message).toMatch(/^promotion\.monitoringBlocked: monitoring blocks promotion of deployment .*rules: benchmarkLag unknown, measured none — 30-day active return vs the basket: unknown \(the benchmark basket does not cover the window start\); fails closed \(rules\.benchmarkLag\)/);
    expect(await rows(`select id from promotion_request where deployment_id = ?`, [deployment.id])).toEqual([]);
  }, 240_000);
});
