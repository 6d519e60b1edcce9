import { describe, expect, it } from '@jest/globals';
import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { depthLimitRule } from './depth-limit.rule.js';

const schema = buildSchema(`
  type Node { name: String child: Node }
  type Query { node: Node }
`);

function nested(levels: number): string {
  let selection = 'name';
  for (let i = 1; i < levels; i++) selection = `child { ${selection} }`;
  return `{ node { ${selection} } }`;
}

function errorsFor(query: string, max = 5) {
  return validate(schema, parse(query), [depthLimitRule(max)]);
}

describe('depthLimitRule', () => {
  it('accepts a query at the limit', () => {
    expect(errorsFor(nested(4))).toEqual([]);
  });

  it('rejects a query one level deeper than the limit, saying how deep it was', () => {
    const [error] = errorsFor(nested(5));
    expect(error.extensions).toMatchObject({ reason: 'QUERY_TOO_DEEP', depth: 6, maxDepth: 5 });
  });

  it('follows fragments when measuring depth', () => {
    const query = `
      query { node { ...deep } }
      fragment deep on Node { child { child { child { child { child { name } } } } } }`;
    expect(errorsFor(query)).toHaveLength(1);
  });

  it('survives a fragment cycle (reported by GraphQL itself) without looping', () => {
    const query = `query { node { ...a } } fragment a on Node { child { ...a } }`;
    expect(() => errorsFor(query)).not.toThrow();
  });

  it('lets the standard introspection query through, so GraphiQL and codegen work', () => {
    expect(errorsFor(getIntrospectionQuery(), 10)).toEqual([]);
  });

  it('still bounds introspection queries', () => {
    let typeRef = 'name';
    for (let i = 0; i < 20; i++) typeRef = `ofType { ${typeRef} }`;
    expect(errorsFor(`{ __type(name: "Node") { fields { type { ${typeRef} } } } }`, 10)).toHaveLength(1);
  });
});
