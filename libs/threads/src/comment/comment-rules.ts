// Who may change or remove a comment, and when. Pure, so tests read it as a table.
import type { CommentRecord } from './comment.schema.js';

/** SE: a comment can be edited by its author for 5 minutes after it is posted. */
export const COMMENT_EDIT_WINDOW_MS = 5 * 60_000;

type CommentFacts = Pick<CommentRecord, 'authorId' | 'createdAt'>;

/** Why this user may not edit the comment now, or null when they may. */
export function commentEditRefusal(comment: CommentFacts, userId: string, now: Date): string | null {
  if (!comment.authorId.equals(userId)) return 'NOT_YOUR_COMMENT';
  if (now.getTime() - comment.createdAt.getTime() > COMMENT_EDIT_WINDOW_MS) return 'COMMENT_EDIT_WINDOW_PASSED';
  return null;
}

/** Authors delete their own comments at any time; the board's moderators delete any. */
export function mayDeleteComment(comment: CommentFacts, userId: string, isModerator: boolean): boolean {
  return isModerator || comment.authorId.equals(userId);
}
