import type { Types } from 'mongoose';
import type { RenderedPost } from '../markdown/post-renderer.js';
import { PostKind, type PostRecord } from './post.schema.js';

/** A freshly written question or answer: no votes, comments, marks or edits yet. */
export function newPost(fields: {
  id: Types.ObjectId;
  kind: PostKind;
  threadId: Types.ObjectId;
  boardId: Types.ObjectId;
  authorId: Types.ObjectId;
  body: string;
  rendered: RenderedPost;
  now: Date;
}): PostRecord {
  return {
    _id: fields.id,
    kind: fields.kind,
    threadId: fields.threadId,
    boardId: fields.boardId,
    authorId: fields.authorId,
    body: fields.body,
    ...fields.rendered,
    score: 0,
    upvotes: 0,
    downvotes: 0,
    commentCount: 0,
    isAccepted: false,
    isOfficial: false,
    revision: 1,
    editedAt: null,
    hiddenAt: null,
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}

export { PostKind };
