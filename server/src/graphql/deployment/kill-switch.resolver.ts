import 'reflect-metadata';
import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { KillSwitch } from '../../domain/deployment/kill-switch.entity.ts';
import type { LiveConfirmationToken } from '../../domain/deployment/live-confirmation-token.entity.ts';
import type { EventDelivery } from '../../domain/events.ts';
import type { GraphQLContext } from '../context.ts';
import { parseId, toGlobalId } from '../relay.ts';
import { StrategyType } from '../strategy/strategy.type.ts';
import { CreateLiveConfirmationTokenInput, KillSwitchInput, RevokeLiveConfirmationTokenInput } from './deployment-inputs.ts';
import { KillSwitchChangeType, KillSwitchType, LiveConfirmationTokenType } from './deployment.type.ts';

@ObjectType('KillSwitchPayload')
class KillSwitchPayload {
  @Field(() => KillSwitchType, { description: 'The switch after the change.' })
  killSwitch!: KillSwitch;

  @Field(() => Int, { description: 'Open SHADOW and PAPER orders cancelled in the same transaction (turning ON; 0 when turning OFF).' })
  ordersCancelled!: number;

  @Field(() => Int, { description: 'Open orders at an exchange, cancelled through the venue by the runner on the deployment’s next bar (turning ON).' })
  ordersLeftForVenue!: number;
}

@ObjectType('CreateLiveConfirmationTokenPayload')
class CreateLiveConfirmationTokenPayload {
  @Field(() => String, { description: 'The token (crucible_live_…): shown this once, never stored (only its SHA-256 is).' })
  token!: string;

  @Field(() => LiveConfirmationTokenType)
  liveConfirmationToken!: LiveConfirmationToken;
}

@ObjectType('LiveConfirmationTokenPayload')
class LiveConfirmationTokenPayload {
  @Field(() => LiveConfirmationTokenType)
  liveConfirmationToken!: LiveConfirmationToken;
}

/**
 * Kill switches (global and per strategy) and LIVE confirmation tokens. Turning a switch ON needs production or risk
 * and no second factor; OFF needs production with a TOTP step-up. Tokens: created by production (TOTP), revoked by
 * production or risk.
 */
@Resolver(() => KillSwitchType)
export class KillSwitchResolver {
  @Query(() => [KillSwitchType], { description: 'Every kill switch: the global one first, then the strategies’ (created when first turned on).' })
  async killSwitches(@Ctx() ctx: GraphQLContext) {
    return ctx.services.killSwitches.list();
  }

  @Mutation(() => KillSwitchPayload, {
    description:
      'Turns a kill switch ON (the global one, or a strategy’s): every broker-side action in its scope is denied from now on, open orders are cancelled. Production or risk, no second factor (safety first); audited with the reason.',
  })
  async turnKillSwitchOn(@Arg('input', () => KillSwitchInput) input: KillSwitchInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.killSwitches.turnOn({ strategyId: input.strategyId ? parseId(input.strategyId, 'Strategy', 'strategyId') : null, reason: input.reason });
  }

  @Mutation(() => KillSwitchPayload, { description: 'Turns a kill switch OFF: trading in its scope may resume. Production action (TOTP step-up); audited with the reason.' })
  async turnKillSwitchOff(@Arg('input', () => KillSwitchInput) input: KillSwitchInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.killSwitches.turnOff({ strategyId: input.strategyId ? parseId(input.strategyId, 'Strategy', 'strategyId') : null, reason: input.reason });
  }

  @Subscription(() => KillSwitchType, { topics: 'KILL_SWITCH_CHANGED', description: 'Every kill switch turned on or off, as of the change, from any process.' })
  async killSwitchChanged(@Root() delivery: EventDelivery<'KILL_SWITCH_CHANGED'>, @Ctx() ctx: GraphQLContext) {
    return ctx.services.events.asOfEvent<KillSwitch>('KillSwitch', delivery);
  }

  @FieldResolver(() => ID)
  id(@Root() root: KillSwitch) {
    return toGlobalId('KillSwitch', root.id);
  }

  @FieldResolver(() => StrategyType, { nullable: true, description: 'The strategy whose deployments it stops; null for the global switch.' })
  async strategy(@Root() root: KillSwitch, @Ctx() ctx: GraphQLContext) {
    return root.strategy ? ctx.loaders.strategy.load(root.strategy.id) : null;
  }

  @FieldResolver(() => [KillSwitchChangeType], { description: 'Its turns, newest first, at most `limit` (1–500, default 20).' })
  async history(@Root() root: KillSwitch, @Ctx() ctx: GraphQLContext, @Arg('limit', () => Int, { defaultValue: 20 }) limit: number) {
    return ctx.services.killSwitches.history(root.id, limit);
  }
}

@Resolver(() => LiveConfirmationTokenType)
export class LiveConfirmationTokenResolver {
  @Mutation(() => CreateLiveConfirmationTokenPayload, {
    description: 'Creates a LIVE confirmation token for a deployment, valid 1–1,440 minutes (default 60). The token is shown once. Production action (TOTP); audited (never the token).',
  })
  async createLiveConfirmationToken(@Arg('input', () => CreateLiveConfirmationTokenInput) input: CreateLiveConfirmationTokenInput, @Ctx() ctx: GraphQLContext) {
    const created = await ctx.services.liveConfirmationTokens.create({ deploymentId: parseId(input.deploymentId, 'Deployment', 'deploymentId'), ttlMinutes: input.ttlMinutes });
    return { token: created.secret, liveConfirmationToken: created.token };
  }

  @Mutation(() => LiveConfirmationTokenPayload, { description: 'Revokes a LIVE confirmation token at once (production or risk, no second factor); audited with the reason.' })
  async revokeLiveConfirmationToken(@Arg('input', () => RevokeLiveConfirmationTokenInput) input: RevokeLiveConfirmationTokenInput, @Ctx() ctx: GraphQLContext) {
    return { liveConfirmationToken: await ctx.services.liveConfirmationTokens.revoke(parseId(input.tokenId, 'LiveConfirmationToken', 'tokenId'), input.reason) };
  }

  @FieldResolver(() => ID)
  id(@Root() root: LiveConfirmationToken) {
    return toGlobalId('LiveConfirmationToken', root.id);
  }
}
