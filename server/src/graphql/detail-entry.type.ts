import 'reflect-metadata';
import { Field, Float, ObjectType } from 'type-graphql';
import type { DetailEntry } from '../domain/detail-entries.ts';
import type { EntityFields } from './entity-fields.ts';

/**
 * One value of a details object (domain `DetailEntry`), its value in the one field that matches its type, so clients
 * get typed values without parsing JSON.
 */
@ObjectType('DetailEntry', {
  description: 'One value of an event’s details: its dotted path and the value in exactly one of text, number or boolean (all three null for a null or an empty list/object).',
})
export class DetailEntryType implements EntityFields<DetailEntry, 'value'> {
  @Field(() => String, { description: 'Dotted path into the details, list items by index, e.g. reason, capitalGuardrails.production, roles.0.' })
  path!: string;

  @Field(() => String, { nullable: true, description: 'The value when it is text.' })
  text!: string | null;

  @Field(() => Float, { nullable: true, description: 'The value when it is a number (in the unit the action documents, e.g. fractions for capital caps).' })
  number!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'The value when it is a boolean.' })
  boolean!: boolean | null;
}

/** A domain entry as its GraphQL value. */
export function toDetailEntryValue(entry: DetailEntry): DetailEntryType {
  return {
    path: entry.path,
    text: typeof entry.value === 'string' ? entry.value : null,
    number: typeof entry.value === 'number' ? entry.value : null,
    boolean: typeof entry.value === 'boolean' ? entry.value : null,
  };
}
