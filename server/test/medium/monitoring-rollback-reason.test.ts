import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import type { MonitoringActionDecision } from '../../src/domain/monitoring/policy/evaluate-monitoring-rules.ts';
import { Strategy } from '../../src/domain/strategy/strategy.entity.ts';
import { takeMonitoringAction } from '../../src/services/monitoring/monitoring-actions.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test its own database: promotion records and the audit chain are shared state.
const harness = useServiceHarness({ database: 'test' });
const rows = <T>(sql: string, params: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, params);

describe('a later monitoring action keeps the rollback it follows', () => {
  it('a replay left running after a rollback that then breaches underperformance and deactivates keeps the rollback’s reason and appends its own', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { stage: 'paper', effectiveStage: 'paper', capitalAllocation: 0.2 });
    const services = harness.services();
    const decision = (kind: 'rollback' | 'deactivate', rule: 'benchmarkLag' | 'underperformance', atMs: number, message: string): MonitoringActionDecision => ({
      kind, severity: 'critical', toStage: kind === 'rollback' ? 'shadow' : null, positionSizeFactor: null, revalidate: false, freeze: false,
      rule, breachKey: `${deployment.id}:${rule}:${atMs}`, threshold: 200, measured: 350, unit: 'bps', window: { startMs: atMs - 86_400_000, endMs: atMs }, message,
    });
    const rollbackAt = Date.parse('2025-10-10T15:00:00Z');
    const deactivateAt = Date.parse('2025-11-02T15:00:00Z');
    for (const [action, now] of [
      [decision('rollback', 'benchmarkLag', rollbackAt, '30-day return lag 350 bps vs the basket'), new Date(rollbackAt)],
      [decision('deactivate', 'underperformance', deactivateAt, '30-day underperformance 16 % vs the basket'), new Date(deactivateAt)],
    ] as const) {
      await harness.orm.em.fork().transactional(async (em) => {
        const current = await em.findOneOrFail(Deployment, { id: deployment.id });
        const strategy = await em.findOneOrFail(Strategy, { id: current.strategy.id });
        const incident = await takeMonitoringAction(em, current, strategy, action, { audit: services.governance.audit, triggers: services.triggers, notifications: services.notifications, now, policyVersion: 'test' });
        expect(incident).not.toBeNull();
      });
    }
    // Both acted (the rollback PAPER → SHADOW, then the deactivation: the monitor had demoted it from PAPER, so it still counts as capital at risk).
    const audits = await rows<{ action: string }>(`select action from audit_event where subject_id = ? and action in ('deployment.rolled_back', 'deployment.deactivated') order by sequence`, [deployment.id]);
    expect(audits.map((audit) => audit.action)).toEqual(['deployment.rolled_back', 'deployment.deactivated']);
    const [after] = await rows<{ rollback_reason: string }>(`select rollback_reason from deployment where id = ?`, [deployment.id]);
    expect(after.rollback_reason).toMatch(/^rollback by the monitor: 30-day return lag 350 bps vs the basket/);
    expect(after.rollback_reason).toContain('2025-11-02T15:00:00.000Z deactivate by the monitor: 30-day underperformance 16 % vs the basket');
  });
});
