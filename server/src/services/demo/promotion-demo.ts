import { Deployment } from '../../domain/deployment/deployment.entity.ts';
import { ConflictError } from '../../domain/errors.ts';
import { syntheticTrendBarsCsv } from '../../domain/market-data/synthetic-trend-bars.ts';
import { PromotionPolicyVersion } from '../../domain/promotion/promotion-policy.entity.ts';
import { defaultPromotionPolicy, type PromotionPolicy } from '../../domain/promotion/promotion-policy.ts';
import { parsePromotionPolicy } from '../../domain/promotion/promotion-policy.schema.ts';
import type { Services } from '../create-services.ts';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Seed of the demo's synthetic dataset (same seed → same bars → same checksum: seeding again is a no-op). */
export const demoSyntheticSeed = 20_261_205;
/** The demo dataset's symbol: says it is synthetic. */
export const demoSyntheticSymbol = 'SYNTH-USD';
/** The demo dataset's file name: says it is synthetic, with its seed. */
export const demoSyntheticFileName = `SYNTHETIC-planted-trend-seed-${demoSyntheticSeed}_1h.csv`;
/** Version of the demo's permissive promotion policy: its name says so. */
export const permissiveDemoPolicyVersion = `${defaultPromotionPolicy.version}-permissive-demo`;

/**
 * The permissive DEMO promotion policy: the default policy with the scorecard conditions off (on the bundled real data
 * every scorecard row is research-only — the right answer — so the strict default refuses every promotion; the demo
 * shows the ladder on a labelled synthetic dataset instead). Every other threshold, window and the approval matrix
 * are the default's. The default version itself is never changed.
 */
export function permissiveDemoPromotionPolicy(): PromotionPolicy {
  return { ...structuredClone(defaultPromotionPolicy), version: permissiveDemoPolicyVersion, scorecard: { requireComplete: false, requireProductionStandard: false, maxAgeDays: defaultPromotionPolicy.scorecard.maxAgeDays } };
}

/**
 * Hourly bars of SYNTHETIC history before the replayed span: monitoring labels a bar's volatility regime only after a
 * 30-day realized-volatility window and as much history of it (2 × 720 hourly bars), and reads an unlabelled last mark
 * as unknown — failing closed, it opens a regime incident and blocks promotion. 61 days (a day's margin) so the first
 * replayed bar is labelled; the replays start after it ({@link demoReplayStartMs}).
 */
export const demoHistoryBars = 1_464;
/** Open time of the first replayed bar (2026-06-01T00:00Z): the planted-trend bars of {@link demoSyntheticSeed} start here. */
export const demoReplayStartMs = Date.UTC(2026, 5, 1);

/**
 * The demo dataset: {@link demoHistoryBars} bars of history (the same generator, seed + 1, its prices scaled so its
 * last close meets the replayed span's first open of 100) followed by the 2,880 planted-trend bars of
 * {@link demoSyntheticSeed} from {@link demoReplayStartMs}, unchanged. Deterministic (same bytes, same checksum).
 */
export function demoSyntheticCsv(): string {
  const historyShape = { startMs: demoReplayStartMs - demoHistoryBars * 3_600_000, bars: demoHistoryBars };
  const draft = syntheticTrendBarsCsv(demoSyntheticSeed + 1, historyShape);
  const lastClose = Number(draft.trimEnd().split('\n').at(-1)!.split(',')[4]);
  const history = syntheticTrendBarsCsv(demoSyntheticSeed + 1, { ...historyShape, startPrice: (100 * 100) / lastClose });
  const replayed = syntheticTrendBarsCsv(demoSyntheticSeed, { startMs: demoReplayStartMs });
  return history + replayed.slice(replayed.indexOf('\n') + 1);
}

/** The demo's deployments on the synthetic dataset: strategy code, stage, parameters. */
const demoDeployments = [
  // Trend-following at ≤ 10 % of equity: rides the planted trends within the concentration limit (its SHADOW → PAPER gates pass once 1,000 bars are replayed).
  { code: 'builtin-volatility-targeted-trend', stage: 'shadow', parameters: { lookbackPeriod: 48, volatilityPeriod: 48, maxLeverage: 0.1, positionStep: 0.05 } },
  // Fully invested when long: the same edge; concentration is measured on its share of the portfolio (the allocation it would hold in PAPER), not on its own equity.
  { code: 'builtin-sma-crossover', stage: 'shadow', parameters: { fastPeriod: 10, slowPeriod: 30 } },
  { code: 'builtin-donchian-breakout', stage: 'observe', parameters: {} },
] as const;

/** Replay pace of the demo deployments: 2,880 hourly bars in 24 minutes. */
const demoBarIntervalMs = 500;

/** What the demo seed did. */
export interface PromotionDemoReport {
  dataSetId: string;
  policyVersion: string;
  deployments: number;
  requests: number;
  /** Requests the ladder does not execute yet (refused with their rule), by strategy code. */
  skippedRequests: string[];
}

/**
 * Demo mode only (`npm start` without CRUCIBLE_MODE=production): gives a fresh user cards on the promotion board,
 * honestly labelled (issue 12 "real data is honest"). Imports a SYNTHETIC hourly dataset with a planted trend edge
 * (source `synthetic`, {@link demoSyntheticCsv}: 61 days of history, then the replayed span), adds and activates the permissive demo policy
 * {@link permissiveDemoPolicyVersion} (the default version stays as it is), starts three replays of built-in
 * strategies on it from {@link demoReplayStartMs} (two at SHADOW, one at OBSERVE; 500 ms a bar) and opens, as the platform, each one's next promotion request
 * (the reason says it is the demo's). Idempotent: does nothing once a deployment on the synthetic dataset exists.
 */
export async function seedPromotionDemo(em: EntityManager, services: Services): Promise<PromotionDemoReport | null> {
  // Seeded once: an install seeded before the dataset had its history keeps its deployments on the earlier file.
  if ((await em.count(Deployment, { replayDataset: { fileName: demoSyntheticFileName } })) > 0) return null;
  const { marketDataSet } = await services.marketData.importContent(demoSyntheticFileName, demoSyntheticCsv(), { symbol: demoSyntheticSymbol, timeframe: '1h', source: 'synthetic' });
  await em.transactional(async (em) => {
    if (await em.findOne(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion })) return;
    const row = em.create(PromotionPolicyVersion, { version: permissiveDemoPolicyVersion, definition: parsePromotionPolicy(permissiveDemoPromotionPolicy()), active: true, createdBy: null });
    await em.flush();
    await services.governance.audit.record(em, {
      action: 'promotion.policy_added',
      subjectType: 'PromotionPolicyVersion',
      subjectId: row.id,
      details: { version: permissiveDemoPolicyVersion, reason: 'demo mode: the default policy with the scorecard conditions off, for the synthetic demo dataset' },
    });
  });
  const strategies = await services.strategies.list({ first: 100 });
  let deployments = 0;
  let requests = 0;
  const skippedRequests: string[] = [];
  for (const spec of demoDeployments) {
    const strategy = strategies.nodes.find((node) => node.code === spec.code);
    const versions = strategy ? await services.strategies.versions(strategy.id) : [];
    const version = versions.find((candidate) => candidate.approvalStatus === 'approved');
    if (!version) continue;
    const deployment = await services.deploymentControl.start({
      strategyVersionId: version.id,
      parameters: spec.parameters,
      stage: spec.stage,
      replay: { marketDataSetId: marketDataSet.id, barIntervalMs: demoBarIntervalMs, startAt: new Date(demoReplayStartMs) },
    });
    deployments++;
    try {
      await services.promotionRequests.request({ deploymentId: deployment.id, reason: `Demo setup: opened by the platform on the SYNTHETIC dataset ${demoSyntheticFileName} so the approval flow can be tried; the gates on the card say whether the evidence passes.` });
      requests++;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      skippedRequests.push(`${spec.code}: ${error.message}`);
    }
  }
  return { dataSetId: marketDataSet.id, policyVersion: permissiveDemoPolicyVersion, deployments, requests, skippedRequests };
}
