import { describe, expect, it } from 'vitest';
import { DeploymentEvent } from '../../src/domain/deployment/deployment-event.entity.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { MonitoringIncident } from '../../src/domain/monitoring/monitoring-incident.entity.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { loadDeploymentEvidence, loadDeploymentsEvidence, type DeploymentEvidenceContext } from '../../src/services/promotion/deployment-evidence.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { runToEnd } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (incidents of the strategy are shared between its deployments).
const harness = useServiceHarness({ database: 'test' });

/**
 * The platform's promotion sweep reads many deployments' evidence in one batch (`loadDeploymentsEvidence`, six
 * statements whatever their number): each one's evidence must be exactly what it is read alone — its own rows from
 * its own stage entry, and its strategy's incidents — never a neighbour's.
 */
describe('deployment evidence read in one batch', () => {
  it('two replays of one strategy with different stage entries, incidents and data-integrity events: the batch gives each what it gets alone', async () => {
    const first = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2019-03-01T00:00:00Z'), replayEndAt: new Date('2019-06-30T00:00:00Z') });
    const second = await arrangeShadowDeployment(harness, { replayStartAt: new Date('2019-04-01T00:00:00Z'), replayEndAt: new Date('2019-05-31T00:00:00Z') });
    for (const { deployment } of [first, second]) await runToEnd(harness, deployment.id, systemClock, { deploymentBatchBars: 500 });
    const em = harness.orm.em.fork();
    const entered = new Date(Date.now() - 60_000);
    const detected = new Date();
    // An incident of the first deployment, one of the strategy only, and a data-integrity event of the second.
    em.create(MonitoringIncident, { deployment: first.deployment.id, strategy: null, incidentType: 'risk_threshold', detectedAt: detected, severity: 'warning', status: 'open', summary: 'first only', context: {}, openedBy: null, autoActions: {}, promotionRecord: null, breachKey: null });
    em.create(MonitoringIncident, { deployment: null, strategy: first.strategy.id, incidentType: 'regime_shift', detectedAt: detected, severity: 'critical', status: 'open', summary: 'the strategy', context: {}, openedBy: null, autoActions: {}, promotionRecord: null, breachKey: null });
    em.create(DeploymentEvent, { deployment: second.deployment.id, occurredAt: detected, barAt: new Date('2019-05-01T00:00:00Z'), category: 'data_integrity', kind: 'stale_feed', message: 'stale' });
    await em.flush();
    const deployments = await em.find(Deployment, { id: { $in: [first.deployment.id, second.deployment.id] } }, { populate: ['strategy'] });
    const subjects = [first, second].map(({ deployment }, index) => {
      const context: DeploymentEvidenceContext = {
        stageEnteredAt: index === 0 ? new Date(0) : entered,
        stageEntry: index === 0 ? 'start' : 'record',
        wallNowMs: Date.now(),
        frozen: false,
        scorecard: null,
        concentration: { capitalAllocation: 0.5, portfolioSameAssetConcentration: 0 },
        protectiveExitsMs: [],
      };
      return { deployment: deployments.find((row) => row.id === deployment.id)!, context };
    });

    const batch = await loadDeploymentsEvidence(harness.orm.em.fork(), subjects);
    const alone = [];
    for (const { deployment, context } of subjects) alone.push(await loadDeploymentEvidence(harness.orm.em.fork(), deployment, context));
    expect(batch).toEqual(alone);
    const [one, two] = batch;
    expect(one!.input.deploymentId).toBe(first.deployment.id);
    expect(one!.input.signals.length).toBeGreaterThan(two!.input.signals.length);
    expect(one!.input.incidents.map((incident) => incident.type).sort()).toEqual(['regime_shift', 'risk_threshold']);
    expect(one!.input.dataIntegrityEvents).toEqual([]);
    expect(two!.input.incidents.map((incident) => incident.type)).toEqual(['regime_shift']);
    expect(two!.input.dataIntegrityEvents).toEqual([{ kind: 'stale_feed', occurredAtMs: Date.parse('2019-05-02T00:00:00Z') }]);
    expect(await loadDeploymentsEvidence(harness.orm.em.fork(), [])).toEqual([]);
  }, 120_000);
});
