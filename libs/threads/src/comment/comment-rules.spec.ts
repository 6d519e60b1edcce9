import { describe, expect, it } from '@jest/globals';
import { Types } from 'mongoose';
import { COMMENT_EDIT_WINDOW_MS, commentEditRefusal, mayDeleteComment } from './comment-rules.js';

const author = new Types.ObjectId();
const createdAt = new Date('2026-12-01T10:00:00Z');
const comment = { authorId: author, createdAt };
const after = (ms: number) => new Date(createdAt.getTime() + ms);

describe('comment rules', () => {
  it('lets the author edit for five minutes, then no more', () => {
    expect(commentEditRefusal(comment, author.toHexString(), after(COMMENT_EDIT_WINDOW_MS))).toBeNull();
    expect(commentEditRefusal(comment, author.toHexString(), after(COMMENT_EDIT_WINDOW_MS + 1))).toBe(
      'COMMENT_EDIT_WINDOW_PASSED',
    );
  });

  it('never lets anyone else edit a comment', () => {
    expect(commentEditRefusal(comment, new Types.ObjectId().toHexString(), after(1))).toBe('NOT_YOUR_COMMENT');
  });

  it('lets the author or a moderator delete', () => {
    expect(mayDeleteComment(comment, author.toHexString(), false)).toBe(true);
    expect(mayDeleteComment(comment, new Types.ObjectId().toHexString(), true)).toBe(true);
    expect(mayDeleteComment(comment, new Types.ObjectId().toHexString(), false)).toBe(false);
  });
});
