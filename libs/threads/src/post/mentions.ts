// The UsersMentioned event of a freshly written post or comment, if it mentions anyone but its author.
import type { Types } from 'mongoose';
import { UsersMentioned } from '../events/thread-events.js';
import type { RenderedPost } from '../markdown/post-renderer.js';

export function mentionsOf(
  rendered: Pick<RenderedPost, 'mentionedUserIds'>,
  where: {
    boardId: Types.ObjectId;
    threadId: Types.ObjectId;
    postId: Types.ObjectId;
    commentId?: Types.ObjectId;
    actorId: string;
    now: Date;
  },
): UsersMentioned | null {
  const userIds = rendered.mentionedUserIds.map((id) => id.toHexString()).filter((id) => id !== where.actorId);
  if (userIds.length === 0) return null;
  return new UsersMentioned(
    where.boardId.toHexString(),
    where.threadId.toHexString(),
    where.actorId,
    where.now,
    where.postId.toHexString(),
    where.commentId?.toHexString() ?? null,
    userIds,
  );
}
