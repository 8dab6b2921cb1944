import 'reflect-metadata';
import { ClassType, Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { ValidationError } from '../domain/errors.ts';
import type { Page } from '../services/pagination.ts';

/** Relay global object identification: every object with an id implements `Node`. */
@InterfaceType('Node', {
  description: 'An object with a global id (Relay). Ids are opaque; `node(id)` refetches any of them.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Global id (opaque). Lookups also accept the raw UUID (`databaseId`).' })
  id!: string;
}

/** Global id of a row: base64url of `Type:uuid`. */
export function toGlobalId(typeName: string, uuid: string): string {
  return Buffer.from(`${typeName}:${uuid}`, 'utf8').toString('base64url');
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a global id into type and UUID. @throws ValidationError for anything else. */
export function fromGlobalId(id: string, field = 'id'): { typeName: string; uuid: string } {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const uuid = decoded.slice(separator + 1);
  if (separator <= 0 || !uuidPattern.test(uuid)) throw new ValidationError(`${field} "${id}" is not a valid id`, field);
  return { typeName: decoded.slice(0, separator), uuid };
}

/**
 * The UUID behind an id argument for `typeName`: accepts the global id or the raw UUID.
 * @throws ValidationError when the id is malformed or names another type.
 */
export function parseId(id: string, typeName: string, field = 'id'): string {
  if (uuidPattern.test(id)) return id.toLowerCase();
  const decoded = fromGlobalId(id, field);
  if (decoded.typeName !== typeName) throw new ValidationError(`${field} is a ${decoded.typeName} id, expected a ${typeName} id`, field);
  return decoded.uuid;
}

@ObjectType('PageInfo', { description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: pages only move forward (first/after).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The shape every generated connection has at run time. */
export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a Relay connection type `<Name>Connection` with its `<Name>Edge` for a node type. */
export function makeConnectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => nodeType)
    node!: T;

    @Field(() => String)
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} objects, newest first (Relay connection).` })
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of objects matching the filter, across all pages.' })
    totalCount!: number;
  }
  return Connection as ClassType<ConnectionShape<T>>;
}

/** Maps a service page to a connection value. */
export function toConnection<T extends { id: string }>(page: Page<T>): ConnectionShape<T> {
  const edges = page.nodes.map((node) => ({ node, cursor: Buffer.from(node.id, 'utf8').toString('base64url') }));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: page.endCursor },
  };
}
