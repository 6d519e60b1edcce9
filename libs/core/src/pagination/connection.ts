// Relay connections: `edges { cursor node }` + `pageInfo`, built from one over-fetched page.
import { type Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';
import { type CursorValues, encodeCursor } from './cursor.js';

@ObjectType({ description: 'Where a page sits in a list (Relay).' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items come before this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** GraphQL `XConnection` and `XEdge` types for a node type. */
export function ConnectionType<T>(nodeType: Type<T>, name = nodeType.name): Type<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass it as `after` to continue.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false, description: `A page of ${name} items.` })
  class ConnectionTypeClass {
    @Field(() => [EdgeType], { description: 'The items of this page.' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page sits in the list.' })
    pageInfo!: PageInfo;
  }
  return ConnectionTypeClass as Type<Connection<T>>;
}

/**
 * Builds a connection from rows fetched with `limit = size + 1`: the extra row only says
 * whether another page follows.
 */
export function toConnection<Row, Node>(
  rows: Row[],
  size: number,
  hasPrevious: boolean,
  cursorOf: (row: Row) => CursorValues,
  toNode: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
