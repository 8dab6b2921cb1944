import { describe, expect, it } from 'vitest';
import { makeSystemActor } from '../../src/domain/auth/actor.ts';
import { deploymentStartBounds } from '../../src/domain/deployment/deployment-start.ts';
import { newId } from '../../src/domain/ids.ts';
import type { Clock } from '../../src/infra/clock.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { createServices } from '../../src/services/create-services.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: the promotion chain and the incidents are per strategy.
const harness = useServiceHarness({ database: 'test' });
const day = 86_400_000;
const intervalMs = 100;

/** The platform's services on a fresh EntityManager with `clock` (runner and monitor on the same clock, as the worker). */
function platform(clock: Clock) {
  const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
  return createServices({ em: harness.orm.em.fork(), clock, logger, correlationId: newId(), actor: makeSystemActor() }, { importDir: harness.importDir });
}

const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

/**
 * A SHADOW deployment of the SMA crossover replaying BTC-USDT 1d from 2019-03-01 at 100 ms a bar, with the freshness
 * limit the start use-case gives such a replay by default (at least the bars its clock passes in 2 s: 20 days), run by
 * the runner bar by bar on a hand-moved clock through `bars` bars, the worker keeping up.
 */
async function pacedReplayThrough(bars: number) {
  const bounds = deploymentStartBounds.maxBarAgeMs;
  const maxBarAgeMs = Math.min(bounds.max, day * Math.max(bounds.defaultBars, Math.ceil(bounds.replayLagToleranceMs / intervalMs)));
  const { deployment } = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2019-03-01T00:00:00Z'), replayEndAt: new Date('2019-05-31T00:00:00Z'), replayBarIntervalMs: intervalMs, maxBarAgeMs });
  const clock = makeManualClock(Date.now());
  for (let bar = 0; bar <= bars; bar++) {
    await platform(clock).deploymentRunner.processBars(deployment.id);
    if (bar < bars) clock.advance(intervalMs);
  }
  const [after] = await rows<{ last_bar_ms: number; health: string }>(`select (extract(epoch from last_processed_bar_at) * 1000)::float8 as last_bar_ms, health from deployment where id = ?`, [deployment.id]);
  expect(after).toEqual({ last_bar_ms: Date.parse('2019-03-01T00:00:00Z') + (bars - 1) * day, health: 'healthy' });
  return { deployment, clock, maxBarAgeMs };
}

const incidentsOf = (deploymentId: string) => rows<{ breach_key: string; auto_actions: { kind: string; rule: string } }>(`select breach_key, auto_actions from monitoring_incident where deployment_id = ? order by detected_at`, [deploymentId]);

describe('monitoring data integrity uses the runtime freshness gate (one definition, the deployment’s limit)', () => {
  it('a paced SHADOW replay whose worker is 1 s behind (10 bars at 100 ms a bar) is fresh for the runtime and not frozen by the monitor', async () => {
    const { deployment, clock } = await pacedReplayThrough(30);
    // The worker lags: 1 s of platform time passes before the next job — the replay clock is 10 bars ahead of the last mark.
    clock.advance(1_000);
    const freshnessCheck = await platform(clock).deploymentRunner.checkFreshness();
    expect(freshnessCheck.degraded).toBe(0);

    const outcome = await platform(clock).monitoring.evaluate(deployment.id);
    const integrity = outcome.last!.results.find((result) => result.rule === 'dataIntegrity')!;
    expect(integrity).toMatchObject({ status: 'pass', measured: 0 });
    expect((await incidentsOf(deployment.id)).filter((incident) => incident.auto_actions.rule === 'dataIntegrity')).toEqual([]);
    const [after] = await rows<{ stage: string; health: string }>(`select stage, health from deployment where id = ?`, [deployment.id]);
    expect(after).toEqual({ stage: 'shadow', health: 'healthy' });
    expect(await rows(`select id from promotion_record where deployment_id = ? and decision = 'freeze'`, [deployment.id])).toEqual([]);
  }, 120_000);

  it('beyond the deployment’s limit both agree: the runtime degrades the feed and the monitor freezes to OBSERVE', async () => {
    const { deployment, clock, maxBarAgeMs } = await pacedReplayThrough(30);
    // 2.5 s behind at 100 ms a bar: 25 bars, beyond the 20-day limit.
    clock.advance(2_500);
    expect((await platform(clock).deploymentRunner.checkFreshness()).degraded).toBe(1);

    const outcome = await platform(clock).monitoring.evaluate(deployment.id);
    const integrity = outcome.last!.results.find((result) => result.rule === 'dataIntegrity')!;
    expect(integrity.status).toBe('breach');
    expect(integrity.message).toContain(`the limit is ${maxBarAgeMs} ms`);
    expect((await incidentsOf(deployment.id)).filter((incident) => incident.auto_actions.rule === 'dataIntegrity').map((incident) => incident.auto_actions.kind)).toEqual(['observe_freeze']);
    const [after] = await rows<{ stage: string }>(`select stage from deployment where id = ?`, [deployment.id]);
    expect(after.stage).toBe('observe');
  }, 120_000);
});
