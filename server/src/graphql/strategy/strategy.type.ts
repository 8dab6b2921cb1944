import 'reflect-metadata';
import type { EntityFields } from '../entity-fields.ts';
import { Field, ID, ObjectType } from 'type-graphql';
import type { ParameterConfig } from '../../domain/strategy/parameter-config.entity.ts';
import type { CapitalGuardrails, Strategy } from '../../domain/strategy/strategy.entity.ts';
import { CapitalGuardrailsType } from './capital-guardrails.type.ts';
import type { ApprovalMetadata, StrategyVersion } from '../../domain/strategy/strategy-version.entity.ts';
import { ApprovalStatusEnum, LifecycleStateEnum, ParameterConfigSourceEnum, RiskCategoryEnum } from '../enums.ts';
import { ParameterSettingType, ParameterSpaceType } from './parameter-space.type.ts';
import { makeConnectionType, NodeInterface } from '../relay.ts';

@ObjectType('Strategy', { implements: NodeInterface, description: 'A registered trading strategy.' })
export class StrategyType extends NodeInterface implements EntityFields<Strategy, 'owner' | 'riskCategory' | 'lifecycleState' | 'regulatoryHoldBy'> {
  @Field(() => String, { description: 'Unique human-readable identifier, e.g. builtin-sma-crossover.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'High-level thesis.' })
  objective!: string;

  @Field(() => [String], { description: 'Symbols the strategy may trade; "*" means any.' })
  eligibleMarkets!: string[];

  @Field(() => RiskCategoryEnum)
  riskCategory!: string;

  @Field(() => LifecycleStateEnum)
  lifecycleState!: string;

  @Field(() => String, { nullable: true })
  dependencyNotes!: string | null;

  @Field(() => CapitalGuardrailsType, {
    nullable: true,
    description: 'Capital caps per lifecycle state, fractions of portfolio (0.05 = 5 %). Sensitive (capital allocation): null with a FORBIDDEN error for roles that may not see it.',
  })
  capitalGuardrails!: CapitalGuardrails;

  @Field(() => Date, { nullable: true, description: 'When promotions of this strategy were frozen (data integrity, a critical breaker); null when not frozen. Only a person unfreezes it, with a fresh step-up.' })
  promotionsFrozenAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why its promotions are frozen; null when not frozen.' })
  promotionsFrozenReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When compliance put the strategy on regulatory hold (no automated action on it; all evidence kept); null when not held.' })
  regulatoryHoldAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it is on regulatory hold; null when not held.' })
  regulatoryHoldReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('ApprovalDecision', { description: 'The approval or rejection of a strategy version: reviewer, time and notes.' })
export class ApprovalDecisionType implements EntityFields<ApprovalMetadata, 'decidedAt'> {
  @Field(() => ID, { description: 'The reviewing user (User.id).' })
  reviewerId!: string;

  @Field(() => Date, { description: 'When the decision was made (UTC).' })
  decidedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Review notes (always given for a rejection).' })
  notes?: string;
}

@ObjectType('StrategyVersion', { implements: NodeInterface, description: 'An immutable submission: template, parameter space, changelog, seed.' })
export class StrategyVersionType extends NodeInterface implements EntityFields<StrategyVersion, 'strategy' | 'submittedBy' | 'approvalStatus' | 'approvalMetadata' | 'deterministicSeed'> {
  @Field(() => String, { description: 'vYYYY.MM.patch, unique per strategy.' })
  versionTag!: string;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => ApprovalStatusEnum)
  approvalStatus!: string;

  @Field(() => String)
  changelog!: string;

  @Field(() => String, { description: 'Deterministic seed for reproducible runs (a 64-bit integer as a decimal string).' })
  deterministicSeed!: string;

  @Field(() => String, { description: 'Engine strategy template id, e.g. sma_crossover.' })
  template!: string;

  @Field(() => ParameterSpaceType, { description: 'Parameter space as submitted: parameters with kind, bounds, step, default; constraints.' })
  parameterSpace!: ParameterSpaceType;

  @Field(() => ApprovalDecisionType, {
    nullable: true,
    description: 'Who approved or rejected the version, when, and notes; null while PENDING. Sensitive (approver identity): null with a FORBIDDEN error for roles that may not see it.',
  })
  approvalMetadata!: ApprovalDecisionType | null;
}

@ObjectType('ParameterConfig', { implements: NodeInterface, description: 'One concrete point of a parameter space, deduplicated by checksum.' })
export class ParameterConfigType extends NodeInterface implements EntityFields<ParameterConfig, 'strategyVersion' | 'source' | 'parameters'> {
  @Field(() => String)
  label!: string;

  @Field(() => [ParameterSettingType], { description: 'Every parameter of the point, by name.' })
  parameters!: ParameterSettingType[];

  @Field(() => ParameterConfigSourceEnum)
  source!: string;

  @Field(() => String, { description: 'SHA-256 (hex) of the parameters serialized with sorted keys.' })
  checksum!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('StrategyTemplate', { description: 'A built-in strategy template of the engine.' })
export class StrategyTemplateType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Logic and source of the template.' })
  description!: string;

  @Field(() => ParameterSpaceType)
  parameterSpace!: ParameterSpaceType;
}

export const StrategyConnection = makeConnectionType('Strategy', StrategyType);
