import 'reflect-metadata';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BarType } from '../market-data/market-data-set.type.ts';
import type { ActivationState } from '../../domain/deployment/deployment-activation.lifecycle.ts';
import type { DeploymentEventCategory } from '../../domain/deployment/deployment-event-kinds.ts';
import type { DeploymentEvent } from '../../domain/deployment/deployment-event.entity.ts';
import type { DeploymentFill } from '../../domain/deployment/deployment-fill.entity.ts';
import type { DeploymentOrder } from '../../domain/deployment/deployment-order.entity.ts';
import type { DeploymentStage } from '../../domain/deployment/deployment-stage.lifecycle.ts';
import type { Deployment } from '../../domain/deployment/deployment.entity.ts';
import type { GlobalTradingState } from '../../domain/deployment/global-trading-state.entity.ts';
import type { OrderState } from '../../domain/deployment/order-state.lifecycle.ts';
import type { EventDelivery } from '../../domain/events.ts';
import { toDetailEntries } from '../../domain/detail-entries.ts';
import { fromParameterSettings } from '../../domain/strategy/parameter-setting.ts';
import { DetailEntryType, toDetailEntryValue } from '../detail-entry.type.ts';
import type { GraphQLContext } from '../context.ts';
import { MarketDataSetType } from '../market-data/market-data-set.type.ts';
import { parseId, toConnection, toGlobalId } from '../relay.ts';
import { ParameterConfigType, StrategyType, StrategyVersionType } from '../strategy/strategy.type.ts';
import { ActivationStateEnum, DeploymentEventCategoryEnum, DeploymentStageEnum, OrderStateEnum, TradingStateEnum } from './deployment-enums.ts';
import { DeploymentControlInput, StartDeploymentInput, TradingControlInput } from './deployment-inputs.ts';
import {
  DeploymentConnection,
  DeploymentEventConnection,
  DeploymentEventType,
  DeploymentFillConnection,
  DeploymentFillStatisticsType,
  DeploymentFillType,
  DeploymentOrderConnection,
  DeploymentOrderType,
  DeploymentType,
  GlobalTradingStateType,
  LiveConfirmationTokenType,
  PnlSnapshotType,
  PositionSnapshotType,
} from './deployment.type.ts';

@ArgsType()
class DeploymentsArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only deployments of this strategy.' })
  strategyId?: string | null;

  @Field(() => DeploymentStageEnum, { nullable: true })
  stage?: DeploymentStage | null;

  @Field(() => ActivationStateEnum, { nullable: true })
  activationState?: ActivationState | null;
}

@ArgsType()
class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200 (default 50).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: the endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
class OrdersArgs extends PageArgs {
  @Field(() => [OrderStateEnum], { nullable: true, description: 'Only orders in these states.' })
  states?: OrderState[] | null;
}

@ArgsType()
class EventsArgs extends PageArgs {
  @Field(() => DeploymentEventCategoryEnum, { nullable: true, description: 'Only events of this category (REFUSAL: every refusal with its reason).' })
  category?: DeploymentEventCategory | null;
}

@ArgsType()
class SeriesArgs {
  @Field(() => Date, { nullable: true, description: 'First bar open time of the window (inclusive); default the first mark.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last bar open time of the window (inclusive); default the latest mark.' })
  to?: Date | null;

  @Field(() => Int, { defaultValue: 1000, description: 'At most this many points, 2–5,000 (default 1,000); a longer window is thinned evenly, keeping the latest mark. Costs maxPoints × (selected fields + 1) toward the complexity limit.' })
  maxPoints!: number;
}

@ObjectType('DeploymentPayload')
class DeploymentPayload {
  @Field(() => DeploymentType, { description: 'The deployment after the change.' })
  deployment!: Deployment;
}

@ObjectType('GlobalTradingStatePayload')
class GlobalTradingStatePayload {
  @Field(() => GlobalTradingStateType, { description: 'The global trading state after the change.' })
  globalTradingState!: GlobalTradingState;
}

const deploymentIdOf = (id: string) => parseId(id, 'Deployment', 'deploymentId');

/**
 * Deployments: list and read them with their orders, fills, events and P&L; start one at OBSERVE or SHADOW; pause,
 * resume, halt and flatten it; halt, flatten or resume all trading. Every mutation is a production action (TOTP).
 */
@Resolver(() => DeploymentType)
export class DeploymentResolver {
  @Query(() => DeploymentConnection, { description: 'Deployments, newest first.' })
  async deployments(@Args(() => DeploymentsArgs) args: DeploymentsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(
      await ctx.services.deployments.list(args, {
        strategyId: args.strategyId ? parseId(args.strategyId, 'Strategy', 'strategyId') : null,
        stage: args.stage,
        activationState: args.activationState,
      }),
    );
  }

  @Query(() => DeploymentType)
  async deployment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.get(parseId(id, 'Deployment'));
  }

  @Query(() => GlobalTradingStateType, { description: 'The platform-wide trading state (the stricter of it and each deployment’s own applies).' })
  async globalTradingState(@Ctx() ctx: GraphQLContext) {
    return ctx.services.deploymentControl.globalTradingState();
  }

  @Mutation(() => DeploymentPayload, {
    description:
      'Starts a deployment of an approved version’s configuration at OBSERVE or SHADOW — neither contacts a broker — on a replayed dataset or a live feed (production action: TOTP). PAPER and LIVE are refused (rule stage_requires_promotion): they come through the promotion ladder. The runner picks it up; `deploymentStateChanged` reports its progress.',
  })
  async startDeployment(@Arg('input', () => StartDeploymentInput) input: StartDeploymentInput, @Ctx() ctx: GraphQLContext) {
    const deployment = await ctx.services.deploymentControl.start({
      ...input,
      strategyVersionId: parseId(input.strategyVersionId, 'StrategyVersion', 'strategyVersionId'),
      parameterConfigId: input.parameterConfigId ? parseId(input.parameterConfigId, 'ParameterConfig', 'parameterConfigId') : null,
      parameters: input.parameters ? fromParameterSettings(input.parameters) : null,
      replay: input.replay ? { ...input.replay, marketDataSetId: parseId(input.replay.marketDataSetId, 'MarketDataSet', 'replay.marketDataSetId') } : null,
    });
    return { deployment };
  }

  @Mutation(() => DeploymentPayload, { description: 'Pauses a running deployment: its bars are not processed until resumed (ACTIVE → PAUSED). Production action (TOTP); audited with the reason.' })
  async pauseDeployment(@Arg('input', () => DeploymentControlInput) input: DeploymentControlInput, @Ctx() ctx: GraphQLContext) {
    return { deployment: await ctx.services.deploymentControl.pause(deploymentIdOf(input.deploymentId), input.reason) };
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Resumes a deployment: a paused one processes bars again (catching up), a halted or reducing one trades again (trading state ACTIVE). Production action (TOTP); audited with the reason.',
  })
  async resumeDeployment(@Arg('input', () => DeploymentControlInput) input: DeploymentControlInput, @Ctx() ctx: GraphQLContext) {
    return { deployment: await ctx.services.deploymentControl.resume(deploymentIdOf(input.deploymentId), input.reason) };
  }

  @Mutation(() => DeploymentPayload, {
    description: 'Halts a deployment’s trading (trading state HALTED): no new orders, open orders cancelled; bars and signals go on. Production action (TOTP); audited with the reason.',
  })
  async haltDeployment(@Arg('input', () => DeploymentControlInput) input: DeploymentControlInput, @Ctx() ctx: GraphQLContext) {
    return { deployment: await ctx.services.deploymentControl.halt(deploymentIdOf(input.deploymentId), input.reason) };
  }

  @Mutation(() => DeploymentPayload, {
    description:
      'Flattens a deployment: trading state REDUCING (only exposure-reducing orders), open orders cancelled, and at its next bar an order (intent FLATTEN) closes the whole position. Production action (TOTP); audited with the reason.',
  })
  async flattenDeployment(@Arg('input', () => DeploymentControlInput) input: DeploymentControlInput, @Ctx() ctx: GraphQLContext) {
    return { deployment: await ctx.services.deploymentControl.flatten(deploymentIdOf(input.deploymentId), input.reason) };
  }

  @Mutation(() => GlobalTradingStatePayload, { description: 'Halts all trading (global trading state HALTED): no new orders anywhere, open orders cancelled. Production action (TOTP); audited.' })
  async haltTrading(@Arg('input', () => TradingControlInput) input: TradingControlInput, @Ctx() ctx: GraphQLContext) {
    return { globalTradingState: await ctx.services.deploymentControl.haltTrading(input.reason) };
  }

  @Mutation(() => GlobalTradingStatePayload, {
    description: 'Flattens every deployment: global trading state REDUCING, open orders cancelled, and each deployment holding a position closes it at its next bar. Production action (TOTP); audited.',
  })
  async flattenTrading(@Arg('input', () => TradingControlInput) input: TradingControlInput, @Ctx() ctx: GraphQLContext) {
    return { globalTradingState: await ctx.services.deploymentControl.flattenTrading(input.reason) };
  }

  @Mutation(() => GlobalTradingStatePayload, { description: 'Resumes all trading (global trading state ACTIVE); each deployment’s own state still applies. Production action (TOTP); audited.' })
  async resumeTrading(@Arg('input', () => TradingControlInput) input: TradingControlInput, @Ctx() ctx: GraphQLContext) {
    return { globalTradingState: await ctx.services.deploymentControl.resumeTrading(input.reason) };
  }

  @Subscription(() => DeploymentType, {
    topics: 'DEPLOYMENT_UPDATED',
    description: 'Every change of a deployment (or of the deployment `id`): started, bars processed, health, trading state, pause, resume — its state as of the change, from any worker, on any replica.',
    filter: ({ payload, args }: { payload: EventDelivery<'DEPLOYMENT_UPDATED'>; args: { id?: string | null } }) => !args.id || payload.payload.id === parseId(args.id, 'Deployment'),
  })
  async deploymentStateChanged(@Root() delivery: EventDelivery<'DEPLOYMENT_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('id', () => ID, { nullable: true }) _id?: string | null) {
    return ctx.services.events.asOfEvent<Deployment>('Deployment', delivery);
  }

  @Subscription(() => GlobalTradingStateType, {
    topics: 'GLOBAL_TRADING_STATE_CHANGED',
    description: 'Every change of the platform-wide trading state (halt, flatten, resume), as of the change, from any process.',
  })
  async globalTradingStateChanged(@Root() delivery: EventDelivery<'GLOBAL_TRADING_STATE_CHANGED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deploymentControl.globalTradingStateAsOf(delivery);
  }

  @Subscription(() => DeploymentOrderType, {
    topics: 'DEPLOYMENT_ORDER_UPDATED',
    description: 'Every order created or changed (of the deployment `deploymentId`, or all): its state as of the change. A replay batch may report its orders through deploymentStateChanged instead.',
    filter: ({ payload, args }: { payload: EventDelivery<'DEPLOYMENT_ORDER_UPDATED'>; args: { deploymentId?: string | null } }) => !args.deploymentId || payload.payload.deploymentId === deploymentIdOf(args.deploymentId),
  })
  async orderUpdated(@Root() delivery: EventDelivery<'DEPLOYMENT_ORDER_UPDATED'>, @Ctx() ctx: GraphQLContext, @Arg('deploymentId', () => ID, { nullable: true }) _deploymentId?: string | null) {
    return ctx.services.events.asOfEvent<DeploymentOrder>('DeploymentOrder', delivery);
  }

  @Subscription(() => PnlSnapshotType, {
    topics: 'DEPLOYMENT_PNL_MARKED',
    description: 'The P&L of the deployment `deploymentId` as it is marked at each processed batch’s last bar close (equity, realized and unrealized P&L, fees, drawdown, exposure). Research sees the fractions, not the money.',
    filter: ({ payload, args }: { payload: EventDelivery<'DEPLOYMENT_PNL_MARKED'>; args: { deploymentId: string } }) => payload.payload.deploymentId === deploymentIdOf(args.deploymentId),
  })
  async livePnl(@Root() delivery: EventDelivery<'DEPLOYMENT_PNL_MARKED'>, @Ctx() ctx: GraphQLContext, @Arg('deploymentId', () => ID) _deploymentId: string) {
    return ctx.services.deployments.livePnlMark(delivery.payload);
  }

  @FieldResolver(() => ID)
  id(@Root() root: Deployment) {
    return toGlobalId('Deployment', root.id);
  }

  @FieldResolver(() => String)
  databaseId(@Root() root: Deployment) {
    return root.id;
  }

  @FieldResolver(() => StrategyType)
  async strategy(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.strategy.load(root.strategy.id);
  }

  @FieldResolver(() => StrategyVersionType)
  async strategyVersion(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.strategyVersion.load(root.strategyVersion.id);
  }

  @FieldResolver(() => ParameterConfigType)
  async parameterConfig(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.backtests.parameterConfig(root.parameterConfig.id);
  }

  @FieldResolver(() => MarketDataSetType, { nullable: true, description: 'Replay: the dataset replayed; null for a live feed.' })
  async replayDataset(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return root.replayDataset ? ctx.services.marketData.get(root.replayDataset.id) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'quantity × (last close − average entry price) = equity − cash − quantity × average entry price, in the quote currency. Capital figure: null with a FORBIDDEN error for research.' })
  unrealizedPnl(@Root() root: Deployment) {
    return root.equity - root.cash - root.positionQuantity * (root.averageEntryPrice ?? 0);
  }

  @FieldResolver(() => Float, { description: 'Drawdown now: equity / peak equity − 1, a fraction ≤ 0 (0 at a new high).' })
  drawdown(@Root() root: Deployment) {
    return root.peakEquity > 0 ? Math.min(0, root.equity / root.peakEquity - 1) : 0;
  }

  @FieldResolver(() => Float, { description: 'Return since the start: equity / initial equity − 1, a fraction.' })
  totalReturn(@Root() root: Deployment) {
    return root.initialEquity > 0 ? root.equity / root.initialEquity - 1 : 0;
  }

  @FieldResolver(() => TradingStateEnum, { description: 'The trading state in force: the stricter of this deployment’s and the global one.' })
  async effectiveTradingState(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.deployments.gates(root.id)).effectiveTradingState;
  }

  @FieldResolver(() => Boolean, { description: 'True while the global or this strategy’s kill switch is on: no order reaches a broker.' })
  async killSwitchOn(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.deployments.gates(root.id)).killSwitchOn;
  }

  @FieldResolver(() => DeploymentOrderConnection, { description: 'Its orders, newest first.' })
  async orders(@Root() root: Deployment, @Args(() => OrdersArgs) args: OrdersArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.deployments.orders(root.id, args, args.states));
  }

  @FieldResolver(() => DeploymentFillConnection, { description: 'Its fills, newest first.' })
  async fills(@Root() root: Deployment, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.deployments.fills(root.id, args));
  }

  @FieldResolver(() => DeploymentEventConnection, { description: 'Its events, newest first: refusals with their rule and reason, data integrity, connector, runtime.' })
  async events(@Root() root: Deployment, @Args(() => EventsArgs) args: EventsArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.deployments.events(root.id, args, args.category));
  }

  @FieldResolver(() => [PnlSnapshotType], { description: 'P&L marks per bar, oldest first, in a bounded window (see maxPoints).' })
  async pnlSeries(@Root() root: Deployment, @Args(() => SeriesArgs) args: SeriesArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.pnlSeries(root.id, args);
  }

  @FieldResolver(() => [PositionSnapshotType], { description: 'Position marks per bar, oldest first, in a bounded window (see maxPoints).' })
  async positionSeries(@Root() root: Deployment, @Args(() => SeriesArgs) args: SeriesArgs, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.positionSeries(root.id, args);
  }

  @FieldResolver(() => PositionSnapshotType, { nullable: true, description: 'The latest position mark; null before the first bar.' })
  async position(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.latestPosition(root.id);
  }

  @FieldResolver(() => DeploymentFillStatisticsType, { description: 'Orders by outcome and the overall fill ratio.' })
  async fillStatistics(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.fillStatistics(root.id);
  }

  @FieldResolver(() => [BarType], { description: 'The latest bars it processed, oldest first, at most `limit` (1–5,000, default 300).' })
  async priceBars(@Root() root: Deployment, @Ctx() ctx: GraphQLContext, @Arg('limit', () => Int, { defaultValue: 300 }) limit: number) {
    return ctx.services.deployments.priceBars(root.id, limit);
  }

  @FieldResolver(() => [LiveConfirmationTokenType], { description: 'Its LIVE confirmation tokens, newest first (the tokens themselves are never shown again).' })
  async liveConfirmationTokens(@Root() root: Deployment, @Ctx() ctx: GraphQLContext) {
    return ctx.services.liveConfirmationTokens.list(root.id);
  }
}

@Resolver(() => DeploymentOrderType)
export class DeploymentOrderResolver {
  @FieldResolver(() => ID)
  id(@Root() root: DeploymentOrder) {
    return toGlobalId('DeploymentOrder', root.id);
  }

  @FieldResolver(() => ID, { description: 'The deployment’s global id.' })
  deploymentId(@Root() root: DeploymentOrder) {
    return toGlobalId('Deployment', root.deployment.id);
  }

  @FieldResolver(() => [DeploymentFillType], { description: 'Its fills, in sequence.' })
  async fills(@Root() root: DeploymentOrder, @Ctx() ctx: GraphQLContext) {
    return ctx.services.deployments.fillsOfOrder(root.id);
  }
}

@Resolver(() => DeploymentFillType)
export class DeploymentFillResolver {
  @FieldResolver(() => ID)
  id(@Root() root: DeploymentFill) {
    return toGlobalId('DeploymentFill', root.id);
  }

  @FieldResolver(() => ID, { description: 'The order’s global id.' })
  orderId(@Root() root: DeploymentFill) {
    return toGlobalId('DeploymentOrder', root.order.id);
  }
}

@Resolver(() => DeploymentEventType)
export class DeploymentEventResolver {
  @FieldResolver(() => [DetailEntryType], { nullable: true })
  evidence(@Root() root: DeploymentEvent): DetailEntryType[] | null {
    return root.evidence ? toDetailEntries(root.evidence).map(toDetailEntryValue) : null;
  }

  @FieldResolver(() => ID)
  id(@Root() root: DeploymentEvent) {
    return toGlobalId('DeploymentEvent', root.id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The order concerned (global id), when there is one.' })
  orderId(@Root() root: DeploymentEvent) {
    return root.order ? toGlobalId('DeploymentOrder', root.order.id) : null;
  }
}
