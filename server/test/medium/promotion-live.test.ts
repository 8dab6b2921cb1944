import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeUserActor } from '../../src/domain/auth/actor.ts';
import type { Role } from '../../src/domain/auth/roles.ts';
import type { VenueProvider } from '../../src/domain/deployment/venue.ts';
import { newId } from '../../src/domain/ids.ts';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { User } from '../../src/domain/user/user.entity.ts';
import type { ExchangeCredentials } from '../../src/infra/exchange/exchange-credentials.ts';
import { loadExchangeVenue } from '../../src/infra/exchange/load-exchange-venue.ts';
import type { RecordedMarkets } from '../../src/infra/exchange/recorded-markets.ts';
import { replayRecordedExchange, type RecordedHttpExchange } from '../../src/infra/exchange/testing/recorded-exchange.ts';
import { systemClock } from '../../src/infra/clock.ts';
import { createLogger } from '../../src/infra/logger.ts';
import { openOrm } from '../../src/infra/db/orm.ts';
import { createServices } from '../../src/services/create-services.ts';
import { arrangeLadderDeployments, type LadderSpec } from '../support/ladder-fixtures.ts';
import { activatePolicy, gatesOpenTestPolicy } from '../support/promotion-gate-fixtures.ts';
import { useServiceHarness } from '../support/test-services.ts';

// Each test gets its own database (the portfolio, the policies and the scorecard are shared state).
const harness = useServiceHarness({ database: 'test' });
const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
const query = <T>(sql: string, parameters: unknown[] = []) => harness.orm.em.fork().execute<T[]>(sql, parameters);
const fixture = <T,>(name: string): T => JSON.parse(readFileSync(new URL(`../../src/infra/exchange/fixtures/${name}`, import.meta.url), 'utf8')) as T;

/**
 * The Binance US connector (ccxt) answering the activation probe from the recorded `GET /api/v3/account` answer of the
 * connector fixtures (`available`), or with a request that times out (`down`). Nothing reaches the network.
 */
function recordedBinanceUs(answer: 'available' | 'down'): VenueProvider {
  const file = fixture<{ clock: string; credentials: ExchangeCredentials; cases: { call: { method: string }; exchange: RecordedHttpExchange[] }[] }>('binanceus.exchange.json');
  const balance = file.cases.find((testCase) => testCase.call.method === 'fetchBalance' && testCase.exchange.length > 0)!.exchange;
  const recorded: RecordedHttpExchange[] = answer === 'available' ? balance : [{ request: { method: 'GET', url: 'account' }, response: { timeout: true } }];
  return {
    venueFor: () =>
      loadExchangeVenue('binanceus', file.credentials, {
        clock: { now: () => new Date(file.clock) },
        markets: fixture<RecordedMarkets>('binanceus.markets.json'),
        configureExchange: (exchange) => void replayRecordedExchange(exchange, recorded),
      }),
  };
}

/** Services acting as `email` (created with `roles`), with a step-up, with the given exchange connectors, on `orm`. */
async function as(email: string, roles: Role[], venues?: VenueProvider, orm = harness.orm) {
  const em = orm.em.fork();
  let user = await em.findOne(User, { email });
  if (!user) {
    user = em.create(User, { email, displayName: email, roles, kind: 'human' });
    await em.flush();
  }
  const actor = makeUserActor({ id: user.id, email }, roles, { kind: 'api_token', tokenId: newId(), stepUp: true });
  return createServices({ em: orm.em.fork(), clock: systemClock, logger, correlationId: newId(), actor }, { importDir: '/nonexistent', venues });
}
const requester = () => as('pat@production.test', ['production']);
const risk = () => as('rita@risk.test', ['risk']);
const ops = () => as('quinn@production.test', ['production']);
const authorizer = (venues: VenueProvider = recordedBinanceUs('available')) => as('uma@production.test', ['production'], venues);

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** A PAPER → LIVE request of `deploymentId` signed by risk and ops (the final authorizer still missing). */
async function signedByRiskAndOps(deploymentId: string) {
  const { request } = await (await requester()).promotionRequests.request({ deploymentId, reason: 'twenty clean paper sessions' });
  await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'limits and rollback plan' });
  await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'paging and runbook ready' });
  return request;
}

async function counts() {
  const [row] = await query<{ live: number; approvals: number; records: number; tokens: number }>(
    `select (select count(*)::int from deployment where stage = 'live') as live, (select count(*)::int from promotion_approval) as approvals,
            (select count(*)::int from promotion_record) as records, (select count(*)::int from live_confirmation_token) as tokens`,
  );
  return row!;
}

/** The gates-open test policy with another live cap, active from now (a second after the first one). */
async function activatePolicyWithLiveCap(liveCap: number) {
  const policy = gatesOpenTestPolicy(`2026.12.1-gates-open-live-cap-${liveCap}-test`, (changed) => (changed.portfolio.liveCap = liveCap));
  const em = harness.orm.em.fork();
  em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: true, createdAt: new Date(Date.now() + 2000) });
  await em.flush();
}

const paperCandidate = (overrides: Partial<LadderSpec> = {}): LadderSpec => ({ stage: 'paper', template: 'macd', rank: 1, allocation: 0.01, returnsSeed: 9_001, ...overrides });

describe('promotion ladder: PAPER → LIVE', () => {
  // The activation probe signs with the venue's stored account (no credentials → activation halted, like the runner).
  // The portfolio limits, capital and approvals are tested under a policy whose evidence gates are open (its version
  // says so); the gates' re-check at execution is tested in promotion-ladder.test.ts.
  beforeEach(async () => {
    await activatePolicy(harness.orm.em.fork(), gatesOpenTestPolicy());
    await (await as('cred@production.test', ['production'])).exchangeCredentials.set({ venue: 'binanceus', apiKey: 'fixture-binanceus-api-key', secret: 'fixture-binanceus-secret-not-a-credential' });
  });

  it('risk and ops are not enough; a final authorizer who signed a step is refused; the final authorizer gets the token and the runtime accepts LIVE', async () => {
    const [candidate] = await arrangeLadderDeployments(harness, [paperCandidate()]);
    const request = await signedByRiskAndOps(candidate!.deploymentId);
    expect(await counts()).toEqual({ live: 0, approvals: 2, records: 0, tokens: 0 });
    // The person who signed risk (holding production too) cannot also be the final authorizer.
    const both = await as('sam@both.test', ['risk', 'production']);
    const other = await arrangeLadderDeployments(harness, [paperCandidate({ template: 'ema_crossover', returnsSeed: 9_002, rank: 2 })]);
    const { request: second } = await (await requester()).promotionRequests.request({ deploymentId: other[0]!.deploymentId, reason: 'second' });
    await both.promotionRequests.approve({ requestId: second.id, step: 'riskApprover', comment: 'risk view' });
    expect(await rejection((await as('sam@both.test', ['risk', 'production'])).promotionRequests.approve({ requestId: second.id, step: 'finalAuthorizer', comment: 'and final' }))).toMatchObject({
      message: expect.stringMatching(/^approval\.(sameApproverTwice|finalStepTooEarly): /),
    });
    await (await ops()).promotionRequests.approve({ requestId: second.id, step: 'opsApprover', comment: 'ops' });
    expect(await rejection((await as('sam@both.test', ['risk', 'production'])).promotionRequests.approve({ requestId: second.id, step: 'finalAuthorizer', comment: 'and final' }))).toMatchObject({
      message: expect.stringMatching(/^approval\.sameApproverTwice: /),
    });
    expect(await rejection((await requester()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'mine' }))).toMatchObject({ message: expect.stringMatching(/^approval\.approverIsRequester: /) });

    const final = await (await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'two-person rule satisfied' });
    expect(final.request.status).toBe('approved');
    const execution = final.execution!;
    expect(execution.executed).toBe(true);
    if (!execution.executed) return;
    expect(execution.liveToken?.secret).toMatch(/^crucible_live_/);
    const [deployment] = await query<{ stage: string; venue: string; rollout_wave: string; capital_allocation: number }>(`select stage, venue, rollout_wave, capital_allocation from deployment where id = ?`, [candidate!.deploymentId]);
    // Rank 1 of 2 ranked (the 50th percentile: no tier) → the base 2 %, pilot at a quarter.
    expect(deployment).toEqual({ stage: 'live', venue: 'binanceus', rollout_wave: 'pilot', capital_allocation: 0.005 });
    // What the runner checks: a valid token for this deployment now.
    expect(await (await authorizer()).liveConfirmationTokens.verify(candidate!.deploymentId, execution.liveToken!.secret)).toMatchObject({ verdict: 'valid' });
    const [valid] = await query<{ valid: boolean }>(`select exists (select 1 from live_confirmation_token where deployment_id = ? and revoked_at is null and expires_at > now()) as valid`, [candidate!.deploymentId]);
    expect(valid!.valid).toBe(true);
    expect(final.record).toMatchObject({ decision: 'promote', fromStage: 'paper', toStage: 'live' });
    expect(final.record!.approvers.map((approver) => approver.step)).toEqual(['riskApprover', 'opsApprover', 'finalAuthorizer']);
  });

  it('createLiveConfirmationToken obeys the approval matrix: never the LIVE promotion’s requester nor another step’s signer; a token made before the promotion is revoked by it', async () => {
    const [candidate] = await arrangeLadderDeployments(harness, [paperCandidate()]);
    const deploymentId = candidate!.deploymentId;
    // Before any request: a token may be made, but it will not survive the promotion.
    const early = await (await requester()).liveConfirmationTokens.create({ deploymentId, ttlMinutes: 60 });
    const request = await signedByRiskAndOps(deploymentId);
    // Pending: only the final authorizer's approval creates the token.
    expect(await rejection((await authorizer()).liveConfirmationTokens.create({ deploymentId }))).toMatchObject({ message: expect.stringMatching(/^promotion\.approvalsIncomplete: /) });
    const final = await (await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'two-person rule satisfied' });
    expect(final.execution).toMatchObject({ executed: true });
    expect((await (await authorizer()).liveConfirmationTokens.verify(deploymentId, early.secret)).verdict).toBe('revoked');
    const before = await counts();
    // The requester can never confirm their own LIVE promotion (this passed before: production + step-up was enough).
    expect(await rejection((await requester()).liveConfirmationTokens.create({ deploymentId }))).toMatchObject({ message: expect.stringMatching(/^approval\.approverIsRequester: /) });
    // Nor the ops approver (two-person rule: the final authorizer is neither of the other signers).
    expect(await rejection((await ops()).liveConfirmationTokens.create({ deploymentId }))).toMatchObject({ message: expect.stringMatching(/^approval\.sameApproverTwice: /) });
    expect(await counts()).toEqual(before);
    // The final authorizer renews it.
    const renewed = await (await authorizer()).liveConfirmationTokens.create({ deploymentId, ttlMinutes: 30 });
    expect((await (await authorizer()).liveConfirmationTokens.verify(deploymentId, renewed.secret)).verdict).toBe('valid');
  });

  it('PAPER → LIVE starts flat: the paper book is closed at its last mark in the promotion’s transaction, the exchange reconciliation starts afresh', async () => {
    const [candidate] = await arrangeLadderDeployments(harness, [paperCandidate()]);
    const deploymentId = candidate!.deploymentId;
    // Long 0.1 BTC on paper bought at 50,000, marked at 55,000: equity 10,500 = 5,000 cash + 5,500.
    await query(`update deployment set position_quantity = 0.1, average_entry_price = 50000, cash = 5000, equity = 10500, target_in_force = 0.5, venue_base_baseline = 3 where id = ?`, [deploymentId]);
    const request = await signedByRiskAndOps(deploymentId);
    const final = await (await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'go live' });
    expect(final.execution).toMatchObject({ executed: true });
    const [row] = await query<{ stage: string; position_quantity: number; average_entry_price: number; cash: number; equity: number; realized_pnl: number; target_in_force: number; venue_base_baseline: number | null; venue_reconciled_at: string | null }>(
      `select stage, position_quantity, average_entry_price, cash, equity, realized_pnl, target_in_force, venue_base_baseline, venue_reconciled_at from deployment where id = ?`,
      [deploymentId],
    );
    expect(row).toEqual({ stage: 'live', position_quantity: 0, average_entry_price: 0, cash: 10500, equity: 10500, realized_pnl: 500, target_in_force: 0, venue_base_baseline: null, venue_reconciled_at: null });
    expect(final.record!.metricsSnapshot).toMatchObject({ paperBookClosed: { positionQuantity: 0.1, averageEntryPrice: 50000, equity: 10500, realizedAtMark: 500, ordersCancelled: 0 } });
  });

  it('exchange connector down at activation: halted, production notified, approvals kept; the final authorizer retries with executePromotion', async () => {
    const [candidate] = await arrangeLadderDeployments(harness, [paperCandidate()]);
    const request = await signedByRiskAndOps(candidate!.deploymentId);
    const held = await (await authorizer(recordedBinanceUs('down'))).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'go live' });
    expect(held.execution).toMatchObject({ executed: false, rule: 'promotion.connectorUnavailable' });
    expect(await counts()).toEqual({ live: 0, approvals: 3, records: 0, tokens: 0 });
    expect(await query<{ audience: string; kind: string }>(`select audience, kind from notification where kind = 'promotion.activation_halted'`)).toEqual([{ audience: 'production', kind: 'promotion.activation_halted' }]);
    expect(await rejection((await ops()).promotionRequests.execute({ requestId: request.id }))).toMatchObject({ message: expect.stringMatching(/^promotion\.notFinalAuthorizer: /) });
    const done = await (await authorizer()).promotionRequests.execute({ requestId: request.id });
    expect(done.execution).toMatchObject({ executed: true });
    expect(await counts()).toEqual({ live: 1, approvals: 3, records: 1, tokens: 1 });
  });

  it('35 live and a better candidate: the lowest-ranked live deployment is demoted in the same transaction, with its own record', async () => {
    const live = Array.from({ length: 35 }, (_, index): LadderSpec => ({ stage: 'live', template: templates[index % templates.length]!, rank: index + 2, allocation: 0.02, returnsSeed: 100 + index }));
    const deployments = await arrangeLadderDeployments(harness, [paperCandidate({ rank: 1 }), ...live]);
    const candidate = deployments[0]!;
    const lowest = deployments[35]!; // rank 36
    const request = await signedByRiskAndOps(candidate.deploymentId);
    const final = await (await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'displace the weakest' });
    expect(final.execution).toMatchObject({ executed: true, demoted: [{ deploymentId: lowest.deploymentId }] });
    const rows = await query<{ id: string; stage: string; venue: string; tx: string }>(`select id, stage, venue, xmin::text as tx from deployment where id in (?, ?)`, [candidate.deploymentId, lowest.deploymentId]);
    expect(rows.find((row) => row.id === candidate.deploymentId)).toMatchObject({ stage: 'live' });
    expect(rows.find((row) => row.id === lowest.deploymentId)).toMatchObject({ stage: 'shadow', venue: 'shadow' });
    // One transaction: both rows were last written by the same transaction id.
    expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    const [demotion] = await query<{ decision: string; reason_code: string; from_stage: string; to_stage: string }>(`select decision, reason_code, from_stage, to_stage from promotion_record where deployment_id = ?`, [lowest.deploymentId]);
    expect(demotion).toEqual({ decision: 'demote', reason_code: 'live_cap_displaced', from_stage: 'live', to_stage: 'shadow' });
    expect(await counts()).toMatchObject({ live: 35 });
    const [total] = await query<{ total: number }>(`select sum(capital_allocation)::float8 as total from deployment where stage = 'live'`);
    expect(total!.total).toBeLessThanOrEqual(1);
  });

  it('at a live cap of 100 the same: 100 live, a better candidate enters and the lowest-ranked leaves', async () => {
    await activatePolicyWithLiveCap(100);
    const live = Array.from({ length: 100 }, (_, index): LadderSpec => ({ stage: 'live', template: templates[index % templates.length]!, rank: index + 2, allocation: 0.005, returnsSeed: 500 + index }));
    const deployments = await arrangeLadderDeployments(harness, [paperCandidate({ rank: 1 }), ...live]);
    const request = await signedByRiskAndOps(deployments[0]!.deploymentId);
    const final = await (await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'at scale' });
    expect(final.execution).toMatchObject({ executed: true, demoted: [{ deploymentId: deployments[100]!.deploymentId }] });
    expect(await counts()).toMatchObject({ live: 100 });
  });

  it('a candidate correlated above 0.7 with a live strategy is refused with the measured value; nothing is written', async () => {
    const deployments = await arrangeLadderDeployments(harness, [
      { stage: 'live', template: 'ema_crossover', rank: 2, allocation: 0.02, returnsSeed: 1 },
      { stage: 'live', template: 'rsi_mean_reversion', rank: 3, allocation: 0.02, returnsSeed: 2 },
      { stage: 'live', template: 'donchian_breakout', rank: 4, allocation: 0.02, returnsSeed: 3 },
      paperCandidate({ correlatedWith: 0 }),
    ]);
    const candidate = deployments[3]!;
    const request = await signedByRiskAndOps(candidate.deploymentId);
    const error = await rejection((await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'try' }));
    const measured = /portfolio\.maxPairwiseCorrelation: .*threshold < 0\.7 ratio, measured (0\.\d+)\)/.exec(error.message);
    expect(measured, error.message).not.toBeNull();
    expect(Number(measured![1])).toBeGreaterThan(0.7);
    expect(error.message).toContain(deployments[0]!.deploymentId);
    expect(await counts()).toEqual({ live: 3, approvals: 2, records: 0, tokens: 0 });
  });

  it('a candidate that would push its template above 30 % of live is refused with the measured share', async () => {
    const deployments = await arrangeLadderDeployments(harness, [
      { stage: 'live', template: 'macd', rank: 2, allocation: 0.02, returnsSeed: 11 },
      { stage: 'live', template: 'rsi_mean_reversion', rank: 3, allocation: 0.02, returnsSeed: 12 },
      { stage: 'live', template: 'donchian_breakout', rank: 4, allocation: 0.02, returnsSeed: 13 },
      { stage: 'live', template: 'ema_crossover', rank: 5, allocation: 0.02, returnsSeed: 14 },
      paperCandidate({ template: 'macd' }),
    ]);
    const request = await signedByRiskAndOps(deployments[4]!.deploymentId);
    const error = await rejection((await authorizer()).promotionRequests.approve({ requestId: request.id, step: 'finalAuthorizer', comment: 'try' }));
    expect(error.message).toMatch(/^portfolio\.maxTemplateShare: .*2 of 5 live, at most 1 allowed \(threshold <= 0\.3 fraction, measured 0\.4\)/);
    expect(await counts()).toEqual({ live: 4, approvals: 2, records: 0, tokens: 0 });
  });

  it('20 final approvals landing at once on separate connections never push a stage above 100 % nor past a guardrail', async () => {
    // The PAPER book holds 95 %: room for ten pilot allocations of 0.5 % (unranked: base 2 % × 0.25).
    const full = Array.from({ length: 19 }, (): LadderSpec => ({ stage: 'paper', template: 'sma_crossover', rank: null, allocation: 0.05, returnsSeed: null }));
    const shadows = Array.from({ length: 20 }, (): LadderSpec => ({ stage: 'shadow', template: 'sma_crossover', rank: null, allocation: 0.01, returnsSeed: null }));
    const deployments = await arrangeLadderDeployments(harness, [...full, ...shadows]);
    const requests = [];
    for (const deployment of deployments.slice(19)) {
      const { request } = await (await requester()).promotionRequests.request({ deploymentId: deployment.deploymentId, reason: 'ready for paper' });
      await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'limits fine' });
      requests.push(request);
    }
    // The ops approver exists before the race: twenty first sign-ins creating the same user at once is not what this tests.
    await ops();
    const orm = await openOrm(harness.database.appUrl, 24);
    try {
      const services = await Promise.all(requests.map(() => as('quinn@production.test', ['production'], undefined, orm)));
      const outcomes = await Promise.allSettled(requests.map((request, index) => services[index]!.promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'all at once' })));
      const executed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      expect(executed).toHaveLength(10);
      for (const outcome of refused) expect(String(outcome.reason)).toMatch(/capital\.maxTotalAllocation: .*threshold <= 1 fraction, measured 1\.005\)/);
    } finally {
      await orm.close();
    }
    const [book] = await query<{ total: number; largest: number; count: number }>(`select sum(capital_allocation)::float8 as total, max(capital_allocation)::float8 as largest, count(*)::int as count from deployment where stage = 'paper'`);
    expect(book!.count).toBe(29);
    expect(book!.total).toBeLessThanOrEqual(1 + 1e-9);
    expect(book!.total).toBeCloseTo(1, 9);
    expect(book!.largest).toBeLessThanOrEqual(0.05); // the moderate guardrail
  });
});

const templates = ['sma_crossover', 'ema_crossover', 'macd', 'rsi_mean_reversion', 'bollinger_mean_reversion', 'donchian_breakout'];

/** A daily P&L mark of `deploymentId` opened `daysAgo` days before today (UTC midnight) with this exposure (fraction of its equity). */
async function mark(deploymentId: string, daysAgo: number, exposure: number) {
  const barAt = new Date((Math.floor(Date.now() / 86_400_000) - daysAgo) * 86_400_000);
  await query(`insert into pnl_snapshot (deployment_id, bar_at, equity, cash, realized_pnl, unrealized_pnl, fees, drawdown, exposure, return_fraction) values (?, ?, 10000, 0, 0, 0, 0, 0, ?, 0)`, [deploymentId, barAt, exposure]);
}

describe('promotion ladder: concentration in portfolio terms', () => {
  beforeEach(async () => {
    // A policy whose only evidence gate besides the defaults' zero critical incidents is SHADOW → PAPER's concentration: no episode allowed.
    const policy = gatesOpenTestPolicy('2026.12.1-gates-open-concentration-test', (changed) => (changed.gates.shadowToPaper.risk.maxConcentrationViolations = 0));
    const em = harness.orm.em.fork();
    em.create(PromotionPolicyVersion, { version: policy.version, definition: policy, active: true, createdAt: new Date(Date.now() + 1000) });
    await em.flush();
  });

  it('a fully invested SHADOW strategy is measured on the share of the portfolio it would hold, plus the PAPER book’s position in the same asset', async () => {
    const deployments = await arrangeLadderDeployments(harness, [
      { stage: 'shadow', template: 'sma_crossover', rank: null, allocation: 1, returnsSeed: null },
      ...Array.from({ length: 4 }, (_, index): LadderSpec => ({ stage: 'paper', template: templates[index]!, rank: null, allocation: 0.05, returnsSeed: null })),
    ]);
    const candidate = deployments[0]!.deploymentId;
    const book = deployments.slice(1).map((deployment) => deployment.deploymentId);
    // Thirty days at SHADOW, fully invested in BTC on every mark (its own equity: 100 %).
    await query(`update deployment set activation_started_at = now() - interval '30 days' where id = ?`, [candidate]);
    for (let day = 29; day >= 1; day--) await mark(candidate, day, 1);
    // The PAPER book holds BTC too: four deployments at 5 % of the portfolio, fully invested → 20 % of the portfolio.
    for (const member of book) await mark(member, 2, 1);
    const { request } = await (await requester()).promotionRequests.request({ deploymentId: candidate, reason: 'clean shadow month' });
    await (await risk()).promotionRequests.approve({ requestId: request.id, step: 'riskApprover', comment: 'read' });
    const refused = await (await ops()).promotionRequests.approve({ requestId: request.id, step: 'opsApprover', comment: 'read' });
    expect(refused.execution).toMatchObject({ executed: false, rule: 'promotion.gatesNotPassed' });
    // 2 % (its recommended PAPER share, unranked) × 100 % + the book's 20 % = 22 % of the portfolio in BTC: one episode.
    expect(refused.request.executionBlockedReason).toMatch(/gates\.shadowToPaper\.risk\.maxConcentrationViolations: .*\(threshold <= 0 count, measured 1\)/);
    // The book leaves BTC: the candidate alone is 2 % of the portfolio (before, its own equity counted as the whole portfolio: 100 %).
    for (const member of book) await mark(member, 1, 0);
    const done = await (await ops()).promotionRequests.execute({ requestId: request.id });
    expect(done.execution).toMatchObject({ executed: true });
    const gate = (done.record!.metricsSnapshot as { gate: { checks: { rule: string; measured: number | null }[] } }).gate;
    expect(gate.checks.find((check) => check.rule === 'gates.shadowToPaper.risk.maxConcentrationViolations')).toMatchObject({ measured: 0 });
  });
});

