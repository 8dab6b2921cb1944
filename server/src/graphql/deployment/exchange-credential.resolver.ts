import 'reflect-metadata';
import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { ExchangeVenue } from '../../domain/deployment/venues.ts';
import type { ExchangeCredentialStatus } from '../../services/deployment/exchange-credential.service.ts';
import type { GraphQLContext } from '../context.ts';
import { ExchangeVenueEnum } from './deployment-enums.ts';

@ObjectType('ExchangeCredentialStatus', { description: 'Whether an exchange account’s credentials are set — never the key or secret themselves.' })
export class ExchangeCredentialStatusType {
  @Field(() => ExchangeVenueEnum)
  venue!: ExchangeVenue;

  @Field(() => Boolean, { description: 'True when credentials are set (LIVE deployments on this venue can place orders).' })
  configured!: boolean;

  @Field(() => String, { nullable: true, description: 'The last 4 characters of the API key; null when not configured.' })
  keyIdSuffix!: string | null;

  @Field(() => Date, { nullable: true, description: 'When they were last set or rotated; null when not configured.' })
  updatedAt!: Date | null;
}

@InputType('SetExchangeCredentialsInput')
export class SetExchangeCredentialsInput {
  @Field(() => ExchangeVenueEnum)
  venue!: ExchangeVenue;

  @Field(() => String, { description: 'API key (Binance US) or CDP key name (Coinbase), 1–512 characters.' })
  apiKey!: string;

  @Field(() => String, { description: 'API secret or private key in PEM, 1–8,192 characters. Stored sealed; never returned or logged.' })
  secret!: string;

  @Field(() => String, { nullable: true, description: 'Passphrase, for venues that ask for one (1–256 characters).' })
  passphrase?: string | null;
}

@InputType('DeleteExchangeCredentialsInput')
export class DeleteExchangeCredentialsInput {
  @Field(() => ExchangeVenueEnum)
  venue!: ExchangeVenue;
}

@ObjectType('ExchangeCredentialPayload')
class ExchangeCredentialPayload {
  @Field(() => ExchangeCredentialStatusType, { description: 'The venue’s credential status after the change.' })
  status!: ExchangeCredentialStatus;
}

/** Exchange credentials per venue: their status only; set, rotate and delete are production actions (TOTP). */
@Resolver(() => ExchangeCredentialStatusType)
export class ExchangeCredentialResolver {
  @Query(() => [ExchangeCredentialStatusType], { description: 'The credential status of every exchange venue (configured, key id suffix, updatedAt) — never a key or secret.' })
  async exchangeCredentials(@Ctx() ctx: GraphQLContext) {
    return ctx.services.exchangeCredentials.status();
  }

  @Mutation(() => ExchangeCredentialPayload, {
    description: 'Sets or rotates the credentials of an exchange account (production or admin, TOTP step-up). Stored sealed; audited with the venue and key id suffix only.',
  })
  async setExchangeCredentials(@Arg('input', () => SetExchangeCredentialsInput) input: SetExchangeCredentialsInput, @Ctx() ctx: GraphQLContext) {
    return { status: await ctx.services.exchangeCredentials.set(input) };
  }

  @Mutation(() => ExchangeCredentialPayload, {
    description: 'Deletes the credentials of an exchange account (production or admin, TOTP step-up): its LIVE deployments then run as OBSERVE (credentials_missing). Audited.',
  })
  async deleteExchangeCredentials(@Arg('input', () => DeleteExchangeCredentialsInput) input: DeleteExchangeCredentialsInput, @Ctx() ctx: GraphQLContext) {
    return { status: await ctx.services.exchangeCredentials.delete(input.venue) };
  }
}
