// Imported votes, for importers: what reputation needs to know about the posts a batch of votes,
// accepts and bounties refers to (looked up once per batch, bodies left out), and the anonymous
// votes themselves, inserted only when missing, with their posts' tallies moved by what was added.
import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { TransactionContext } from '@helpboard/database';
import { PostRepository } from '../post/post.repository.js';
import { PostKind } from '../post/post.schema.js';
import { ThreadRepository } from '../thread/thread.repository.js';
import { VoteRepository } from '../vote/vote.repository.js';
import type { ImportedPostRef, ImportedVote, ImportOutcome } from './imported-content.js';

const hex = (id: Types.ObjectId) => id.toHexString();

@Injectable()
export class ImportedVotesService {
  constructor(
    private readonly threads: ThreadRepository,
    private readonly posts: PostRepository,
    private readonly votes: VoteRepository,
  ) {}

  /** The posts (of this board) that imported votes, accepts or bounties refer to, by hex id. */
  async postRefs(
    boardId: Types.ObjectId,
    ids: Types.ObjectId[],
    tx: TransactionContext,
  ): Promise<Map<string, ImportedPostRef>> {
    const unique = [...new Set(ids.map(hex))].map((id) => new Types.ObjectId(id));
    const posts = (
      await this.posts.fieldsOfMany(unique, ['kind', 'authorId', 'threadId', 'boardId', 'origin'], tx.session)
    ).filter((p) => p.boardId.equals(boardId));
    const askers = new Map(
      (
        await this.threads.fieldsOfMany(
          [...new Set(posts.map((p) => hex(p.threadId)))].map((id) => new Types.ObjectId(id)),
          ['authorId'],
          tx.session,
        )
      ).map((t) => [hex(t._id), t.authorId]),
    );
    const refs = new Map<string, ImportedPostRef>();
    for (const post of posts) {
      const askerId = askers.get(hex(post.threadId));
      if (!askerId) continue;
      refs.set(hex(post._id), {
        id: post._id,
        kind: post.kind,
        authorId: post.authorId,
        threadId: post.threadId,
        askerId,
        isCommunityWiki: post.origin?.isCommunityWiki === true,
      });
    }
    return refs;
  }

  /**
   * Anonymous votes (each is its own voter, so no one's privileges or serial-vote checks see
   * them) on posts of `refs` (from postRefs); votes on other posts are dangling.
   */
  async addVotes(
    boardId: Types.ObjectId,
    votes: ImportedVote[],
    refs: Map<string, ImportedPostRef>,
    tx: TransactionContext,
  ): Promise<ImportOutcome> {
    const dangling = votes.filter((v) => !refs.has(hex(v.postId))).map((v) => v.id);
    const existing = await this.votes.existingIds(
      votes.map((v) => v.id),
      tx.session,
    );
    const fresh = votes.filter((v) => refs.has(hex(v.postId)) && !existing.has(hex(v.id)));
    await this.votes.insertMany(
      fresh.map((v) => ({
        _id: v.id,
        postId: v.postId,
        boardId,
        voterId: v.id,
        authorId: refs.get(hex(v.postId))!.authorId,
        value: v.value,
        castAt: v.castAt,
        origin: v.origin,
      })),
      tx.session,
    );
    const tallies = new Map<string, { up: number; down: number }>();
    for (const vote of fresh) {
      const tally = tallies.get(hex(vote.postId)) ?? { up: 0, down: 0 };
      if (vote.value === 1) tally.up += 1;
      else tally.down += 1;
      tallies.set(hex(vote.postId), tally);
    }
    const changes = [...tallies].map(([id, t]) => ({
      id: new Types.ObjectId(id),
      inc: { score: t.up - t.down, upvotes: t.up, downvotes: t.down },
    }));
    await this.posts.incrementMany(changes, tx.session);
    // A question's score is denormalised onto its thread for sorting lists.
    await this.threads.incrementMany(
      changes
        .filter((c) => refs.get(hex(c.id))!.kind === PostKind.QUESTION)
        .map((c) => ({ id: c.id, inc: { score: c.inc.score } })),
      tx.session,
    );
    return { added: fresh.length, dangling };
  }
}
