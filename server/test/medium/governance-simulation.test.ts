import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { SimulationRun } from '../../src/domain/simulation/simulation-run.entity.ts';
import { lag1000MonitoringVersion, permissiveSimulationPromotionVersion } from '../../src/domain/simulation/simulation-policies.ts';
import { queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();
const period = { startMs: Date.parse('2021-01-01T00:00:00Z'), endMs: Date.parse('2021-02-15T00:00:00Z') };

describe('governance simulation service (issue 15)', () => {
  it('research starts a comparison; the worker runs it to COMPLETED with both reports; the exports say simulated', async () => {
    const research = await harness.servicesAs('sim-research@test.crucible.local', ['research']);
    const run = await research.governanceSimulations.start({ ...period, seed: 3, baselinePolicies: { promotion: permissiveSimulationPromotionVersion }, variantPolicies: { monitoring: lag1000MonitoringVersion } });
    expect(run).toMatchObject({ status: 'queued', simulated: true, progress: 0 });
    expect(run.variantPolicies).toMatchObject({ promotion: permissiveSimulationPromotionVersion, monitoring: lag1000MonitoringVersion });
    expect((await queuedJobs(harness, 'run_governance_simulation')).map((job) => job.key)).toContain(`governance-simulation:${run.id}`);

    const done = await harness.services().governanceSimulations.execute(run.id);
    expect(done).toMatchObject({ status: 'completed', progress: 1, simulated: true });
    const result = done.result as { simulated: boolean; baseline: { counts: { evaluationCycles: number }; policyVersions: { monitoring: string } }; variant: { policyVersions: { monitoring: string } } };
    expect(result.simulated).toBe(true);
    expect(result.baseline.counts.evaluationCycles).toBeGreaterThan(0);
    expect(result.variant.policyVersions.monitoring).toBe(lag1000MonitoringVersion);

    const csv = await research.governanceSimulations.export(run.id, 'csv');
    const lines = csv.trim().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 9)).toEqual(['simulated', 'date', 'baseline_equity', 'variant_equity', 'benchmark_equity', 'baseline_live_count', 'variant_live_count', 'baseline_max_template_share', 'variant_max_template_share']);
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.slice(1).every((line) => line.startsWith('true,'))).toBe(true);
    // Every row carries the settings that shaped the result, unit in the column name, and both arms' policy versions.
    const cell = (line: string, column: string) => line.split(',')[header.indexOf(column)];
    for (const line of [lines[1]!, lines.at(-1)!]) {
      expect(cell(line, 'evaluation_interval_days')).toBe('7');
      expect(cell(line, 'evaluation_lookback_days')).toBe('180');
      expect(cell(line, 'configurations_per_template')).toBe('3');
      expect(cell(line, 'deployments_per_strategy')).toBe('1');
      expect(cell(line, 'seed')).toBe('3');
      expect(cell(line, 'period_start')).toBe('2021-01-01T00:00:00.000Z');
      expect(cell(line, 'period_end_exclusive')).toBe('2021-02-15T00:00:00.000Z');
      expect(cell(line, 'approval_probability_fraction')).toBe('0.9');
      expect(cell(line, 'min_approval_delay_hours')).toBe('2');
      expect(cell(line, 'max_approval_delay_hours')).toBe('48');
      expect(cell(line, 'baseline_promotion_policy')).toBe(permissiveSimulationPromotionVersion);
      expect(cell(line, 'variant_monitoring_policy')).toBe(lag1000MonitoringVersion);
    }
    expect(JSON.parse(await research.governanceSimulations.export(run.id, 'json'))).toMatchObject({
      simulated: true,
      id: run.id,
      settings: {
        periodStart: '2021-01-01T00:00:00.000Z',
        periodEnd: '2021-02-15T00:00:00.000Z',
        seed: 3,
        evaluationIntervalDays: 7,
        evaluationLookbackDays: 180,
        configurationsPerTemplate: 3,
        deploymentsPerStrategy: 1,
        approvalProbability: 0.9,
        minApprovalDelayHours: 2,
        maxApprovalDelayHours: 48,
        baselinePolicies: { promotion: permissiveSimulationPromotionVersion },
        variantPolicies: { promotion: permissiveSimulationPromotionVersion, monitoring: lag1000MonitoringVersion },
      },
    });

    // The same result as a report (kind `simulation`): CSV and JSON are the exports, the PDF the comparison read back by pdf.js.
    const report = await research.reports.render('simulation', 'pdf', { id: run.id });
    expect(report).toMatchObject({ fileName: `crucible-simulation-${run.id.slice(0, 8)}.pdf`, contentType: 'application/pdf' });
    const document = await getDocument({ data: new Uint8Array(report.body), useSystemFonts: false }).promise;
    let text = '';
    for (let page = 1; page <= document.numPages; page++) text += `${(await (await document.getPage(page)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
    expect(text).toContain('Governance simulation (SIMULATED): 2021-01-01');
    expect(text).toContain(lag1000MonitoringVersion);
    for (const setting of ['Evaluation interval', '7 days', 'Evaluation lookback', '180 days of hourly bars', 'Configurations per template', 'Deployments per strategy', 'Approval delay per step', '2–48 h']) expect(text).toContain(setting);
    expect(text).toContain('SC-002 promotions still LIVE after 90 days');
    expect(text).toContain('Where the policies diverge');
    expect((await research.reports.render('simulation', 'csv', { id: run.id })).body.toString()).toBe(csv);
    expect(JSON.parse((await research.reports.render('simulation', 'json', { id: run.id })).body.toString())).toMatchObject({ simulated: true, id: run.id });
  });

  it('bad input names the field and writes nothing; only research and risk may start', async () => {
    const risk = await harness.servicesAs('sim-risk@test.crucible.local', ['risk']);
    const before = await harness.orm.em.fork().count(SimulationRun);
    const fieldOf = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).field;
    };
    expect(await fieldOf(risk.governanceSimulations.start({ ...period, seed: 1.5 }))).toBe('seed');
    expect(await fieldOf(risk.governanceSimulations.start({ ...period, seed: 1, approvalProbability: 1.5 }))).toBe('approvals.approvalProbability');
    expect(await fieldOf(risk.governanceSimulations.start({ startMs: Date.parse('2010-01-01T00:00:00Z'), endMs: period.endMs, seed: 1 }))).toBe('startMs');
    expect(await fieldOf(risk.governanceSimulations.start({ startMs: period.startMs, endMs: Date.parse('2031-01-01T00:00:00Z'), seed: 1 }))).toBe('endMs');
    expect(await fieldOf(risk.governanceSimulations.start({ ...period, seed: 1, baselinePolicies: { monitoring: '1999.1' } }))).toBe('policies.monitoring');
    expect(await fieldOf(risk.governanceSimulations.start({ ...period, seed: 1, variantPolicies: { promotion: 'nope' } }))).toBe('variantPolicies.promotion');
    expect(await harness.orm.em.fork().count(SimulationRun)).toBe(before);
    for (const role of ['compliance', 'production'] as const) {
      const other = await harness.servicesAs(`sim-${role}@test.crucible.local`, [role]);
      await expect(other.governanceSimulations.start({ ...period, seed: 1 })).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('a cancelled simulation stays cancelled: the task stores nothing and never completes it; a second cancel conflicts', async () => {
    const risk = await harness.servicesAs('sim-risk2@test.crucible.local', ['risk']);
    const run = await risk.governanceSimulations.start({ ...period, seed: 5 });
    const cancelled = await risk.governanceSimulations.cancel(run.id, 'wrong period');
    expect(cancelled).toMatchObject({ status: 'cancelled', failureReason: 'cancelled: wrong period' });
    expect((await queuedJobs(harness, 'run_governance_simulation')).map((job) => job.key)).not.toContain(`governance-simulation:${run.id}`);
    const after = await harness.services().governanceSimulations.execute(run.id);
    expect(after).toMatchObject({ status: 'cancelled', result: null });
    await expect(risk.governanceSimulations.cancel(run.id, 'again')).rejects.toBeInstanceOf(ConflictError);
    await expect(risk.governanceSimulations.export(run.id, 'json')).rejects.toBeInstanceOf(ConflictError);
    await expect(risk.reports.render('simulation', 'pdf', { id: run.id })).rejects.toBeInstanceOf(ConflictError);
  });
});
