// Other libs' say on a post body as it is written (the CONVENTIONS "veto handler"): the referrals
// lib rewrites partner links to first-party ones and refuses campaigns a board does not allow.
// Hooks run inside the transaction that stores the post, so a refusal stores nothing and what a
// hook records about the post commits with it. Threads never imports the libs that register here.
import { Injectable } from '@nestjs/common';
import type { TransactionContext } from '@helpboard/database';

export interface PostBodyWrite {
  postId: string;
  threadId: string;
  boardId: string;
  /** The post's author (not the editor): links in it earn for the author. */
  authorId: string;
  kind: 'QUESTION' | 'ANSWER';
  body: string;
  isNew: boolean;
}

/** Returns the body to store (the same string when nothing changes), or throws to refuse it. */
export type PostBodyHook = (write: PostBodyWrite, tx: TransactionContext) => Promise<string>;

@Injectable()
export class PostBodyHooks {
  private readonly hooks: PostBodyHook[] = [];

  register(hook: PostBodyHook): void {
    this.hooks.push(hook);
  }

  /** Runs every hook in registration order, each on the previous one's result. */
  async apply(write: PostBodyWrite, tx: TransactionContext): Promise<string> {
    let body = write.body;
    for (const hook of this.hooks) body = await hook({ ...write, body }, tx);
    return body;
  }
}
