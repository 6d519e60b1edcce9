import { describe, expect, it } from '@jest/globals';
import { ownPostDeletionRefusal } from './own-post-deletion.js';
import { PostKind } from './post.schema.js';

const question = { kind: PostKind.QUESTION, isAccepted: false };
const answer = (score = 0, isAccepted = false) => ({ score, isAccepted });

describe('deleting your own post (SE rules)', () => {
  it('lets an author delete an answer unless it is accepted', () => {
    expect(ownPostDeletionRefusal({ kind: PostKind.ANSWER, isAccepted: false }, [])).toBeNull();
    expect(ownPostDeletionRefusal({ kind: PostKind.ANSWER, isAccepted: true }, [])).toBe('ANSWER_ACCEPTED');
  });

  it('lets an author delete a question with no answers or one answer nobody upvoted', () => {
    expect(ownPostDeletionRefusal(question, [])).toBeNull();
    expect(ownPostDeletionRefusal(question, [answer(0)])).toBeNull();
    expect(ownPostDeletionRefusal(question, [answer(-1)])).toBeNull();
  });

  it('keeps a question whose answers others rely on', () => {
    expect(ownPostDeletionRefusal(question, [answer(0, true)])).toBe('QUESTION_HAS_ACCEPTED_ANSWER');
    expect(ownPostDeletionRefusal(question, [answer(1)])).toBe('QUESTION_HAS_UPVOTED_ANSWER');
    expect(ownPostDeletionRefusal(question, [answer(0), answer(0)])).toBe('QUESTION_HAS_ANSWERS');
  });
});
