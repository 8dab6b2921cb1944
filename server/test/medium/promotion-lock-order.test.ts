import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import { freezeDeploymentIn, lockStrategyOfDeployment } from '../../src/services/promotion/stage-demotion.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy, scoreToday } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';
import { waitUntil } from '../support/wait-until.ts';

// Each test gets its own database (the strategy's chain, the audit trail and the active policy are shared state).
const harness = useServiceHarness({ database: 'test' });

/** The requester (production, who also created the deployment) and a second production person, the reviewer. */
const requester = () => harness.servicesAs('pat@production.test', ['production'], { stepUp: true });
const reviewer = () => harness.servicesAs('quinn@production.test', ['production'], { stepUp: true });

/** Whether another session of this test's database waits for a row lock (the use-case under test, blocked). */
async function someoneWaitsForALock(): Promise<boolean> {
  const [row] = await harness.orm.em.fork().execute<{ waiting: number }[]>(
    `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
  );
  return row!.waiting > 0;
}

/** An OBSERVE deployment of the built-in SMA crossover, scored today, under a policy whose evidence gates are open. */
async function observeDeployment() {
  await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy());
  const arranged = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe' });
  await scoreToday(harness.orm.em.fork(), arranged.strategy, arranged.version);
  return arranged;
}

/**
 * A stage change locks the strategy row, then the deployment row (stage-demotion's lockSubject). Each test runs a
 * promotion use-case in parallel with a real transaction that holds one of those rows and then wants what the old lock
 * order made the use-case hold: under the old order PostgreSQL finds a deadlock and aborts one of them (40P01).
 */
describe('promotion lock order: strategy, then deployment', () => {
  it('opening a request waits for a freeze that holds the strategy without holding the deployment row the freeze needs', async () => {
    const { deployment, strategy } = await observeDeployment();
    const platform = harness.services();
    let opening: Promise<unknown> | null = null;
    // The freeze (data integrity, as monitoring's action phase runs it): its strategy lock first, then the opening starts
    // and blocks, then the freeze takes the deployment row.
    await harness.orm.em.fork().transactional(async (em) => {
      await lockStrategyOfDeployment(em, deployment.id);
      const services = await requester();
      opening = services.promotionRequests.request({ deploymentId: deployment.id, reason: 'stable in observe for the window' }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      await waitUntil('the opening to wait for the strategy row', someoneWaitsForALock);
      await freezeDeploymentIn(em, platform.governance.audit, deployment.id, { reasonCode: 'data_integrity', reason: 'clock skew', policyVersion: 'test', now: new Date(), actor: { userId: null, role: null }, automated: true });
    });
    // The opening then reads the strategy the freeze committed: frozen, nothing opened.
    const outcome = (await opening!) as { error?: Error };
    expect(outcome.error?.message).toMatch(/^promotion\.strategyHeld: strategy .* is frozen since/);
    const [state] = await harness.orm.em.fork().execute<{ frozen: boolean; requests: number }[]>(
      `select s.promotions_frozen_at is not null as frozen, (select count(*)::int from promotion_request where deployment_id = ?) as requests from strategy s where s.id = ?`,
      [deployment.id, strategy.id],
    );
    expect(state).toEqual({ frozen: true, requests: 0 });
  });

  it('approving waits for a transaction that holds the deployment row and records an incident of the strategy, without a deadlock', async () => {
    const { deployment, strategy } = await observeDeployment();
    const opened = await (await requester()).promotionRequests.request({ deploymentId: deployment.id, reason: 'stable in observe for the window' });
    let approval: Promise<{ result?: unknown; error?: unknown }> | null = null;
    // Monitoring's action phase for an action that changes only the deployment row (pause, throttle): the deployment
    // row FOR NO KEY UPDATE, then an incident (its foreign key to the strategy takes a KEY SHARE lock on the strategy row).
    await harness.orm.em.fork().transactional(async (em) => {
      await em.execute('select 1 from deployment where id = ? for no key update', [deployment.id]);
      const services = await reviewer();
      approval = services.promotionRequests.approve({ requestId: opened.request.id, step: 'strategyReviewer', comment: 'gates pass, evidence read' }).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      await waitUntil('the approval to wait for the deployment row', someoneWaitsForALock);
      em.create(MonitoringIncident, { deployment: deployment.id, strategy: strategy.id, incidentType: 'risk_threshold', detectedAt: new Date(), severity: 'warning', status: 'open', summary: 'throttled', context: {}, openedBy: null, autoActions: {}, promotionRecord: null, breachKey: null });
      await em.flush();
    });
    const outcome = await approval!;
    expect(outcome.error).toBeUndefined();
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).stage).toBe('shadow');
  });
});
