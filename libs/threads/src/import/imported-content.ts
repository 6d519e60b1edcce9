// What an importer hands the threads lib: rows already mapped to Helpboard ids (chosen by the
// importer from the source, so a re-import names the same records).
import type { Types } from 'mongoose';
import type { PostOrigin } from '../post/post.schema.js';
import type { ImportOrigin } from '@helpboard/core';
import type { PostKind } from '../post/post.schema.js';

export interface ImportedQuestion {
  id: Types.ObjectId;
  authorId: Types.ObjectId;
  title: string;
  /** HTML as the source stored it; sanitised on the way in. */
  bodyHtml: string;
  tags: string[];
  viewCount: number;
  closedAt: Date | null;
  acceptedAnswerId: Types.ObjectId | null;
  createdAt: Date;
  lastActivityAt: Date;
  origin: PostOrigin;
}

export interface ImportedAnswer {
  id: Types.ObjectId;
  questionId: Types.ObjectId;
  authorId: Types.ObjectId;
  bodyHtml: string;
  createdAt: Date;
  lastActivityAt: Date;
  origin: PostOrigin;
}

export interface ImportedComment {
  id: Types.ObjectId;
  postId: Types.ObjectId;
  authorId: Types.ObjectId;
  /** Plain text with inline Markdown, like comments written here. */
  text: string;
  createdAt: Date;
  origin: ImportOrigin;
}

/** An up or down vote whose voter the source does not publish: stored with a voter of its own. */
export interface ImportedVote {
  id: Types.ObjectId;
  postId: Types.ObjectId;
  value: 1 | -1;
  castAt: Date;
  origin: ImportOrigin;
}

export interface ImportedDuplicate {
  /** The link's own id: a question may have several links, each reported on its own. */
  id: Types.ObjectId;
  questionId: Types.ObjectId;
  duplicateOfId: Types.ObjectId;
}

/** What reputation needs to know about a post an imported vote, accept or bounty is on. */
export interface ImportedPostRef {
  id: Types.ObjectId;
  kind: PostKind;
  authorId: Types.ObjectId;
  threadId: Types.ObjectId;
  askerId: Types.ObjectId;
  isCommunityWiki: boolean;
}

/** Of a batch: how many records were new, and which rows referred to something that does not exist. */
export interface ImportOutcome {
  added: number;
  /** Ids (of the rows given) whose parent post or thread is missing; nothing of them was written. */
  dangling: Types.ObjectId[];
}
