import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Timeframe } from '../../domain/market-data/timeframe.ts';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import { incidentSeverities, type IncidentSeverity, type MonitoringIncident } from '../../domain/monitoring/monitoring-incident.entity.ts';
import type { EventDelivery } from '../../domain/events.ts';
import { ValidationError } from '../../domain/errors.ts';
import type { BenchmarkBasketSeries } from '../../services/benchmark/benchmark-basket.service.ts';
import { seriesPointBounds } from '../../services/deployment/deployment-query.service.ts';
import type { RiskPosture } from '../../services/risk/risk-posture.service.ts';
import type { GraphQLContext } from '../context.ts';
import { ExchangeVenueEnum } from '../deployment/deployment-enums.ts';
import { TimeframeEnum } from '../enums.ts';
import { IncidentSeverityEnum } from '../incident/incident-enums.ts';
import { MonitoringIncidentType } from '../incident/incident.type.ts';
import { toGlobalId } from '../relay.ts';
import { BenchmarkBasketPointType, BenchmarkBasketType, RiskPostureType } from './risk.type.ts';

/** Pushes of `riskPosture` per subscriber: at most one per this many ms (the latest state wins; see throttleEvents). */
export const riskPostureThrottleMs = 1_000;

/** Topics that change a deployment's posture: P&L marks, deployment state, incidents, kill switches, global trading state. */
export const riskPostureTopics = ['DEPLOYMENT_PNL_MARKED', 'DEPLOYMENT_UPDATED', 'INCIDENT_UPDATED', 'KILL_SWITCH_CHANGED', 'GLOBAL_TRADING_STATE_CHANGED'] as const;

@ArgsType()
class BenchmarkBasketArgs {
  @Field(() => TimeframeEnum, { description: 'The bars the basket is computed on (1m, 5m, 1h, 1d; not TICK).' })
  timeframe!: Timeframe;

  @Field(() => Date, { nullable: true, description: 'First bar open time of the window (inclusive); default the members’ first common bar.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last bar open time of the window (inclusive); default BTC’s last bar. Also the time the top alt is chosen at.' })
  to?: Date | null;

  @Field(() => ExchangeVenueEnum, {
    nullable: true,
    description: 'A live feed’s venue: the basket from the bars read from it (kept by monitoring as the live feeds on it are evaluated), or from the certified bars where only those reach `to`. Needs `from` and `to`. Default: the certified bars.',
  })
  venue?: ExchangeVenue | null;
}

/**
 * The risk desk (issue 13): the benchmark basket as a series, every active deployment's posture (query and throttled
 * subscription) and the incident feed. Thin: the services compute, this maps to the schema's shapes.
 */
/** The basket as the query returns it: the schema's scalar fields plus the series its `points` field thins. */
type BenchmarkBasketShape = Omit<BenchmarkBasketType, 'points'> & { series: BenchmarkBasketSeries };

/** The basket's per-bar points, thinned on request. */
@Resolver(() => BenchmarkBasketType)
export class BenchmarkBasketResolver {
  @FieldResolver(() => [BenchmarkBasketPointType], { description: 'Oldest first, at most maxPoints (thinned evenly, keeping the latest bar).' })
  points(@Root() root: BenchmarkBasketShape, @Arg('maxPoints', () => Int, { defaultValue: 1000, description: 'At most this many points, 2–5,000 (default 1,000). Costs maxPoints × (selected fields + 1) toward the complexity limit.' }) maxPoints: number): BenchmarkBasketPointType[] {
    if (!Number.isInteger(maxPoints) || maxPoints < 2 || maxPoints > seriesPointBounds.max) throw new ValidationError(`maxPoints must be a whole number from 2 to ${seriesPointBounds.max}`, 'maxPoints');
    const { basket } = root.series;
    const length = basket.timestamp.length;
    const step = Math.max(1, Math.ceil(length / maxPoints));
    const points: BenchmarkBasketPointType[] = [];
    for (let k = length - 1; k >= 0; k -= step) {
      const ret = basket.returns[k];
      points.push({ timestamp: new Date(basket.timestamp[k]), equity: basket.equity[k], drawdown: basket.drawdown[k], returnFraction: Number.isFinite(ret) ? ret : null });
    }
    return points.reverse();
  }
}

@Resolver()
export class RiskResolver {
  @Query(() => BenchmarkBasketType, {
    description:
      'The benchmark basket (BTC 60 % / ETH 30 % / top alt 10 %, rebalanced daily) over a window of the certified bars of `timeframe`: equity, drawdown and returns per bar, its members and the top alt with the reason. Errors: BAD_USER_INPUT (field timeframe: no BTC/ETH/alt bars at it; to before from), CONFLICT (no valid monitoring policy).',
  })
  async benchmarkBasket(@Args(() => BenchmarkBasketArgs) args: BenchmarkBasketArgs, @Ctx() ctx: GraphQLContext) {
    return toBasketShape(await ctx.services.benchmarkBasket.series(args));
  }

  @Query(() => RiskPostureType, { description: 'Every active deployment’s posture now: P&L, drawdown, lag vs the basket in bps, stage, trading state, open incidents, sparkline, correlations.' })
  async riskPosture(@Ctx() ctx: GraphQLContext) {
    return toPostureShape(await ctx.services.riskPosture.posture());
  }

  @Subscription(() => RiskPostureType, {
    name: 'riskPosture',
    topics: [...riskPostureTopics],
    description:
      'Every active deployment’s posture (as riskPosture), pushed at once on subscribing and then on change — a P&L mark, a deployment state change, an incident opened or moved, a kill switch, the global trading state — at most once a second per subscriber: a burst of changes collapses into one push of the latest posture, sent one second after the previous push.',
  })
  async riskPostureFeed(@Root() _event: unknown, @Ctx() ctx: GraphQLContext) {
    return toPostureShape(await ctx.services.riskPosture.posture());
  }

  @Subscription(() => MonitoringIncidentType, {
    name: 'incidents',
    topics: 'INCIDENT_UPDATED',
    description: 'Every incident opened or changed (status), as of the change, from any process; with `severity`, only those at least that severe (WARNING: all; CRITICAL: critical only).',
    filter: ({ payload, args }: { payload: EventDelivery<'INCIDENT_UPDATED'>; args: { severity?: IncidentSeverity | null } }) =>
      !args.severity || incidentSeverities.indexOf(payload.payload.severity as IncidentSeverity) >= incidentSeverities.indexOf(args.severity),
  })
  async incidentFeed(@Root() delivery: EventDelivery<'INCIDENT_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('severity', () => IncidentSeverityEnum, { nullable: true }) _severity?: IncidentSeverity | null) {
    return ctx.services.events.asOfEvent<MonitoringIncident>('MonitoringIncident', delivery);
  }
}

/** The basket in the schema's shape (its points are thinned by the `points` field). */
function toBasketShape(series: BenchmarkBasketSeries): BenchmarkBasketShape {
  const { basket } = series;
  const length = basket.timestamp.length;
  return {
    series,
    timeframe: series.timeframe,
    policyVersion: series.policyVersion,
    quoteCurrency: series.quoteCurrency,
    description: series.description,
    members: series.members.map((member) => ({ symbol: member.symbol, weight: member.weight, marketDataSetId: member.marketDataSetId === null ? null : toGlobalId('MarketDataSet', member.marketDataSetId), venue: member.venue })),
    topAlt: {
      symbol: series.topAlt.symbol,
      reason: series.topAlt.reason,
      quoteVolume: Number.isFinite(series.topAlt.quoteVolume) ? series.topAlt.quoteVolume : null,
      windowStart: new Date(series.topAlt.window.startMs),
      windowEnd: new Date(series.topAlt.window.endMs),
    },
    rebalanceCount: basket.rebalanceCount,
    barCount: length,
  };
}

function toPostureShape(posture: RiskPosture): RiskPostureType {
  return {
    asOf: posture.asOf,
    policyVersion: posture.policyVersion,
    policyProblem: posture.policyProblem,
    truncated: posture.truncated,
    deployments: posture.deployments,
    correlations: posture.correlations.map((pair) => ({
      firstDeploymentId: toGlobalId('Deployment', pair.first),
      secondDeploymentId: toGlobalId('Deployment', pair.second),
      status: pair.status,
      correlation: pair.correlation,
      overlapDays: pair.overlapDays,
    })),
    benchmarks: posture.baskets.map((entry) => ({ timeframe: entry.timeframe, venue: entry.venue, topAltSymbol: entry.series?.topAlt.symbol ?? null, description: entry.series?.description ?? null, problem: entry.problem, notApplicable: entry.notApplicable })),
  };
}
