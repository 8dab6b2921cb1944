import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { DeploymentOrder } from '../../src/domain/deployment/deployment-order.entity.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../src/domain/errors.ts';
import { StrategyVersion } from '../../src/domain/strategy/strategy-version.entity.ts';
import { arrangeShadowDeployment } from '../support/deployment-fixtures.ts';
import { arrangeOrder } from '../support/deployment-orders.ts';
import { arrangeSmaOnBtcDaily, queuedJobs } from '../support/fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

const harness = useServiceHarness();

const production = (stepUp = true) => harness.servicesAs('pat@production.test', ['production'], { stepUp });
const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);

/** The rejection of `promise`. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

async function invalidField(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).field;
}

async function auditOf(subjectId: string) {
  return query<{ action: string; actor_role: string; details: Record<string, unknown> }>('select action, actor_role, details from audit_event where subject_id = ? order by sequence', [subjectId]);
}

/** A deployment the runner has started processing (activation `active`). */
async function runningDeployment() {
  const arranged = await arrangeShadowDeployment(harness, { activationState: 'active' });
  return arranged.deployment;
}

describe('starting a deployment', () => {
  it('production with a step-up starts a SHADOW replay of an approved version with documented defaults; audited', async () => {
    const { version, marketDataSet, strategy } = await arrangeSmaOnBtcDaily(harness);
    const services = await production();
    const deployment = await services.deploymentControl.start({
      strategyVersionId: version.id,
      parameters: { fastPeriod: 10, slowPeriod: 30 },
      stage: 'shadow',
      replay: { marketDataSetId: marketDataSet.id, barIntervalMs: 100 },
    });
    const [row] = await query<Record<string, unknown>>('select * from deployment where id = ?', [deployment.id]);
    expect(row).toMatchObject({
      strategy_id: strategy.id,
      strategy_version_id: version.id,
      stage: 'shadow',
      effective_stage: 'shadow',
      activation_state: 'pending',
      trading_state: 'active',
      health: 'healthy',
      feed_kind: 'replay',
      replay_dataset_id: marketDataSet.id,
      replay_bar_interval_ms: 100,
      symbol: 'BTC/USDT',
      quote_currency: 'USDT',
      timeframe: '1d',
      venue: 'shadow',
      slippage_bps: 5,
      taker_fee_bps: 10,
      maker_fee_bps: 10,
      participation_cap: null,
      order_type: 'market',
      initial_equity: 10_000,
      cash: 10_000,
      equity: 10_000,
      peak_equity: 10_000,
      max_notional_per_order: 1_000_000,
      capital_allocation: 1,
      max_position_fraction: 1,
      // Two seconds of lag on a replay clock running 100 ms a bar: 20 daily bars.
      max_bar_age_ms: 20 * 86_400_000,
    });
    const [config] = await query<{ parameters: Record<string, number> }>('select parameters from parameter_config where id = ?', [row!.parameter_config_id]);
    expect(config!.parameters).toMatchObject({ fastPeriod: 10, slowPeriod: 30 });
    const jobs = await queuedJobs(harness, 'process_deployment_bars');
    expect(jobs.filter((job) => (job.payload as { deploymentId: string }).deploymentId === deployment.id)).toHaveLength(1);
    const audit = await auditOf(deployment.id);
    expect(audit).toEqual([{ action: 'deployment.started', actor_role: 'production', details: expect.objectContaining({ stage: 'shadow', replayBarIntervalMs: 100, strategyCode: strategy.code, parameters: config!.parameters }) }]);
  });

  it('starts OBSERVE from an existing configuration of the version', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const shadow = await arrangeShadowDeployment(harness);
    const services = await production();
    const deployment = await services.deploymentControl.start({
      strategyVersionId: version.id,
      parameterConfigId: shadow.deployment.parameterConfig.id,
      stage: 'observe',
      replay: { marketDataSetId: marketDataSet.id, asFastAsPossible: true },
    });
    expect(deployment).toMatchObject({ stage: 'observe', replayBarIntervalMs: null });
    expect(deployment.parameterConfig.id).toBe(shadow.deployment.parameterConfig.id);
  });

  it('refuses PAPER and LIVE by rule, bad input by field, and unapproved versions; nothing is written', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const services = await production();
    const count = async () => (await query<{ n: number }>('select count(*)::int as n from deployment'))[0]!.n;
    const before = await count();
    const valid = { strategyVersionId: version.id, stage: 'shadow', replay: { marketDataSetId: marketDataSet.id } };
    const paper = await rejection(services.deploymentControl.start({ ...valid, stage: 'paper' }));
    expect(paper).toBeInstanceOf(ValidationError);
    expect(paper.message).toMatch(/stage_requires_promotion/);
    expect((paper as ValidationError).field).toBe('stage');
    expect(await invalidField(services.deploymentControl.start({ ...valid, stage: 'live' }))).toBe('stage');
    expect(await invalidField(services.deploymentControl.start({ ...valid, replay: { marketDataSetId: marketDataSet.id, barIntervalMs: 1 } }))).toBe('replay.barIntervalMs');
    expect(await invalidField(services.deploymentControl.start({ ...valid, fillModel: { takerFeeBps: 2000 } }))).toBe('fillModel.takerFeeBps');
    expect(await invalidField(services.deploymentControl.start({ ...valid, limits: { capitalAllocation: 0 } }))).toBe('limits.capitalAllocation');
    expect(await invalidField(services.deploymentControl.start({ ...valid, parameters: { fastPeriod: -3 } }))).toBe('parameters.fastPeriod');
    expect(await invalidField(services.deploymentControl.start({ ...valid, live: { venue: 'binanceus', symbol: 'BTC/USDT', timeframe: '1h' } }))).toBe('replay');
    expect(await invalidField(services.deploymentControl.start({ ...valid, strategyVersionId: 'nope' }))).toBe('strategyVersionId');

    const em = harness.orm.em.fork();
    const pending = em.create(StrategyVersion, { ...(await em.findOneOrFail(StrategyVersion, { id: version.id })), id: undefined, versionTag: 'v2099.01.1', approvalStatus: 'pending', approvalMetadata: null } as never);
    await em.flush();
    expect(await rejection(services.deploymentControl.start({ ...valid, strategyVersionId: (pending as StrategyVersion).id }))).toBeInstanceOf(ConflictError);
    expect(await count()).toBe(before);
  });

  it('needs production and a fresh second factor', async () => {
    const { version, marketDataSet } = await arrangeSmaOnBtcDaily(harness);
    const input = { strategyVersionId: version.id, stage: 'shadow', replay: { marketDataSetId: marketDataSet.id } };
    const withoutStepUp = await rejection((await production(false)).deploymentControl.start(input));
    expect(withoutStepUp).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    for (const role of ['research', 'risk', 'compliance'] as const) {
      const services = await harness.servicesAs(`${role}@deploy.test`, [role], { stepUp: true });
      expect(await rejection(services.deploymentControl.start(input))).toMatchObject({ reason: 'ROLE' });
    }
  });
});

describe('manual trading controls (FR-027)', () => {
  it('pause and resume: the runner stops and restarts processing bars (resume queues the next bar); audited with the reason', async () => {
    const deployment = await runningDeployment();
    const services = await production();
    expect((await services.deploymentControl.pause(deployment.id, 'exchange maintenance window')).activationState).toBe('paused');
    expect(await rejection(services.deploymentControl.pause(deployment.id, 'again'))).toBeInstanceOf(ConflictError);
    expect((await services.deploymentControl.resume(deployment.id, 'maintenance over')).activationState).toBe('active');
    expect((await queuedJobs(harness, 'process_deployment_bars')).filter((job) => (job.payload as { deploymentId: string }).deploymentId === deployment.id)).toHaveLength(1);
    expect(await rejection(services.deploymentControl.resume(deployment.id, 'nothing to resume'))).toBeInstanceOf(ConflictError);
    expect(await auditOf(deployment.id)).toEqual([
      { action: 'deployment.paused', actor_role: 'production', details: { activationState: { from: 'active', to: 'paused' }, reason: 'exchange maintenance window' } },
      { action: 'deployment.resumed', actor_role: 'production', details: { activationState: { from: 'paused', to: 'active' }, reason: 'maintenance over' } },
    ]);
  });

  it('a deployment that has not processed its first bar cannot be paused (activation machine)', async () => {
    const { deployment } = await arrangeShadowDeployment(harness);
    const error = await rejection((await production()).deploymentControl.pause(deployment.id, 'too early'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/cannot go from pending to paused/);
  });

  it('halt: trading state HALTED, open simulated orders cancelled at once, exchange orders left to the runner; resume trades again', async () => {
    const deployment = await runningDeployment();
    const accepted = await arrangeOrder(harness, deployment.id, 'accepted');
    const partial = await arrangeOrder(harness, deployment.id, 'partially_filled');
    const filled = await arrangeOrder(harness, deployment.id, 'filled');
    const atExchange = await arrangeOrder(harness, deployment.id, 'accepted', 'binanceus');
    const services = await production();
    const halted = await services.deploymentControl.halt(deployment.id, 'suspicious fills');
    expect(halted).toMatchObject({ tradingState: 'halted', tradingStateReason: 'suspicious fills' });
    const states = Object.fromEntries((await harness.orm.em.fork().find(DeploymentOrder, { deployment: deployment.id })).map((order) => [order.id, [order.state, order.reason]]));
    expect(states[accepted.id]).toEqual(['canceled', 'deployment halted by pat@production.test: suspicious fills']);
    expect(states[partial.id]![0]).toBe('canceled');
    expect(states[filled.id]![0]).toBe('filled');
    expect(states[atExchange.id]![0]).toBe('accepted');
    const [event] = await query<{ kind: string; category: string; rule: string; message: string; evidence: Record<string, unknown> }>('select kind, category, rule, message, evidence from deployment_event where deployment_id = ?', [deployment.id]);
    expect(event).toMatchObject({ kind: 'orders_cancelled', category: 'runtime', rule: 'trading_state', evidence: { cause: 'halt', cancelled: 2, leftForVenue: 1 } });
    expect(event!.message).toMatch(/^2 open orders cancelled: deployment halted by .*; 1 open at the exchange are cancelled by the runner through the venue$/);
    const [audit] = await auditOf(deployment.id);
    expect(audit).toMatchObject({ action: 'deployment.halted', details: { tradingState: { from: 'active', to: 'halted' }, ordersLeftForVenue: 1 } });
    expect((audit!.details.ordersCancelled as string[]).sort()).toEqual([accepted.clientOrderId, partial.clientOrderId].sort());

    expect(await rejection(services.deploymentControl.halt(deployment.id, 'twice'))).toMatchObject({ message: `deployment ${deployment.id} is already halted` });
    const resumed = await services.deploymentControl.resume(deployment.id, 'fills explained');
    expect(resumed).toMatchObject({ tradingState: 'active', activationState: 'active' });
  });

  it('flatten: REDUCING, open simulated orders cancelled, a flatten request for the runner’s next bar; refused without a position or twice', async () => {
    const { deployment } = await arrangeShadowDeployment(harness, { activationState: 'active', positionQuantity: 0.3, averageEntryPrice: 41_000 });
    const open = await arrangeOrder(harness, deployment.id, 'accepted');
    const services = await production();
    const flattened = await services.deploymentControl.flatten(deployment.id, 'risk limit reached');
    expect(flattened).toMatchObject({ tradingState: 'reducing', tradingStateReason: 'risk limit reached', flattenRequestedAt: expect.any(Date) });
    expect((await harness.orm.em.fork().findOneOrFail(DeploymentOrder, { id: open.id })).state).toBe('canceled');
    expect(await rejection(services.deploymentControl.flatten(deployment.id, 'again'))).toMatchObject({ message: expect.stringMatching(/already has a flatten waiting/) });
    const [audit] = await auditOf(deployment.id);
    expect(audit).toMatchObject({ action: 'deployment.flatten_requested', details: { tradingState: { from: 'active', to: 'reducing' }, positionQuantity: 0.3, reason: 'risk limit reached' } });

    const flat = await runningDeployment();
    expect(await rejection(services.deploymentControl.flatten(flat.id, 'nothing held'))).toMatchObject({ message: `deployment ${flat.id} holds no position: nothing to flatten` });
  });

  it('every control needs production with a step-up and a reason', async () => {
    const deployment = await runningDeployment();
    const services = await production();
    expect(await invalidField(services.deploymentControl.halt(deployment.id, ' x '))).toBe('reason');
    expect(await rejection((await production(false)).deploymentControl.halt(deployment.id, 'no second factor'))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    const risk = await harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });
    expect(await rejection(risk.deploymentControl.pause(deployment.id, 'not mine to pause'))).toBeInstanceOf(ForbiddenError);
    expect((await harness.orm.em.fork().findOneOrFail(Deployment, { id: deployment.id })).tradingState).toBe('active');
  });
});

describe('LIVE confirmation tokens', () => {
  it('production creates one (stored hashed, shown once, time-bounded); it verifies for its deployment only; risk revokes it without a step-up', async () => {
    const deployment = await runningDeployment();
    const other = await runningDeployment();
    const services = await production();
    const { token, secret } = await services.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 30 });
    expect(secret).toMatch(/^crucible_live_[\w-]{43}$/);
    const [row] = await query<{ token_hash: string; expires_at: string }>('select token_hash, expires_at from live_confirmation_token where id = ?', [token.id]);
    expect(row!.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(new Date(row!.expires_at).getTime() - token.createdAt.getTime()).toBe(30 * 60_000);
    expect(JSON.stringify(await auditOf(token.id))).not.toContain(secret);

    expect((await services.liveConfirmationTokens.verify(deployment.id, secret)).verdict).toBe('valid');
    expect((await services.liveConfirmationTokens.verify(other.id, secret)).verdict).toBe('wrong_deployment');
    expect((await services.liveConfirmationTokens.verify(deployment.id, `${secret}x`)).verdict).toBe('unknown');

    const risk = await harness.servicesAs('rita@risk.test', ['risk'], { stepUp: false });
    const revoked = await risk.liveConfirmationTokens.revoke(token.id, 'promotion withdrawn');
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await services.liveConfirmationTokens.verify(deployment.id, secret)).verdict).toBe('revoked');
    expect(await rejection(risk.liveConfirmationTokens.revoke(token.id, 'again'))).toBeInstanceOf(ConflictError);
    expect((await auditOf(token.id)).map((event) => event.action)).toEqual(['live_confirmation_token.created', 'live_confirmation_token.revoked']);
  });

  it('bounds the lifetime to a day and needs production with a step-up to create', async () => {
    const deployment = await runningDeployment();
    const services = await production();
    expect(await invalidField(services.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 1441 }))).toBe('ttlMinutes');
    expect(await invalidField(services.liveConfirmationTokens.create({ deploymentId: deployment.id, ttlMinutes: 0 }))).toBe('ttlMinutes');
    const { token } = await services.liveConfirmationTokens.create({ deploymentId: deployment.id });
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(60 * 60_000);
    expect(await rejection((await production(false)).liveConfirmationTokens.create({ deploymentId: deployment.id }))).toMatchObject({ reason: 'STEP_UP_REQUIRED' });
    const risk = await harness.servicesAs('rita@risk.test', ['risk'], { stepUp: true });
    expect(await rejection(risk.liveConfirmationTokens.create({ deploymentId: deployment.id }))).toMatchObject({ reason: 'ROLE' });
  });
});
