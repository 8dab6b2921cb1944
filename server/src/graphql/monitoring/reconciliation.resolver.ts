import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { Trade } from '../../engine/index.ts';
import type { DeploymentReconciliation } from '../../services/monitoring/reconciliation.service.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId } from '../relay.ts';

/** At most this many per-trade rows are returned (the sums cover every trade). */
const maxTradeRows = 500;

@ArgsType()
class ReconciliationArgs {
  @Field(() => Float, { nullable: true, description: 'What-if: the backtest’s taker fee, basis points (0–10,000); default the deployment’s.' })
  takerFeeBps?: number | null;
  @Field(() => Float, { nullable: true, description: 'What-if: the backtest’s maker fee, basis points (0–10,000); default the deployment’s.' })
  makerFeeBps?: number | null;
  @Field(() => Float, { nullable: true, description: 'What-if: the backtest’s slippage, basis points (0–10,000); default the deployment’s.' })
  slippageBps?: number | null;
}

@ObjectType('ReconciliationTrade', { description: 'One round trip (entry to exit), as the backtest builds them from fills.' })
class ReconciliationTradeType {
  @Field(() => String, { description: 'LONG or SHORT, lower case: long / short.' })
  side!: string;
  @Field(() => Date, { description: 'Open time of the bar of the entry fill.' })
  entryTime!: Date;
  @Field(() => Date, { nullable: true, description: 'Open time of the bar of the exit fill; null while open.' })
  exitTime!: Date | null;
  @Field(() => Float, { description: 'Average entry price, quote per base.' })
  entryPrice!: number;
  @Field(() => Float, { nullable: true, description: 'Average exit price, quote per base; null while open.' })
  exitPrice!: number | null;
  @Field(() => Float, { description: 'Quantity, base units.' })
  quantity!: number;
  @Field(() => Float, { description: 'Fees paid, quote currency.' })
  fee!: number;
  @Field(() => Float, { nullable: true, description: 'Profit net of fees, quote currency; null while open.' })
  profit!: number | null;
}

@ObjectType('TradeAttribution', { description: 'How one trade diverges between live and backtest; amounts in quote currency, positive = live did better.' })
class TradeAttributionType {
  @Field(() => String, { description: 'matched, missing (backtest only) or extra (live only).' })
  status!: string;
  @Field(() => ReconciliationTradeType, { nullable: true })
  live!: ReconciliationTradeType | null;
  @Field(() => ReconciliationTradeType, { nullable: true })
  backtest!: ReconciliationTradeType | null;
  @Field(() => Float, { nullable: true, description: 'Entry time live − backtest, ms; null unless matched.' })
  entryTimeDeltaMs!: number | null;
  @Field(() => Float, { nullable: true, description: 'Exit time live − backtest, ms; null unless matched and both closed.' })
  exitTimeDeltaMs!: number | null;
  @Field(() => Float, { description: 'direction × ((live exit − live entry) − (backtest exit − backtest entry)) × live quantity.' })
  fillPrice!: number;
  @Field(() => Float, { description: 'direction × (backtest exit − backtest entry) × (live − backtest quantity).' })
  size!: number;
  @Field(() => Float, { description: 'Backtest fee − live fee.' })
  fees!: number;
  @Field(() => Float, { description: 'The trade’s whole contribution (sum of the components, or ± the missing / extra profit).' })
  total!: number;
}

@ObjectType('ReconciliationAttribution', { description: 'The divergence (live − backtest final equity) split by cause, quote currency.' })
class ReconciliationAttributionType {
  @Field(() => Float) fillPrice!: number;
  @Field(() => Float) size!: number;
  @Field(() => Float) fees!: number;
  @Field(() => Float) missingTrades!: number;
  @Field(() => Float) extraTrades!: number;
  @Field(() => Float, { description: 'finalEquityDifference − the other causes (open-position marks, compounding).' })
  unexplained!: number;
}

@ObjectType('DeploymentReconciliation', {
  description:
    'Live vs backtest (issue 13): the deployment’s template re-run over its live window from its live start equity with the same fill model (or a what-if fee/slippage), reconciled with its live P&L marks and fills.',
})
class DeploymentReconciliationType {
  @Field(() => ID)
  deploymentId!: string;
  @Field(() => Date, { nullable: true, description: 'Open time of the first live mark compared.' })
  windowStart!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Open time of the last live mark compared.' })
  windowEnd!: Date | null;
  @Field(() => Float, { description: 'Live start equity the backtest started from, quote currency.' })
  startEquity!: number;
  @Field(() => Float, { description: 'Taker fee of the backtest, bps.' })
  backtestTakerFeeBps!: number;
  @Field(() => Float, { description: 'Maker fee of the backtest, bps.' })
  backtestMakerFeeBps!: number;
  @Field(() => Float, { description: 'Slippage of the backtest, bps.' })
  backtestSlippageBps!: number;
  @Field(() => Int, { description: 'Marks present on both sides (same bar open time).' })
  alignedMarks!: number;
  @Field(() => Float, { nullable: true, description: 'Tracking error: sample std (ddof 1) of per-mark return differences live − backtest, a fraction per mark (not annualized); null below 2 differences.' })
  trackingError!: number | null;
  @Field(() => Float, { nullable: true, description: 'Live − backtest equity at the last aligned mark, quote currency; null without one.' })
  finalEquityDifference!: number | null;
  @Field(() => ReconciliationAttributionType)
  attribution!: ReconciliationAttributionType;
  @Field(() => Int) matchedTrades!: number;
  @Field(() => Int) missingTrades!: number;
  @Field(() => Int) extraTrades!: number;
  @Field(() => Int, { description: 'Matched trades whose entry or exit time differs.' })
  timeShiftedTrades!: number;
  @Field(() => [TradeAttributionType], { description: `Per-trade attribution, in entry order (at most ${maxTradeRows}; the sums cover every trade).` })
  trades!: TradeAttributionType[];
}

const finite = (value: number) => (Number.isFinite(value) ? value : null);
const toTrade = (trade: Trade | null): ReconciliationTradeType | null =>
  trade && { side: trade.side, entryTime: new Date(trade.entryTime), exitTime: trade.exitTime === null ? null : new Date(trade.exitTime), entryPrice: trade.entryPrice, exitPrice: trade.exitPrice, quantity: trade.quantity, fee: trade.fee, profit: trade.profit };

function toType(result: DeploymentReconciliation): DeploymentReconciliationType {
  return {
    deploymentId: result.deploymentId,
    windowStart: result.windowStart,
    windowEnd: result.windowEnd,
    startEquity: result.startEquity,
    backtestTakerFeeBps: result.backtestFillModel.takerFeeBps,
    backtestMakerFeeBps: result.backtestFillModel.makerFeeBps,
    backtestSlippageBps: result.backtestFillModel.slippageBps,
    alignedMarks: result.alignedMarks,
    trackingError: finite(result.trackingError),
    finalEquityDifference: finite(result.finalEquityDifference),
    attribution: result.attribution,
    matchedTrades: result.counts.matched,
    missingTrades: result.counts.missing,
    extraTrades: result.counts.extra,
    timeShiftedTrades: result.counts.timeShifted,
    trades: result.trades.slice(0, maxTradeRows).map((entry) => ({ ...entry, live: toTrade(entry.live), backtest: toTrade(entry.backtest) })),
  };
}

/** Live-vs-backtest reconciliation; thin over `ReconciliationService`. */
@Resolver()
export class ReconciliationResolver {
  @Query(() => DeploymentReconciliationType, {
    description: 'Reconciles a deployment’s live record with its backtest over the live window (money: production, risk, compliance, admin).',
  })
  async deploymentReconciliation(@Arg('deploymentId', () => ID) deploymentId: string, @Args(() => ReconciliationArgs) args: ReconciliationArgs, @Ctx() ctx: GraphQLContext): Promise<DeploymentReconciliationType> {
    return toType(await ctx.services.reconciliation.reconcile(parseId(deploymentId, 'Deployment', 'deploymentId'), args));
  }
}
