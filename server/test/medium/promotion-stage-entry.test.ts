import { describe, expect, it } from 'vitest';
import { DeploymentSignal } from '../../src/domain/deployment/deployment-signal.entity.ts';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { PromotionRecord } from '../../src/domain/promotion/promotion-record.entity.ts';
import { loadDeploymentEvidence } from '../../src/services/promotion/deployment-evidence.ts';
import { stageFacts } from '../../src/services/promotion/deployment-gate.ts';
import { appendPromotionRecord, currentRuntimeFingerprint } from '../../src/services/promotion/promotion-record-chain.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the strategy's promotion chain is shared state).
const harness = useServiceHarness({ database: 'test' });
const dayMs = 86_400_000;

/** Adds one signal of the deployment at bar `barAt`, computed at `computedAt` in `stage`. */
async function signalAt(deploymentId: string, barAt: Date, computedAt: Date, stage: 'observe' | 'shadow') {
  const em = harness.orm.em.fork();
  em.create(DeploymentSignal, { deployment: deploymentId, barAt, target: 1, close: 100, effectiveStage: stage, receivedAt: computedAt, computedAt });
  await em.flush();
}

/** The bar times of the signals counted as the deployment's evidence at its current stage (stage entry from `stageFacts`). */
async function countedBars(deploymentId: string, strategyId: string, nowMs: number): Promise<{ stageEntry: string; bars: string[] }> {
  const em = harness.orm.em.fork();
  const deployment = await em.findOneOrFail(Deployment, { id: deploymentId }, { populate: ['strategy'] });
  const facts = stageFacts(deployment, await em.find(PromotionRecord, { strategy: strategyId }, { orderBy: { sequence: 'desc' } }));
  const { input } = await loadDeploymentEvidence(em, deployment, { ...facts, wallNowMs: nowMs, scorecard: null, concentration: { capitalAllocation: null, portfolioSameAssetConcentration: 0 } });
  return { stageEntry: facts.stageEntry, bars: input.signals.map((signal) => new Date(signal.decidedAtMs - dayMs).toISOString().slice(0, 10)) };
}

describe('which signals count toward the current stage', () => {
  it('after a promotion, a signal computed at the very instant of the record belongs to the stage it left; only strictly later ones count', async () => {
    const promotedAt = new Date(Date.UTC(2026, 11, 1, 12));
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { stage: 'shadow', effectiveStage: 'shadow', activationStartedAt: new Date(promotedAt.getTime() - 10 * dayMs) });
    await signalAt(deployment.id, new Date(Date.UTC(2025, 0, 1)), new Date(promotedAt.getTime() - 1_000), 'observe');
    // The last OBSERVE bar job and the promotion's transaction stamped the same millisecond.
    await signalAt(deployment.id, new Date(Date.UTC(2025, 0, 2)), promotedAt, 'observe');
    await signalAt(deployment.id, new Date(Date.UTC(2025, 0, 3)), new Date(promotedAt.getTime() + 1), 'shadow');
    await harness.orm.em.fork().transactional((em) =>
      appendPromotionRecord(em, {
        strategyId: strategy.id, deploymentId: deployment.id, promotionRequestId: null, decision: 'promote', fromStage: 'observe', toStage: 'shadow', policyVersion: 'test',
        requestedById: null, approvers: [], effectiveAt: promotedAt, reasonCode: 'approvals_complete', metricsSnapshot: {}, evidenceReferences: [], runtimeFingerprint: currentRuntimeFingerprint(),
      }),
    );
    expect(await countedBars(deployment.id, strategy.id, promotedAt.getTime() + dayMs)).toEqual({ stageEntry: 'record', bars: ['2025-01-03'] });
  });

  it('without a record the stage began with the first bar job, whose own signals (stamped at the activation instant) count', async () => {
    const startedAt = new Date(Date.UTC(2026, 11, 1, 12));
    const { deployment, strategy } = await arrangeShadowDeployment(harness, { stage: 'observe', effectiveStage: 'observe', activationStartedAt: startedAt });
    await signalAt(deployment.id, new Date(Date.UTC(2025, 0, 1)), startedAt, 'observe');
    await signalAt(deployment.id, new Date(Date.UTC(2025, 0, 2)), new Date(startedAt.getTime() + 1), 'observe');
    expect(await countedBars(deployment.id, strategy.id, startedAt.getTime() + dayMs)).toEqual({ stageEntry: 'start', bars: ['2025-01-01', '2025-01-02'] });
  });
});
