import 'reflect-metadata';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ParameterSetting } from '../../domain/strategy/parameter-setting.ts';
import type { ConstraintOperator, ParameterConstraint, ParameterDefinition, ParameterKind, ParameterSpace, ParameterValue } from '../../engine/index.ts';
import { screamingEnum } from '../screaming-enum.ts';

const parameterKinds = ['integer', 'float', 'categorical', 'boolean'] as const satisfies readonly ParameterKind[];

/** GraphQL enum of the engine's parameter kinds (`INTEGER` ↔ `integer`, …). */
export const ParameterKindEnum = screamingEnum(parameterKinds);
registerEnumType(ParameterKindEnum, { name: 'ParameterKind', description: 'How a parameter is validated and sampled.' });

function asParameterValue(value: unknown): ParameterValue {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new GraphQLError('ParameterValue must be a finite number, a string or a boolean');
}

/** A parameter value: a finite number (integer/float), a string or number (categorical) or a boolean. */
export const ParameterValueScalar = new GraphQLScalarType<ParameterValue, ParameterValue>({
  name: 'ParameterValue',
  description: 'A parameter value: a finite number for INTEGER/FLOAT, a string or number for CATEGORICAL, a boolean for BOOLEAN.',
  serialize: asParameterValue,
  parseValue: asParameterValue,
  parseLiteral(ast) {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return asParameterValue(Number(ast.value));
    if (ast.kind === Kind.STRING) return ast.value;
    if (ast.kind === Kind.BOOLEAN) return ast.value;
    throw new GraphQLError('ParameterValue must be a number, a string or a boolean literal');
  },
});

@ObjectType('ParameterDefinition', { description: 'One dimension of a parameter space (engine ParameterDefinition).' })
export class ParameterDefinitionType implements ParameterDefinition {
  @Field(() => String)
  name!: string;

  @Field(() => ParameterKindEnum)
  kind!: ParameterKind;

  @Field(() => Float, { nullable: true, description: 'Lower bound (INTEGER/FLOAT), in `unit`.' })
  min?: number;

  @Field(() => Float, { nullable: true, description: 'Upper bound (INTEGER/FLOAT), in `unit`.' })
  max?: number;

  @Field(() => Float, { nullable: true, description: 'Grid step from `min` (INTEGER defaults to 1; FLOAT is continuous when null).' })
  step?: number;

  @Field(() => [ParameterValueScalar], { nullable: true, description: 'Allowed values (CATEGORICAL only; null otherwise).' })
  choices?: readonly ParameterValue[];

  @Field(() => ParameterValueScalar)
  default!: ParameterValue;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true, description: "What the number means, e.g. 'bars', 'fraction'." })
  unit?: string;
}

@ObjectType('ParameterConstraint', { description: 'A relation `left <operator> right` between two numeric parameters that every valid point satisfies.' })
export class ParameterConstraintType implements ParameterConstraint {
  @Field(() => String, { description: 'Human-readable form, e.g. "fastPeriod < slowPeriod".' })
  description!: string;

  @Field(() => String, { description: 'Name of the left parameter.' })
  left!: string;

  @Field(() => String, { description: 'Comparison operator: one of <, <=, >, >=, !=.' })
  operator!: ConstraintOperator;

  @Field(() => String, { description: 'Name of the right parameter.' })
  right!: string;
}

@ObjectType('ParameterSpace', { description: 'All parameters of a template or version and the constraints between them.' })
export class ParameterSpaceType implements ParameterSpace {
  @Field(() => [ParameterDefinitionType])
  parameters!: readonly ParameterDefinitionType[];

  @Field(() => [ParameterConstraintType])
  constraints!: readonly ParameterConstraintType[];
}

@ObjectType('ParameterSetting', { description: 'One parameter of a concrete point of a parameter space: its name and value (in the parameter’s unit, see ParameterDefinition).' })
export class ParameterSettingType implements ParameterSetting {
  @Field(() => String, { description: 'The parameter’s name in its template’s ParameterSpace, e.g. fastPeriod.' })
  name!: string;

  @Field(() => ParameterValueScalar)
  value!: ParameterValue;
}

@InputType('ParameterSettingInput', { description: 'One parameter value, e.g. { name: "fastPeriod", value: 20 }; checked against the template’s ParameterSpace (kind, bounds, step, choices, constraints).' })
export class ParameterSettingInput implements ParameterSetting {
  @Field(() => String, { description: 'A parameter of the template’s ParameterSpace (unknown names are refused).' })
  name!: string;

  @Field(() => ParameterValueScalar)
  value!: ParameterValue;
}
