// A board's tags count their questions. Every question asked or retagged with a popular tag writes
// that tag's row, so inside the question's transaction concurrent askers would conflict there; the
// question's transaction writes an after-commit job instead, applied once after commit (see
// libs/database/src/after-commit/after-commit-jobs.ts). Counts may lag a commit by a moment.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Types } from 'mongoose';
import { AfterCommitJobs, type TransactionContext } from '@helpboard/database';
import { TagRepository } from './tag.repository.js';

export const TAG_COUNTS_TOPIC = 'threads.tag-counts';

interface TagChange {
  boardId: string;
  added: string[];
  removed: string[];
}

@Injectable()
export class TagCounts implements OnModuleInit {
  constructor(
    private readonly jobs: AfterCommitJobs,
    private readonly tags: TagRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.define<TagChange>(TAG_COUNTS_TOPIC, (change, tx) =>
      this.tags.adjust(new Types.ObjectId(change.boardId), change.added, change.removed, tx.session),
    );
  }

  /** Called in the question's transaction: +1 for each added tag, -1 for each removed one, after commit. */
  adjustAfterCommit(tx: TransactionContext, boardId: Types.ObjectId, added: string[], removed: string[]): void {
    if (added.length === 0 && removed.length === 0) return;
    this.jobs.enqueue<TagChange>(tx, TAG_COUNTS_TOPIC, { boardId: boardId.toHexString(), added, removed });
  }
}
