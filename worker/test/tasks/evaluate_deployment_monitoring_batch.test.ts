import { describe, expect, it, onTestFinished } from 'vitest';
import { arrangeShadowDeployment } from '../../../server/test/support/deployment-fixtures.ts';
import { readMarketFile } from '../../../server/test/support/market-files.ts';
import { createSystemServices, monitoringBatchJobKey } from '@crucible/server/services';
import { asServiceHarness, useWorkerHarness } from '../support/worker-harness.ts';

// Each test its own database: the queue, the audit trail and the strategies' promotion chains are shared state.
const harness = useWorkerHarness({ database: 'test' });

const rows = async <T>(sql: string, params: unknown[] = []) => (await harness.pool.query(sql, params)).rows as T[];
const services = () => createSystemServices(harness.orm, harness.settings, harness.logger);
const hour = 3_600_000;
const crashDays = ['2025-10-09', '2025-10-10', '2025-10-11'];

/** The bundled real 1h files of BTC, ETH and SOL cut to the 2025-10-10 crash days; @returns the SOL dataset and its 12:00 close. */
async function importCrash() {
  const sets = [];
  for (const symbol of ['BTC-USDT', 'ETH-USDT', 'SOL-USDT']) {
    const lines = (await readMarketFile(`${symbol}_1h.csv`)).toString('utf8').split('\n');
    const slice = [lines[0], ...lines.filter((line) => crashDays.some((day) => line.startsWith(day)))].join('\n') + '\n';
    sets.push((await services().marketData.importBytes(`${symbol}_1h.csv`, Buffer.from(slice))).marketDataSet);
  }
  const sol = sets[2]!;
  const [{ close }] = await rows<{ close: number }>(`select close from market_bar where dataset_id = $1 and "timestamp" = '2025-10-10T12:00:00Z'`, [sol.id]);
  return { sol, close };
}

/** A PAPER deployment of its own strategy replaying SOL 1h from 2025-10-10 12:00, holding 1.5 × its equity in SOL into the crash. */
async function arrangePaperSol(sol: { id: string }, close: number) {
  const quantity = (1.5 * 10_000) / close;
  const { deployment } = await arrangeShadowDeployment(asServiceHarness(harness), {
    stage: 'paper', effectiveStage: 'paper', replayDataset: sol.id, symbol: 'SOL/USDT', timeframe: '1h', replayStartAt: new Date('2025-10-10T12:00:00Z'),
    maxBarAgeMs: 2 * hour, capitalAllocation: 0.2, positionQuantity: quantity, averageEntryPrice: close, cash: 10_000 - quantity * close,
  });
  return deployment;
}

async function markThroughTheCrash(deploymentId: string) {
  for (let job = 0; job < 100; job++) if ((await services().deploymentRunner.processBars(deploymentId)).nextBarMs === null) break;
}

describe('evaluate_deployment_monitoring as one batch per bar (issue 13: monitoring many deployments per bar)', () => {
  it('the bar jobs of two deployments queue ONE monitoring job holding both (one shard); the worker evaluates both in it and rolls each back once', async () => {
    harness.settings.monitoringBatchShards = 1;
    onTestFinished(() => {
      delete harness.settings.monitoringBatchShards;
    });
    const { sol, close } = await importCrash();
    const [first, second] = [await arrangePaperSol(sol, close), await arrangePaperSol(sol, close)];
    await markThroughTheCrash(first.id);
    await markThroughTheCrash(second.id);

    const jobs = await rows<{ key: string; payload: { deploymentId: string }[] }>(
      `select j.key, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'evaluate_deployment_monitoring'`,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.key).toBe('monitoring:batch');
    expect(new Set(jobs[0]!.payload.map((entry) => entry.deploymentId))).toEqual(new Set([first.id, second.id]));

    await harness.runDueJobs(['evaluate_deployment_monitoring']);
    expect(await rows(`select j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'evaluate_deployment_monitoring'`)).toEqual([]);
    const rolledBack = await rows<{ subject_id: string }>(`select subject_id from audit_event where action = 'deployment.rolled_back' order by subject_id`);
    expect(rolledBack.map((row) => row.subject_id)).toEqual([first.id, second.id].sort());
    const states = await rows<{ deployment_id: string; last_mark_at: Date }>(`select deployment_id, last_mark_at from deployment_monitoring_state order by deployment_id`);
    expect(states).toEqual([first.id, second.id].sort().map((id) => ({ deployment_id: id, last_mark_at: new Date('2025-10-11T23:00:00Z') })));
  }, 300_000);

  it('by default the deployments are spread over 8 batch jobs by id: each bar job appends to its shard\'s job only', async () => {
    const { sol, close } = await importCrash();
    const deployments = [await arrangePaperSol(sol, close), await arrangePaperSol(sol, close), await arrangePaperSol(sol, close)];
    for (const deployment of deployments) await markThroughTheCrash(deployment.id);
    const jobs = await rows<{ key: string; payload: { deploymentId: string }[] }>(
      `select j.key, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'evaluate_deployment_monitoring'`,
    );
    const expected = new Map<string, Set<string>>();
    for (const { id } of deployments) expected.set(monitoringBatchJobKey(id), (expected.get(monitoringBatchJobKey(id)) ?? new Set()).add(id));
    expect(new Map(jobs.map((job) => [job.key, new Set(job.payload.map((entry) => entry.deploymentId))]))).toEqual(expected);
    expect([...expected.keys()].every((key) => /^monitoring:batch:[0-7]$/.test(key))).toBe(true);
    expect(() => monitoringBatchJobKey(deployments[0]!.id, 0)).toThrow(RangeError);
    expect(monitoringBatchJobKey(deployments[0]!.id, 1)).toBe('monitoring:batch');
  }, 300_000);

  it('two workers evaluating the same batch at once act once per deployment; an unknown id fails alone', async () => {
    const { sol, close } = await importCrash();
    const [first, second] = [await arrangePaperSol(sol, close), await arrangePaperSol(sol, close)];
    await markThroughTheCrash(first.id);
    await markThroughTheCrash(second.id);
    const missing = '01900000-0000-7000-8000-000000000000';
    const [a, b] = await Promise.all([services().monitoring.evaluateMany([first.id, second.id, missing]), services().monitoring.evaluateMany([second.id, first.id, first.id])]);
    expect(a.failures.map((failure) => failure.deploymentId)).toEqual([missing]);
    expect(b.failures).toEqual([]);
    expect(b.outcomes.map((outcome) => outcome.deploymentId)).toEqual([second.id, first.id]);
    expect(await rows(`select subject_id from audit_event where action = 'deployment.rolled_back' and subject_id = $1`, [first.id])).toHaveLength(1);
    expect(await rows(`select subject_id from audit_event where action = 'deployment.rolled_back' and subject_id = $1`, [second.id])).toHaveLength(1);
    const keys = await rows<{ breach_key: string }>(`select breach_key from monitoring_incident where deployment_id = any($1::uuid[])`, [[first.id, second.id]]);
    expect(new Set(keys.map((row) => row.breach_key)).size).toBe(keys.length);
    // The same batch again (a retried job: nothing new) acts on nothing, and reads the same marks from this process's memory as from the database.
    const again = await services().monitoring.evaluateMany([first.id, second.id]);
    expect(again.outcomes.flatMap((outcome) => outcome.incidents)).toEqual([]);
    const alone = await services().monitoring.evaluate(first.id);
    expect(again.outcomes[0]!.last!.results).toEqual(alone.last!.results);
  }, 300_000);
});
