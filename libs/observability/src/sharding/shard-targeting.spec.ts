import { describe, expect, it } from '@jest/globals';
import { ObjectId } from 'mongodb';
import { pins, type ShardKey, untargetedStatements } from './shard-targeting.js';

const keys = new Map<string, ShardKey>([
  ['threads', { boardId: 1, _id: 1 }],
  ['comments', { postId: 'hashed' }],
]);

describe('shard targeting', () => {
  it('counts equality, $eq and $in on the key, also inside $and, as routed', () => {
    const id = new ObjectId();
    expect(pins({ boardId: id }, 'boardId')).toBe(true);
    expect(pins({ boardId: { $in: [id] } }, 'boardId')).toBe(true);
    expect(pins({ $and: [{ hiddenAt: null }, { boardId: { $eq: id } }] }, 'boardId')).toBe(true);
    expect(pins({ boardId: { $gt: id } }, 'boardId')).toBe(false);
    expect(pins({ hiddenAt: null }, 'boardId')).toBe(false);
  });

  it('names the statements of a command that lack the key, and ignores unsharded collections', () => {
    expect(untargetedStatements('find', { find: 'comments', filter: { authorId: 1 } }, keys)).toEqual([
      'find comments {"authorId":1} lacks postId',
    ]);
    expect(
      untargetedStatements(
        'update',
        { update: 'threads', updates: [{ q: { boardId: 1 } }, { q: { tag: 'x' } }] },
        keys,
      ),
    ).toHaveLength(1);
    expect(untargetedStatements('find', { find: 'operators', filter: {} }, keys)).toEqual([]);
    // A thread link carries only the thread's id: that one lookup may broadcast.
    expect(untargetedStatements('find', { find: 'threads', filter: { _id: new ObjectId() } }, keys)).toEqual([]);
  });
});
