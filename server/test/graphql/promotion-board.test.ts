import { describe, expect, it } from 'vitest';
import { Deployment } from '../../src/domain/deployment/deployment.entity.ts';
import { MarketDataSet } from '../../src/domain/market-data/market-data-set.entity.ts';
import { PromotionPolicyVersion } from '../../src/domain/promotion/promotion-policy.entity.ts';
import { resolvePromotionPolicy } from '../../src/domain/promotion/promotion-policy.schema.ts';
import { defaultPromotionPolicy } from '../../src/domain/promotion/promotion-policy.ts';
import { demoHistoryBars, demoReplayStartMs, demoSyntheticFileName, permissiveDemoPolicyVersion, seedPromotionDemo } from '../../src/services/demo/promotion-demo.ts';
import { makeManualClock, runToEnd } from '../support/deployment-runner-harness.ts';
import { useApiHarness } from '../support/test-server.ts';

const api = useApiHarness();

const boardQuery = `{ promotionBoard {
  policyVersion policyValid candidatesUnavailable candidateConsecutiveEvaluationDays
  candidates { strategy { code } rank }
  cards { stage clock stageAgeMs stabilityWindowSessions nextTransition deployment { databaseId strategy { code } }
    gateSource gate { transition policyVersion passed evaluatedAt refusals { rule } checks { rule category comparator threshold measured unit status message } }
    pendingRequest { requesterName complete request { transition status policyVersion } steps { key roles afterOtherSteps approval { approverName } }
      gateVerdict { transition policyVersion passed evaluatedAt clock refusals { rule } } } } } }`;

interface BoardCheck {
  rule: string;
  comparator: string;
  threshold: number;
  measured: number | null;
  unit: string;
  status: string;
  message: string;
}
interface Board {
  promotionBoard: {
    policyVersion: string;
    policyValid: boolean;
    cards: {
      stage: string;
      clock: string;
      stageAgeMs: number;
      stabilityWindowSessions: number | null;
      nextTransition: string | null;
      deployment: { databaseId: string; strategy: { code: string } };
      gateSource: 'RECORDED' | 'LIVE';
      gate: { transition: string; policyVersion: string; passed: boolean; evaluatedAt: string; refusals: { rule: string }[]; checks: BoardCheck[] } | null;
      pendingRequest: {
        requesterName: string | null;
        complete: boolean;
        request: { transition: string; status: string; policyVersion: string };
        steps: { key: string; roles: string[]; approval: unknown }[];
        gateVerdict: { transition: string; policyVersion: string; passed: boolean; evaluatedAt: string; clock: string; refusals: { rule: string }[] } | null;
      } | null;
    }[];
  };
}

describe('promotion board and the demo seed', () => {
  it('seeds a labelled SYNTHETIC dataset and a permissive policy named so (the default stays as it was), deployments and the platform’s requests; idempotent', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    // The other tests may have seeded already (any order): the first call reports what it did, or null.
    const report = await seedPromotionDemo(api.orm.em.fork(), api.services());
    const em = api.orm.em.fork();
    const dataSet = await em.findOneOrFail(MarketDataSet, { fileName: demoSyntheticFileName });
    expect(dataSet).toMatchObject({ source: 'synthetic', fileName: demoSyntheticFileName, symbolUniverse: ['SYNTH-USD'], timeframe: '1h', rowCount: demoHistoryBars + 2_880 });
    // 61 days of history before the replayed span, so monitoring labels the regime of the first replayed bar.
    expect(dataSet.startAt.getTime()).toBe(demoReplayStartMs - demoHistoryBars * 3_600_000);
    const policies = await em.find(PromotionPolicyVersion, {}, { orderBy: { createdAt: 'asc' } });
    expect(policies.map((row) => row.version)).toEqual([defaultPromotionPolicy.version, permissiveDemoPolicyVersion]);
    // The stored 2026.12.1 row predates requestValidityDays: it reads the 7-day default, equal to the default policy.
    expect(resolvePromotionPolicy(policies[0].definition)).toMatchObject({ valid: true, policy: defaultPromotionPolicy });
    expect(policies[1].definition.scorecard).toEqual({ requireComplete: false, requireProductionStandard: false, maxAgeDays: 7 });
    expect({ ...policies[1].definition, version: '', scorecard: null }).toEqual({ ...defaultPromotionPolicy, version: '', scorecard: null });
    if (report) {
      expect(report.deployments).toBe(3);
      expect(report.requests + report.skippedRequests.length).toBe(3);
    }

    const board = await api.request<Board>(boardQuery, {}, { role: 'production' });
    expect(board.errors).toBeUndefined();
    expect(board.data!.promotionBoard).toMatchObject({ policyVersion: permissiveDemoPolicyVersion, policyValid: true });
    const observe = board.data!.promotionBoard.cards.find((card) => card.deployment.strategy.code === 'builtin-donchian-breakout')!;
    expect(observe).toMatchObject({ stage: 'OBSERVE', clock: 'MARKET', nextTransition: 'OBSERVE_TO_SHADOW', stabilityWindowSessions: 5 });
    expect(observe.pendingRequest).toMatchObject({ requesterName: null, complete: false, request: { transition: 'OBSERVE_TO_SHADOW', status: 'PENDING', policyVersion: permissiveDemoPolicyVersion } });
    expect(observe.pendingRequest!.steps).toEqual([{ key: 'strategyReviewer', roles: ['PRODUCTION'], afterOtherSteps: false, approval: null }]);
    // Nothing replayed yet: no evidence, so the gates refuse (fail closed), naming the rules.
    expect(observe.gate).toMatchObject({ transition: 'OBSERVE_TO_SHADOW', policyVersion: permissiveDemoPolicyVersion, passed: false });
    expect(observe.gate!.refusals.map((refusal) => refusal.rule)).toContain('gates.observeToShadow.stabilityWindow.minEvaluations');
    // The request carries the verdict it was opened on (recorded, not re-evaluated): the same refusal, with its time.
    expect(observe.pendingRequest!.gateVerdict).toMatchObject({ transition: 'OBSERVE_TO_SHADOW', policyVersion: permissiveDemoPolicyVersion, passed: false, clock: 'MARKET' });
    expect(observe.pendingRequest!.gateVerdict!.refusals.map((refusal) => refusal.rule)).toContain('gates.observeToShadow.stabilityWindow.minEvaluations');
    expect(Date.parse(observe.pendingRequest!.gateVerdict!.evaluatedAt)).not.toBeNaN();

    expect(await seedPromotionDemo(api.orm.em.fork(), api.services())).toBeNull();
    expect(await api.orm.em.fork().count(Deployment, { replayDataset: dataSet.id, replayBarIntervalMs: 500 })).toBe(3);
  });

  it('a SHADOW replay on the planted edge (volatility-targeted trend, ≤ 10 % of equity): each gate’s measured value against its threshold under the policy in force; under the strict default the scorecard rules refuse', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await seedPromotionDemo(api.orm.em.fork(), api.services());
    const dataSet = await api.orm.em.fork().findOneOrFail(MarketDataSet, { fileName: demoSyntheticFileName });
    const production = await api.servicesAs('board-runner@test.crucible.local', ['production'], { stepUp: true });
    const strategy = (await production.strategies.list({ first: 100 })).nodes.find((node) => node.code === 'builtin-volatility-targeted-trend')!;
    const version = (await production.strategies.versions(strategy.id)).find((candidate) => candidate.approvalStatus === 'approved')!;
    const started = await production.deploymentControl.start({
      strategyVersionId: version.id,
      parameters: { lookbackPeriod: 48, volatilityPeriod: 48, maxLeverage: 0.1, positionStep: 0.05 },
      stage: 'shadow',
      replay: { marketDataSetId: dataSet.id, asFastAsPossible: true, startAt: new Date(demoReplayStartMs), endAt: new Date(Date.UTC(2026, 6, 15)) },
    });
    await runToEnd(api, started.id, makeManualClock(Date.now()), {}, 5_000);

    const read = async () => {
      const board = await api.request<Board>(boardQuery, {}, { role: 'risk' });
      expect(board.errors).toBeUndefined();
      return board.data!.promotionBoard.cards.find((card) => card.deployment.databaseId === started.id)!;
    };
    const card = await read();
    expect(card).toMatchObject({ stage: 'SHADOW', clock: 'MARKET', nextTransition: 'SHADOW_TO_PAPER', stabilityWindowSessions: 10 });
    // 44 days of hourly bars replayed (market time), less the first bar's close.
    expect(card.stageAgeMs / 86_400_000).toBeGreaterThan(43);
    const check = (rule: string) => card.gate!.checks.find((candidate) => candidate.rule === rule)!;
    expect(card.gate!.policyVersion).toBe(permissiveDemoPolicyVersion);
    expect(check('gates.shadowToPaper.stabilityWindow.minSessions')).toMatchObject({ comparator: '>=', threshold: 10, unit: 'DAYS', status: 'PASS' });
    const sharpe = check('gates.shadowToPaper.signalQuality.minSharpe');
    expect(sharpe).toMatchObject({ comparator: '>=', threshold: 0.2, unit: 'RATIO' });
    expect(sharpe.measured).toBeGreaterThan(0.2);
    const drawdown = check('gates.shadowToPaper.risk.minMaxDrawdown');
    expect(drawdown).toMatchObject({ comparator: '>=', threshold: -0.03, unit: 'FRACTION', status: 'PASS' });
    expect(drawdown.measured).toBeLessThanOrEqual(0);
    expect(check('gates.shadowToPaper.operational.minFreshQuoteFillShare').measured).toBe(1);
    expect(card.gate!.checks.find((candidate) => candidate.rule.startsWith('scorecard.require'))).toBeUndefined();
    expect(check('gates.shadowToPaper.risk.maxConcentrationViolations')).toMatchObject({ measured: 0, status: 'PASS' });
    // The planted edge passes every evidence rule; only the scorecard's age cannot be measured (no evaluation cycle ran here).
    expect(card.gate!.refusals.map((refusal) => refusal.rule)).toEqual(['scorecard.maxAgeDays']);
    expect(check('scorecard.maxAgeDays')).toMatchObject({ measured: null, status: 'FAIL' });

    // The strict default in force again: the scorecard conditions apply and refuse (no scorecard entry exists here).
    await api.orm.em.fork().nativeUpdate(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion }, { active: false });
    try {
      const strict = await read();
      expect(strict.gate).toMatchObject({ policyVersion: defaultPromotionPolicy.version, passed: false });
      expect(strict.gate!.refusals.map((refusal) => refusal.rule)).toEqual(expect.arrayContaining(['scorecard.requireComplete', 'scorecard.requireProductionStandard']));
      expect(strict.gate!.checks.find((candidate) => candidate.rule === 'gates.shadowToPaper.signalQuality.minSharpe')!.measured).toBe(sharpe.measured);
    } finally {
      await api.orm.em.fork().nativeUpdate(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion }, { active: true });
    }
  });

  it('a card with a pending request shows the verdict recorded when the request was opened (its policy version, its time), not a live evaluation; a card without one is evaluated live under the policy in force', async () => {
    await api.services().strategies.registerBuiltInStrategies();
    await seedPromotionDemo(api.orm.em.fork(), api.services());
    const dataSet = await api.orm.em.fork().findOneOrFail(MarketDataSet, { fileName: demoSyntheticFileName });
    const production = await api.servicesAs('board-verdicts@test.crucible.local', ['production'], { stepUp: true });
    const strategy = (await production.strategies.list({ first: 100 })).nodes.find((node) => node.code === 'builtin-ema-crossover')!;
    const version = (await production.strategies.versions(strategy.id)).find((candidate) => candidate.approvalStatus === 'approved')!;
    const unrequested = await production.deploymentControl.start({ strategyVersionId: version.id, stage: 'shadow', replay: { marketDataSetId: dataSet.id, asFastAsPossible: true } });

    // The strict default in force again: the demo's OBSERVE request was opened under the permissive demo version.
    await api.orm.em.fork().nativeUpdate(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion }, { active: false });
    try {
      const board = await api.request<Board>(boardQuery, {}, { role: 'risk' });
      expect(board.errors).toBeUndefined();
      expect(board.data!.promotionBoard.policyVersion).toBe(defaultPromotionPolicy.version);
      const requested = board.data!.promotionBoard.cards.find((card) => card.deployment.strategy.code === 'builtin-donchian-breakout' && card.pendingRequest !== null)!;
      const verdict = requested.pendingRequest!.gateVerdict!;
      expect(requested.gateSource).toBe('RECORDED');
      expect(requested.gate).toMatchObject({ transition: verdict.transition, policyVersion: permissiveDemoPolicyVersion, passed: verdict.passed, evaluatedAt: verdict.evaluatedAt });
      expect(requested.gate!.refusals).toEqual(verdict.refusals);
      // No scorecard rule: the permissive version's checks, not the default's (which requires a production-standard scorecard).
      expect(requested.gate!.checks.find((check) => check.rule === 'scorecard.requireProductionStandard')).toBeUndefined();

      const live = board.data!.promotionBoard.cards.find((card) => card.deployment.databaseId === unrequested.id)!;
      expect(live.pendingRequest).toBeNull();
      expect(live.gateSource).toBe('LIVE');
      expect(live.gate).toMatchObject({ transition: 'SHADOW_TO_PAPER', policyVersion: defaultPromotionPolicy.version, passed: false });
      expect(live.gate!.refusals.map((refusal) => refusal.rule)).toContain('scorecard.requireProductionStandard');
    } finally {
      await api.orm.em.fork().nativeUpdate(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion }, { active: true });
    }
  });

  it('research may read the board; anonymous may not', async () => {
    const research = await api.request(`{ promotionBoard { policyVersion cards { stage } } }`, {}, { role: 'research' });
    expect(research.errors).toBeUndefined();
    const anonymous = await api.request(`{ promotionBoard { policyVersion } }`, {}, 'anonymous');
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
