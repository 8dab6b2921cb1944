import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { PretradeRule } from '../../domain/deployment/pretrade-rules.ts';
import { timeframeMilliseconds } from '../../domain/market-data/timeframe.ts';
import type { IncidentSeverity, IncidentType } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { PromotionEvidenceInput, ScorecardEvidence } from '../../domain/promotion/promotion-evidence.ts';
import { dataIntegrityKinds, type DataIntegrityKind } from '../../domain/promotion/promotion-policy.ts';

/** Pre-trade refusals that are risk denials (§1.C "risk denial rate"); the others (kill switch, trading state, freshness) are safety stops. */
const riskDenialRules: ReadonlySet<PretradeRule> = new Set(['max_notional_per_order', 'capital_allocation', 'max_position_fraction', 'available_balance', 'invalid_order']);

/** Where a deployment's evidence window starts and what "now" is on its clock. */
export interface EvidenceClock {
  /** When the deployment entered its current stage on its own clock (market time for a replay, wall time live), ms. */
  stageEnteredAtMs: number;
  /** Now on the deployment's clock: a replay's last accepted bar close, the wall clock live, ms. */
  nowMs: number;
  /** `market` for a replay (its bars' time), `wall` for a live feed. */
  kind: 'market' | 'wall';
}

/**
 * How a deployment entered its current stage: `record` — a promotion record's effective time (promotion, demotion,
 * freeze); the stage change ran in one transaction with the deployment row locked, so a signal or event stamped at
 * that very instant belongs to the stage it left and only strictly later ones count; `start` — its first bar job, which
 * stamps `activationStartedAt` and computes its first signals at the same instant: those count.
 */
export type StageEntry = 'record' | 'start';

/** What a deployment's evidence is read against (from `stageFacts`, the scorecard and `concentrationBasis`). */
export interface DeploymentEvidenceContext {
  stageEnteredAt: Date;
  /** How the stage was entered (`stageFacts`): after a `record`, only records stamped strictly after `stageEnteredAt` count. */
  stageEntry: StageEntry;
  wallNowMs: number;
  frozen: boolean;
  scorecard: ScorecardEvidence | null;
  /** The concentration check's basis in portfolio terms (`concentrationBasis`). */
  concentration: { capitalAllocation: number | null; portfolioSameAssetConcentration: number };
  /** The deployment's protective exits on the platform clock, ms (`stageFacts`; the re-entry cool-down's evidence). */
  protectiveExitsMs: readonly number[];
}

/** One deployment whose evidence is read: the deployment (its strategy populated) and its context. */
export interface DeploymentEvidenceSubject {
  deployment: Deployment;
  context: DeploymentEvidenceContext;
}

/** A deployment's evidence: the pure gates' input and the clock it is measured on. */
export interface DeploymentEvidence {
  input: PromotionEvidenceInput;
  clock: EvidenceClock;
}

/**
 * Reads one deployment's evidence records (its strategy populated: the regulatory hold is read from it) from the runtime's rows (read-only) into `PromotionEvidenceInput`, for the
 * pure `buildPromotionEvidence` / `evaluatePromotionGates`. Only records since the deployment entered its current
 * stage count:
 * - the stage entry is `stageEnteredAt` (wall time: its last promotion record's effective time, else its start); signals
 *   and data-integrity events count from it — strictly after it when it is a record's time (see {@link StageEntry}); on
 *   a replay it is translated to market time as the first signal counted (a replay's "time at stage" is its bars' time,
 *   DESIGN.md §3 "time from an injected clock");
 * - signals: each bar's target (value) and close (price), decided at the bar's close; the runtime reports no confidence;
 * - orders: decided at the bar's close; DENIED ones by their rule (risk or safety); submitted ones carry the simulated
 *   latency as decision-to-order time; fills carry the order's reference price as expected price and fill time − bar
 *   open as quote age;
 * - P&L marks at each bar's close, their exposure measured against the deployment's share of the portfolio and the
 *   book's same-asset position (`context.concentration`, from `concentrationBasis`); monitoring incidents of the
 *   deployment or its strategy detected strictly after the stage entry (the incident of the demotion that made the
 *   entry is detected at it and is not evidence against the new stage; by detection time, wall clock, counted whole for
 *   a replay); data-integrity events by kind.
 * - orders whose venue call failed (a `connector_error` or `connector_unavailable` event names them) carry
 *   `venueError` (the broker-instability trigger's error rate);
 * - health changes of a live feed: every `health_degraded` / `health_restored` event of the deployment (wall clock),
 *   so the DEGRADED stretches inside the window are known (only the demotion triggers read them); none for a replay,
 *   whose clock runs on while it is paused (a pause would read as a DEGRADED stretch of the execution path).
 */
export async function loadDeploymentEvidence(em: EntityManager, deployment: Deployment, context: DeploymentEvidenceContext): Promise<DeploymentEvidence> {
  return (await loadDeploymentsEvidence(em, [{ deployment, context }]))[0]!;
}

/**
 * {@link loadDeploymentEvidence} of many deployments at once (the platform's promotion sweep, the board): six
 * statements whatever their number — the signals since each one's stage entry, then its orders, fills, P&L marks,
 * data-integrity events and incidents — read as plain columns (no entity per row). @returns one evidence per subject,
 * in their order.
 */
export async function loadDeploymentsEvidence(em: EntityManager, subjects: readonly DeploymentEvidenceSubject[]): Promise<DeploymentEvidence[]> {
  if (subjects.length === 0) return [];
  const ids = subjects.map(({ deployment }) => deployment.id);
  const since = subjects.map(({ context }) => context.stageEnteredAt.toISOString());
  // A stage entered by a record counts what is stamped strictly after it; one entered at the start, from it.
  const strict = subjects.map(({ context }) => (context.stageEntry === 'record' ? 't' : 'f'));
  const subjectsSql = `unnest(?::uuid[], ?::timestamptz[], ?::boolean[]) as w(deployment_id, since, strict)`;
  const sinceParameters = [pgArray(ids), pgArray(since), pgArray(strict)];
  const signals = groupBy(
    await em.execute<{ deployment_id: string; bar_ms: number; target: number; close: number }[]>(
      `select s.deployment_id, ${epochMs('s.bar_at')} as bar_ms, s.target, s.close from ${subjectsSql}
         join deployment_signal s on s.deployment_id = w.deployment_id and (s.computed_at > w.since or (not w.strict and s.computed_at = w.since))
        order by s.deployment_id, s.bar_at`,
      sinceParameters,
    ),
  );
  const clocks = subjects.map(({ deployment, context }) => {
    const barMs = barMilliseconds(deployment);
    const own = signals.get(deployment.id) ?? [];
    const firstBarMs = own[0]?.bar_ms ?? null;
    const lastCloseMs = own.length > 0 ? own[own.length - 1]!.bar_ms + barMs : null;
    const clock: EvidenceClock =
      deployment.feedKind === 'replay'
        ? { stageEnteredAtMs: firstBarMs ?? 0, nowMs: lastCloseMs ?? 0, kind: 'market' }
        : { stageEnteredAtMs: context.stageEnteredAt.getTime(), nowMs: context.wallNowMs, kind: 'wall' };
    const fromBarMs = deployment.feedKind === 'replay' ? (firstBarMs ?? 0) : context.stageEnteredAt.getTime() - barMs;
    return { clock, fromBar: new Date(fromBarMs).toISOString() };
  });
  const fromSql = `unnest(?::uuid[], ?::timestamptz[]) as w(deployment_id, from_bar)`;
  const fromParameters = [pgArray(ids), pgArray(clocks.map((item) => item.fromBar))];
  const [orders, fills, marks, events, incidents] = await Promise.all([
    em.execute<{ deployment_id: string; decision_bar_ms: number; state: OrderState; refusal_rule: PretradeRule | null; venue_error: boolean }[]>(
      `select o.deployment_id, ${epochMs('o.decision_bar_at')} as decision_bar_ms, o.state, o.refusal_rule,
              exists (select 1 from deployment_event e where e.deployment_id = o.deployment_id and e.category = 'connector' and e.order_id = o.id and e.kind in ('connector_error', 'connector_unavailable')) as venue_error from ${fromSql}
         join deployment_order o on o.deployment_id = w.deployment_id and o.decision_bar_at >= w.from_bar
        order by o.deployment_id, o.decision_bar_at, o.id`,
      fromParameters,
    ),
    em.execute<{ deployment_id: string; filled_ms: number; bar_ms: number; quantity: number; price: number; reference_price: number }[]>(
      `select f.deployment_id, ${epochMs('f.filled_at')} as filled_ms, ${epochMs('f.bar_at')} as bar_ms, f.quantity, f.price, o.reference_price from ${fromSql}
         join deployment_fill f on f.deployment_id = w.deployment_id and f.bar_at >= w.from_bar
         join deployment_order o on o.id = f.order_id
        order by f.deployment_id, f.filled_at, f.id`,
      fromParameters,
    ),
    em.execute<{ deployment_id: string; bar_ms: number; equity: number; exposure: number }[]>(
      `select p.deployment_id, ${epochMs('p.bar_at')} as bar_ms, p.equity, p.exposure from ${fromSql}
         join pnl_snapshot p on p.deployment_id = w.deployment_id and p.bar_at >= w.from_bar
        order by p.deployment_id, p.bar_at`,
      fromParameters,
    ),
    em.execute<{ deployment_id: string; kind: string; bar_ms: number | null; occurred_ms: number }[]>(
      `select e.deployment_id, e.kind, ${epochMs('e.bar_at')} as bar_ms, ${epochMs('e.occurred_at')} as occurred_ms from ${subjectsSql}
         join deployment_event e on e.deployment_id = w.deployment_id and e.category = 'data_integrity' and (e.occurred_at > w.since or (not w.strict and e.occurred_at = w.since))
        order by e.deployment_id, e.occurred_at, e.id`,
      sinceParameters,
    ),
    // Opened after the stage entry: a demotion's own incident is detected at the entry (its record's effective time).
    em.execute<{ deployment_id: string; detected_ms: number; severity: IncidentSeverity; incident_type: IncidentType }[]>(
      `select w.deployment_id, ${epochMs('i.detected_at')} as detected_ms, i.severity, i.incident_type from ${subjectsSql}
         join deployment d on d.id = w.deployment_id
         join monitoring_incident i on (i.deployment_id = w.deployment_id or i.strategy_id = d.strategy_id) and i.detected_at > w.since
        order by w.deployment_id, i.detected_at, i.id`,
      sinceParameters,
    ),
  ]);
  // Every flip of each live feed's health (few: the one before the window sets the health at its start).
  const liveIds = subjects.filter(({ deployment }) => deployment.feedKind !== 'replay').map(({ deployment }) => deployment.id);
  const healthFlips = liveIds.length === 0 ? [] : await em.execute<{ deployment_id: string; kind: 'health_degraded' | 'health_restored'; occurred_ms: number }[]>(
    `select e.deployment_id, e.kind, ${epochMs('e.occurred_at')} as occurred_ms from unnest(?::uuid[]) as w(deployment_id)
       join deployment_event e on e.deployment_id = w.deployment_id and e.kind in ('health_degraded', 'health_restored')
      order by e.deployment_id, e.occurred_at, e.id`,
    [pgArray(liveIds)],
  );
  const byDeployment = { orders: groupBy(orders), fills: groupBy(fills), marks: groupBy(marks), events: groupBy(events), incidents: groupBy(incidents), health: groupBy(healthFlips) };
  return subjects.map(({ deployment, context }, index) => {
    const id = deployment.id;
    const barMs = barMilliseconds(deployment);
    const replay = deployment.feedKind === 'replay';
    const { clock } = clocks[index]!;
    const window = { startMs: clock.stageEnteredAtMs, endMs: Math.max(clock.nowMs, clock.stageEnteredAtMs) };
    // A replay's incidents and events are dated on the wall clock: they count inside its market-time window.
    const inWindowTime = (wallMs: number) => (replay ? window.endMs : wallMs);
    const input: PromotionEvidenceInput = {
      deploymentId: id,
      strategyId: deployment.strategy.id,
      stage: deployment.stage,
      stageEnteredAtMs: clock.stageEnteredAtMs,
      frozen: context.frozen,
      regulatoryHold: deployment.strategy.regulatoryHoldAt != null,
      capitalAllocation: context.concentration.capitalAllocation,
      portfolioSameAssetConcentration: context.concentration.portfolioSameAssetConcentration,
      evaluationIntervalMs: barMs,
      window,
      signals: (signals.get(id) ?? []).map((signal) => ({ decidedAtMs: signal.bar_ms + barMs, outcome: 'valid', value: signal.target, confidence: null, price: signal.close })),
      orders: (byDeployment.orders.get(id) ?? []).map((order) => ({
        createdAtMs: order.decision_bar_ms + barMs,
        state: order.state,
        denialCategory: order.state === 'denied' ? (order.refusal_rule && riskDenialRules.has(order.refusal_rule) ? 'risk' : 'safety') : null,
        venueError: order.venue_error,
        decisionToOrderMs: order.state === 'denied' ? null : deployment.latencyMs,
      })),
      fills: (byDeployment.fills.get(id) ?? []).map((fill) => ({ filledAtMs: fill.filled_ms, quantity: fill.quantity, price: fill.price, expectedPrice: fill.reference_price, quoteAgeMs: Math.max(fill.filled_ms - fill.bar_ms, 0) })),
      pnlSnapshots: (byDeployment.marks.get(id) ?? []).map((mark) => ({ atMs: mark.bar_ms + barMs, equity: mark.equity, exposure: mark.exposure })),
      incidents: (byDeployment.incidents.get(id) ?? []).map((incident) => ({ occurredAtMs: inWindowTime(incident.detected_ms), severity: incident.severity, type: incident.incident_type })),
      dataIntegrityEvents: (byDeployment.events.get(id) ?? [])
        .filter((event): event is typeof event & { kind: DataIntegrityKind } => (dataIntegrityKinds as readonly string[]).includes(event.kind))
        .map((event) => ({ occurredAtMs: replay ? (event.bar_ms !== null ? event.bar_ms + barMs : window.endMs) : event.occurred_ms, kind: event.kind })),
      // A replay's health follows its pacing (its clock runs on while it is paused, so a pause reads as stale): its
      // DEGRADED stretches measure pauses, not the execution path, and are not read (as in the governance simulation).
      healthChanges: replay ? [] : (byDeployment.health.get(id) ?? []).map((flip) => ({ atMs: flip.occurred_ms, health: flip.kind === 'health_degraded' ? 'degraded' : 'healthy' })),
      scorecard: context.scorecard,
      protectiveExitsMs: context.protectiveExitsMs,
    };
    return { input, clock };
  });
}

/** A deployment's bar length, ms (a tick feed's evidence is measured in seconds). */
function barMilliseconds(deployment: Deployment): number {
  return deployment.timeframe === 'tick' ? 1_000 : timeframeMilliseconds[deployment.timeframe];
}

/** A timestamp column as epoch milliseconds (float8: exact for millisecond times). */
function epochMs(column: string): string {
  return `(extract(epoch from ${column}) * 1000)::float8`;
}

/** A PostgreSQL array literal of plain tokens (ids, ISO times, t/f), each quoted. */
function pgArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value}"`).join(',')}}`;
}

/** Rows grouped by their deployment, in their order. */
function groupBy<Row extends { deployment_id: string }>(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(row.deployment_id);
    if (group) group.push(row);
    else groups.set(row.deployment_id, [row]);
  }
  return groups;
}
