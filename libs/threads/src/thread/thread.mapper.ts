import { CommentRecord } from '../comment/comment.schema.js';
import { PostRecord } from '../post/post.schema.js';
import { RevisionRecord } from '../revision/revision.schema.js';
import { Comment, Post, Revision, Thread } from './thread.model.js';
import { ThreadRecord } from './thread.schema.js';

export function toThread(record: ThreadRecord, pendingViews = 0): Thread {
  return {
    id: record._id.toHexString(),
    title: record.title,
    tags: record.tags,
    status: record.status,
    closeReason: record.closeReason,
    duplicateOfId: record.duplicateOfId?.toHexString() ?? null,
    isLocked: record.isLocked,
    isPinned: record.isPinned,
    isProtected: record.isProtected ?? false,
    score: record.score,
    answerCount: record.answerCount,
    viewCount: record.viewCount + pendingViews,
    acceptedAnswerId: record.acceptedAnswerId?.toHexString() ?? null,
    officialAnswerId: record.officialAnswerId?.toHexString() ?? null,
    createdAt: record.createdAt,
    lastActivityAt: record.lastActivityAt,
    boardId: record.boardId.toHexString(),
    authorId: record.authorId.toHexString(),
  };
}

export function toPost(record: PostRecord): Post {
  return {
    id: record._id.toHexString(),
    kind: record.kind,
    threadId: record.threadId.toHexString(),
    body: record.body,
    bodyHtml: record.bodyHtml,
    score: record.score,
    upvotes: record.upvotes,
    downvotes: record.downvotes,
    commentCount: record.commentCount,
    isAccepted: record.isAccepted,
    isOfficial: record.isOfficial,
    isHidden: record.hiddenAt !== null,
    revision: record.revision,
    editedAt: record.editedAt,
    createdAt: record.createdAt,
    authorId: record.authorId.toHexString(),
    boardId: record.boardId.toHexString(),
  };
}

export function toComment(record: CommentRecord): Comment {
  return {
    id: record._id.toHexString(),
    body: record.body,
    bodyHtml: record.bodyHtml,
    createdAt: record.createdAt,
    editedAt: record.editedAt ?? null,
    authorId: record.authorId.toHexString(),
    boardId: record.boardId.toHexString(),
  };
}

export function toRevision(record: RevisionRecord): Revision {
  return {
    revision: record.revision,
    body: record.body,
    title: record.title,
    tags: record.tags,
    summary: record.summary,
    createdAt: record.createdAt,
    editorId: record.editorId.toHexString(),
  };
}
