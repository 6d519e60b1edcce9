// Shapes no client should send: page sizes outside every bound, values nested far deeper than any
// input type, selections deeper than the depth limit.
import { getNamedType, type GraphQLField, type GraphQLSchema, isObjectType } from 'graphql';

export const PAGE_SIZES = [-1, -2_147_483_648, 0, 1_000_000, 2_147_483_647];

/** The JSON text `[{"a": [{"a": … "x" …}]}]` nested `depth` levels (text: JSON.stringify recurses). */
export function nested(depth: number): string {
  const opens = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? '[' : '{"a": ')).join('');
  const closes = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? ']' : '}'))
    .reverse()
    .join('');
  return `${opens}"x"${closes}`;
}

/** A selection following object fields without required arguments `depth` levels down, or null. */
export function deepSelection(
  _schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  depth: number,
): string | null {
  const path: string[] = [];
  let type = getNamedType(field.type);
  while (path.length < depth && isObjectType(type)) {
    const next = Object.values(type.getFields()).find(
      (f) =>
        isObjectType(getNamedType(f.type)) &&
        f.args.every((a) => a.defaultValue !== undefined || !a.type.toString().endsWith('!')),
    );
    if (!next) break;
    path.push(next.name);
    type = getNamedType(next.type);
  }
  if (path.length < 12) return null; // not deep enough to test the limit
  return `{ ${path.join(' { ')} { __typename }${' }'.repeat(path.length)}`;
}
