import 'reflect-metadata';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { User } from '../../domain/user/user.entity.ts';
import type { CallerProfile } from '../../services/auth/auth.service.ts';
import type { GraphQLContext } from '../context.ts';
import {
  ApiTokenType,
  ChangeRoleInput,
  CreateApiTokenInput,
  CreateApiTokenPayload,
  CreateUserInput,
  SignInInput,
  SignInPayload,
  StepUpPayload,
  TotpEnrolmentType,
  UserType,
  ViewerType,
} from './auth.types.ts';

/** Sign-in, second factor, API tokens and the caller's profile. */
@Resolver()
export class AuthResolver {
  @Query(() => ViewerType, { nullable: true, description: 'The signed-in caller, roles and permitted actions; null when not signed in.' })
  async me(@Ctx() ctx: GraphQLContext) {
    return toViewer(await ctx.services.auth.me());
  }

  @Mutation(() => SignInPayload, { description: 'Password sign-in; sets the httpOnly session cookie. Wrong credentials: UNAUTHENTICATED; too many from this address (or, without a TOTP code, for this account): RATE_LIMITED with growing delays.' })
  async signIn(@Arg('input', () => SignInInput) input: SignInInput, @Ctx() ctx: GraphQLContext) {
    const result = await ctx.services.auth.signIn({ ...input, source: ctx.clientAddress ?? null });
    ctx.setSessionCookie?.(result.sessionSecret);
    return { viewer: toViewer(result.profile) };
  }

  @Mutation(() => Boolean, { description: 'Ends the web session and clears its cookie.' })
  async signOut(@Ctx() ctx: GraphQLContext) {
    await ctx.services.auth.signOut();
    ctx.setSessionCookie?.(null);
    return true;
  }

  @Mutation(() => StepUpPayload, { description: 'Confirms a TOTP code for this session: production actions are allowed for the step-up window.' })
  async stepUp(@Arg('code', () => String) code: string, @Ctx() ctx: GraphQLContext) {
    return { validUntil: await ctx.services.auth.stepUp(code) };
  }

  @Mutation(() => TotpEnrolmentType, { description: 'Starts TOTP enrolment: an otpauth URI and its QR code.' })
  async startTotpEnrolment(@Ctx() ctx: GraphQLContext) {
    return ctx.services.auth.startTotpEnrolment();
  }

  @Mutation(() => StepUpPayload, { description: 'Confirms TOTP enrolment with a code; the session counts as stepped-up.' })
  async confirmTotpEnrolment(@Arg('code', () => String) code: string, @Ctx() ctx: GraphQLContext) {
    return { validUntil: await ctx.services.auth.confirmTotpEnrolment(code) };
  }

  @Query(() => [ApiTokenType], { description: 'Your API tokens, newest first.' })
  async apiTokens(@Ctx() ctx: GraphQLContext) {
    return ctx.services.auth.listApiTokens();
  }

  @Mutation(() => CreateApiTokenPayload, { description: 'Creates an API token (shown once). Created right after a TOTP step-up, it may perform production actions.' })
  async createApiToken(@Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: GraphQLContext) {
    const { token, secret } = await ctx.services.auth.createApiToken(input);
    return { apiToken: token, secret };
  }

  @Mutation(() => ApiTokenType, { description: 'Revokes one of your API tokens; sockets using it are closed.' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.auth.revokeApiToken(id);
  }
}

/** User administration (admin). Role grants and revokes are production actions (TOTP step-up). */
@Resolver()
export class UserResolver {
  @Query(() => [UserType], { description: 'People who can sign in, newest first (admin, compliance).' })
  async users(@Ctx() ctx: GraphQLContext, @Arg('first', () => Int, { nullable: true, defaultValue: 200 }) first: number) {
    return (await ctx.services.users.list({ first })).nodes.map(toUserType);
  }

  @Mutation(() => UserType, { description: 'Creates a user with a password and roles (admin).' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    return toUserType(await ctx.services.users.create(input));
  }

  @Mutation(() => UserType, { description: 'Grants a role (admin, production action: needs a TOTP step-up).' })
  async grantRole(@Arg('input', () => ChangeRoleInput) input: ChangeRoleInput, @Ctx() ctx: GraphQLContext) {
    return toUserType(await ctx.services.users.grantRole(input.userId, input.role));
  }

  @Mutation(() => UserType, { description: 'Revokes a role (admin, production action: needs a TOTP step-up).' })
  async revokeRole(@Arg('input', () => ChangeRoleInput) input: ChangeRoleInput, @Ctx() ctx: GraphQLContext) {
    return toUserType(await ctx.services.users.revokeRole(input.userId, input.role));
  }

  @Mutation(() => UserType, { description: 'Deactivates a user: sessions, tokens and open sockets stop working (admin).' })
  async deactivateUser(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    return toUserType(await ctx.services.users.deactivate(userId));
  }
}

function toUserType(user: User): UserType {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    active: user.active,
    totpEnabled: Boolean(user.totpEnabledAt),
    demo: user.demo,
    createdAt: user.createdAt,
  };
}

function toViewer(profile: CallerProfile | null): ViewerType | null {
  if (!profile) return null;
  return {
    id: profile.user.id,
    email: profile.user.email,
    displayName: profile.user.displayName,
    roles: profile.roles,
    credential: profile.credential.toUpperCase(),
    totpEnabled: profile.totpEnabled,
    stepUpValidUntil: profile.stepUpValidUntil,
    permittedMutations: profile.permittedMutations,
    stepUpRequiredFor: profile.stepUpRequiredFor,
    partialPermissions: profile.partialPermissions,
    rules: profile.rules.map((rule) => ({
      actions: ([] as string[]).concat(rule.action as string | string[]),
      subjects: ([] as string[]).concat(rule.subject as string | string[]),
      fields: rule.fields ? [...rule.fields] : null,
      inverted: rule.inverted ?? false,
    })),
  };
}
