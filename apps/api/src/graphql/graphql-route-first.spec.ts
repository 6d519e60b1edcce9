import { describe, expect, it } from '@jest/globals';
import { mountFirst } from './graphql-route-first.js';

/** A router layer mounted on `prefix` ('' applies to every path). */
const layer = (name: string, prefix: string) => ({
  name,
  match: (path: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}/`),
});

describe('mountFirst', () => {
  it('moves the handler of a path to just after the middleware every request passes', () => {
    const stack = [
      layer('logging', ''),
      layer('json', ''),
      layer('login page', '/login'),
      layer('assets', '/assets'),
      layer('graphql', '/graphql'),
      layer('not found', ''),
    ];
    expect(mountFirst(stack, '/graphql')).toBe(1);
    expect(stack.map((l) => l.name)).toEqual(['logging', 'json', 'graphql', 'login page', 'assets', 'not found']);
  });

  it('leaves the order alone when middleware for every path stands between the routes and the handler', () => {
    const stack = [
      layer('logging', ''),
      layer('login page', '/login'),
      layer('late middleware', ''),
      layer('graphql', '/graphql'),
    ];
    expect(mountFirst(stack, '/graphql')).toBe(0);
    expect(stack.map((l) => l.name)).toEqual(['logging', 'login page', 'late middleware', 'graphql']);
  });
});
