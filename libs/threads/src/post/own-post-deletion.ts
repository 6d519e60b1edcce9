// When an author may delete their own post (moderators delete any). SE: "You cannot delete an
// answer that has been accepted"; a question cannot be deleted by its author once an answer is
// accepted or upvoted, or when it has more than one answer — other people's work relies on it.
import { PostKind, type PostRecord } from './post.schema.js';

type AnswerFacts = Pick<PostRecord, 'isAccepted' | 'score'>;

/** Why the author may not delete the post, or null when they may. `answers`: the thread's visible answers. */
export function ownPostDeletionRefusal(
  post: Pick<PostRecord, 'kind' | 'isAccepted'>,
  answers: readonly AnswerFacts[],
): string | null {
  if (post.kind === PostKind.ANSWER) return post.isAccepted ? 'ANSWER_ACCEPTED' : null;
  if (answers.some((answer) => answer.isAccepted)) return 'QUESTION_HAS_ACCEPTED_ANSWER';
  if (answers.some((answer) => answer.score > 0)) return 'QUESTION_HAS_UPVOTED_ANSWER';
  if (answers.length > 1) return 'QUESTION_HAS_ANSWERS';
  return null;
}
