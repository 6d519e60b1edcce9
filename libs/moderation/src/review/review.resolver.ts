import {
  Args,
  Context,
  Field,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  Clock,
  CurrentActor,
  InvalidInputError,
  type LoaderHolder,
  pageSize,
  SignedIn,
} from '@helpboard/core';
import { toUser, User, UsersService } from '@helpboard/identity';
import { Post, PostStatsService, toPost } from '@helpboard/threads';
import { Flag, toFlag } from '../flag.resolver.js';
import { FlagService } from '../flag.service.js';
import { ReviewItemRecord, ReviewOutcome, ReviewQueueKind } from './review-item.schema.js';
import { ReviewService } from './review.service.js';

/** Stands in for "nobody" so that claimers load in one batch with positions kept. */
const NO_USER = new Types.ObjectId('000000000000000000000000');

registerEnumType(ReviewQueueKind, {
  name: 'ReviewQueueKind',
  description:
    'FLAGGED: posts with open flags; FIRST_POSTS: new users’ first posts; LINKS: links by low-reputation users; REPEATED_CONTENT: the same text in several threads.',
});
registerEnumType(ReviewOutcome, { name: 'ReviewOutcome', description: 'A reviewer’s decision on a queued post.' });

@ObjectType({ description: 'A post waiting in a review queue.' })
export class ReviewItem {
  @Field(() => ID) id!: string;
  @Field(() => ReviewQueueKind) kind!: ReviewQueueKind;
  @Field({ description: 'Why it is in the queue.' }) note!: string;
  @Field(() => Post) post!: Post;
  @Field({ description: 'Hidden from readers until a reviewer approves it.' }) isHeldBack!: boolean;
  @Field(() => User, { nullable: true, description: 'The reviewer working on it (claims lapse after 30 minutes).' })
  claimedBy!: User | null;
  @Field(() => Date, { nullable: true }) claimedAt!: Date | null;
  @Field(() => ReviewOutcome, { nullable: true }) outcome!: ReviewOutcome | null;
  @Field(() => [Flag], { description: 'Open flags (FLAGGED queue).' }) flags!: Flag[];
  @Field(() => Float, { description: 'Their total weight (FLAGGED queue).' }) totalWeight!: number;
}

@Resolver()
export class ReviewResolver {
  constructor(
    private readonly review: ReviewService,
    private readonly flags: FlagService,
    private readonly posts: PostStatsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Query(() => [ReviewItem], {
    description:
      "A board's review queue (its moderators, or users with the review privilege): flagged posts heaviest first, the others oldest first.",
  })
  async reviewQueue(
    @CurrentActor() actor: Actor,
    @Context() context: LoaderHolder,
    @Args('boardSlug') boardSlug: string,
    @Args('kind', { type: () => ReviewQueueKind, defaultValue: ReviewQueueKind.FLAGGED }) kind: ReviewQueueKind,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
  ): Promise<ReviewItem[]> {
    const size = pageSize(first);
    if (kind !== ReviewQueueKind.FLAGGED) {
      return this.present(context, await this.review.queue(actor, boardSlug, kind, size), new Map());
    }
    const flagged = await this.flags.flaggedQueue(actor, boardSlug, size);
    const items = await this.review.openItemsFor(
      flagged.map((entry) => entry.postId),
      ReviewQueueKind.FLAGGED,
    );
    const byPost = new Map(items.map((item) => [item.postId.toHexString(), item]));
    const ordered = flagged.flatMap((entry) => byPost.get(entry.postId.toHexString()) ?? []);
    return this.present(context, ordered, new Map(flagged.map((entry) => [entry.postId.toHexString(), entry])));
  }

  @SignedIn()
  @Mutation(() => ReviewItem, { description: 'Claim a queued post so other reviewers leave it to you for 30 minutes.' })
  async claimReviewItem(
    @CurrentActor() actor: Actor,
    @Context() context: LoaderHolder,
    @Args('itemId', { type: () => ID }) itemId: string,
  ): Promise<ReviewItem> {
    return (await this.present(context, [await this.review.claim(actor, itemId)], new Map()))[0];
  }

  @SignedIn()
  @Mutation(() => ReviewItem, {
    description:
      'Decide on a post you claimed: APPROVED publishes a held-back post, HIDDEN hides it, DELETED (moderators) deletes it. Flagged posts are decided with resolveFlag.',
  })
  async resolveReviewItem(
    @CurrentActor() actor: Actor,
    @Context() context: LoaderHolder,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('outcome', { type: () => ReviewOutcome }) outcome: ReviewOutcome,
    @Args('reason', { type: () => String, defaultValue: 'review' }) reason: string,
  ): Promise<ReviewItem> {
    if (reason.length > 500)
      throw new InvalidInputError([{ field: 'reason', message: 'TOO_LONG', params: { max: 500 } }]);
    const resolved = await this.review.resolve(actor, itemId, outcome, reason.trim() || 'review');
    return (await this.present(context, [resolved], new Map()))[0];
  }

  /** Posts and claimers of many items in two queries. */
  private async present(
    context: LoaderHolder,
    items: ReviewItemRecord[],
    flagged: Map<string, { flags: Parameters<typeof toFlag>[0][]; totalWeight: number }>,
  ): Promise<ReviewItem[]> {
    const posts = new Map(
      (await this.posts.postsByIds(items.map((item) => item.postId))).map((post) => [post._id.toHexString(), post]),
    );
    const claimers = await this.users
      .loader(context)
      .loadMany(items.map((item) => (item.claimedBy ?? NO_USER).toHexString()));
    const now = this.clock.now();
    return items.flatMap((item, index) => {
      const post = posts.get(item.postId.toHexString());
      if (!post) return [];
      const claimer = claimers[index];
      const flags = flagged.get(item.postId.toHexString());
      return [
        {
          id: item._id.toHexString(),
          kind: item.kind,
          note: item.note,
          post: toPost(post),
          isHeldBack: item.isHeldBack,
          claimedBy: item.claimedBy && claimer && !(claimer instanceof Error) ? toUser(claimer, now) : null,
          claimedAt: item.claimedAt,
          outcome: item.outcome,
          flags: flags?.flags.map(toFlag) ?? [],
          totalWeight: flags?.totalWeight ?? 0,
        },
      ];
    });
  }
}
