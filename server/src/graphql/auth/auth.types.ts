import 'reflect-metadata';
import type { ApiToken } from '../../domain/auth/api-token.entity.ts';
import type { EntityFields } from '../entity-fields.ts';
import type { User } from '../../domain/user/user.entity.ts';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { actions, subjects } from '../../domain/auth/abilities.ts';
import { roles } from '../../domain/auth/roles.ts';
import { screamingEnum } from '../screaming-enum.ts';

export const RoleEnum = screamingEnum(roles);
registerEnumType(RoleEnum, { name: 'Role', description: 'research, production, risk, compliance, admin (DESIGN.md §2).' });

export const PartialPermissionRequirementEnum = { ROLE: 'ROLE', STEP_UP: 'STEP_UP' } as const;
registerEnumType(PartialPermissionRequirementEnum, {
  name: 'PartialPermissionRequirement',
  description: 'ROLE: the caller’s roles lack the rule that part needs; STEP_UP: it needs a TOTP step-up first.',
});

@ObjectType('PartialPermission', { description: 'A permitted mutation of which a part is not allowed now, from the one authorization table.' })
export class PartialPermissionType {
  @Field(() => String)
  mutation!: string;

  @Field(() => String, { description: 'The part that needs more, e.g. "the new user gets a role beyond research".' })
  when!: string;

  @Field(() => PartialPermissionRequirementEnum)
  requires!: 'ROLE' | 'STEP_UP';
}

@ObjectType('User', { description: 'A person who signs in. Visible to admin and compliance.' })
export class UserType implements EntityFields<User, 'passwordHash' | 'totpSecret' | 'kind' | 'totpEnabledAt' | 'totpLastStep'> {
  @Field(() => ID, { description: 'The user UUID.' })
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: string[];

  @Field(() => Boolean, { description: 'False once deactivated: sign-in, sessions and tokens stop working.' })
  active!: boolean;

  @Field(() => Boolean)
  totpEnabled!: boolean;

  @Field(() => Boolean, { description: 'Created by demo mode with a published password.' })
  demo!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('AbilityRule', { description: 'One CASL rule in force for the caller (the UI hides what `can` denies).' })
export class AbilityRuleType {
  @Field(() => [String], { description: `Actions: ${actions.join(', ')}.` })
  actions!: string[];

  @Field(() => [String], { description: `Subjects: ${subjects.join(', ')}.` })
  subjects!: string[];

  @Field(() => [String], { nullable: true, description: 'Only these fields (null: all fields).' })
  fields!: string[] | null;

  @Field(() => Boolean, { description: 'True for a restriction (cannot).' })
  inverted!: boolean;
}

@ObjectType('Viewer', { description: 'The signed-in caller: who they are, their roles and what they may do now.' })
export class ViewerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => [RoleEnum], { description: 'Roles in force (an API token may narrow them).' })
  roles!: string[];

  @Field(() => String, { description: 'SESSION or API_TOKEN.' })
  credential!: string;

  @Field(() => Boolean)
  totpEnabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'Until when production actions are allowed without another TOTP step-up.' })
  stepUpValidUntil!: Date | null;

  @Field(() => [String], { description: 'Mutations the caller may run now.' })
  permittedMutations!: string[];

  @Field(() => [String], { description: 'Mutations the role allows once the caller steps up with TOTP: entirely, or for a part of what they do (listed in partialPermissions with requires STEP_UP).' })
  stepUpRequiredFor!: string[];

  @Field(() => [PartialPermissionType], { description: 'Permitted mutations of which a part needs another role or a step-up first (e.g. createUser with a privileged role).' })
  partialPermissions!: PartialPermissionType[];

  @Field(() => [AbilityRuleType])
  rules!: AbilityRuleType[];
}

@ObjectType('ApiToken', { description: 'A bearer token for notebooks and services. The secret is shown once, at creation.' })
export class ApiTokenType implements EntityFields<ApiToken, 'user' | 'parentTokenId' | 'secretHash' | 'lastUsedAt'> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [RoleEnum])
  roles!: string[];

  @Field(() => Boolean, { description: 'Created with a TOTP step-up: may perform production actions.' })
  stepUp!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@InputType('SignInInput')
export class SignInInput {
  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String, { nullable: true, description: 'A TOTP code: the sign-in then counts as stepped-up.' })
  totpCode?: string | null;
}

@ObjectType('SignInPayload')
export class SignInPayload {
  @Field(() => ViewerType)
  viewer!: ViewerType;
}

@ObjectType('StepUpPayload')
export class StepUpPayload {
  @Field(() => Date, { description: 'Production actions are allowed until then.' })
  validUntil!: Date;
}

@ObjectType('TotpEnrolment', { description: 'Scan the QR code (or enter the secret) in an authenticator, then confirm with a code.' })
export class TotpEnrolmentType {
  @Field(() => String)
  otpauthUri!: string;

  @Field(() => String, { description: 'QR code of `otpauthUri` as an SVG document.' })
  qrCodeSvg!: string;

  @Field(() => String, { description: 'The base32 secret, for manual entry.' })
  secret!: string;
}

@InputType('CreateApiTokenInput')
export class CreateApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => [RoleEnum], { nullable: true, description: 'Narrow the token to these roles (default: all of yours).' })
  roles?: string[] | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@ObjectType('CreateApiTokenPayload')
export class CreateApiTokenPayload {
  @Field(() => ApiTokenType)
  apiToken!: ApiTokenType;

  @Field(() => String, { description: 'The bearer token. Shown once: it is stored only as a hash.' })
  secret!: string;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { description: 'At least 8 characters; stored as an argon2id hash.' })
  password!: string;

  @Field(() => [RoleEnum])
  roles!: string[];
}

@InputType('ChangeRoleInput')
export class ChangeRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => RoleEnum)
  role!: string;
}
