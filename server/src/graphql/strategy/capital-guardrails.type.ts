import 'reflect-metadata';
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { capitalStates, type CapitalState } from '../../domain/strategy/strategy.entity.ts';

/** One description per capped lifecycle state, keyed by the domain's list, so a new state fails the build until documented. */
const capDescriptions: Readonly<Record<CapitalState, string>> = {
  research: 'Cap while in RESEARCH, a fraction of portfolio (0.05 = 5 %); null when none is set.',
  validation: 'Cap while in VALIDATION, a fraction of portfolio; null when none is set.',
  staging: 'Cap while in STAGING, a fraction of portfolio; null when none is set.',
  production: 'Cap while in PRODUCTION, a fraction of portfolio; null when none is set.',
};

/** Capital caps per lifecycle state (domain `CapitalGuardrails`), one nullable fraction per capped state. */
@ObjectType('CapitalGuardrails', { description: 'Capital caps per lifecycle state, fractions of portfolio (0.05 = 5 %). A retired strategy holds no capital.' })
export class CapitalGuardrailsType {}

@InputType('CapitalGuardrailsInput', { description: 'Capital caps per lifecycle state, fractions of portfolio in [0, 1] (0.05 = 5 %); leave a state out for no cap.' })
export class CapitalGuardrailsInput {}

for (const state of capitalStates) {
  Field(() => Float, { nullable: true, description: capDescriptions[state] })(CapitalGuardrailsType.prototype, state);
  Field(() => Float, { nullable: true, description: capDescriptions[state] })(CapitalGuardrailsInput.prototype, state);
}

/** An input's caps without the states left out or given as null (the domain's `CapitalGuardrails`). */
export function fromCapitalGuardrailsInput(input: CapitalGuardrailsInput): Partial<Record<CapitalState, number>> {
  const values = input as Partial<Record<CapitalState, number | null>>;
  const caps: Partial<Record<CapitalState, number>> = {};
  for (const state of capitalStates) {
    const cap = values[state];
    if (cap !== undefined && cap !== null) caps[state] = cap;
  }
  return caps;
}
