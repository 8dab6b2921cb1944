import { describe, expect, it } from 'vitest';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { makeManualClock, runToEnd } from '../support/deployment-runner-harness.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

describe('live-vs-backtest reconciliation', () => {
  it('a SHADOW replay of real BTC-USDT 1d bars reconciles with its backtest at zero tracking error; a different backtest fee shows the divergence attributed to fees', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { replayEndAt: new Date('2020-12-31T00:00:00Z') });
    await runToEnd(harness, deployment.id, makeManualClock('2026-12-05T00:00:00Z'));
    const risk = await harness.servicesAs('rita@risk.test', ['risk'], { stepUp: false });

    const parity = await risk.reconciliation.reconcile(deployment.id);
    expect(parity.alignedMarks).toBeGreaterThan(600);
    expect(parity.counts.matched).toBeGreaterThan(5);
    expect(parity.counts).toMatchObject({ missing: 0, extra: 0, timeShifted: 0 });
    expect(parity.trackingError).toBeLessThan(1e-12);
    expect(Math.abs(parity.finalEquityDifference)).toBeLessThan(1e-6);
    expect(Math.abs(parity.attribution.fees) + Math.abs(parity.attribution.fillPrice)).toBeLessThan(1e-6);

    // The backtest charged 30 bps instead of the 10 bps the deployment paid: live did better, and the fees say why.
    const fees = await risk.reconciliation.reconcile(deployment.id, { takerFeeBps: 30 });
    expect(fees.backtestFillModel.takerFeeBps).toBe(30);
    expect(fees.trackingError).toBeGreaterThan(0);
    expect(fees.finalEquityDifference).toBeGreaterThan(0);
    expect(fees.attribution.fees).toBeGreaterThan(0);
    expect(fees.attribution.fees).toBeGreaterThan(Math.abs(fees.attribution.fillPrice));
    expect(fees.counts).toMatchObject({ missing: 0, extra: 0 });

    await expect(risk.reconciliation.reconcile(deployment.id, { takerFeeBps: -1 })).rejects.toMatchObject({ field: 'takerFeeBps' });
    const research = await harness.servicesAs('rae@research.test', ['research'], { stepUp: false });
    await expect(research.reconciliation.reconcile(deployment.id)).rejects.toMatchObject({ name: 'ForbiddenError' });
  }, 300_000);
});
