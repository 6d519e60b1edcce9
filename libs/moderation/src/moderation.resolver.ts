import {
  Args,
  Context,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Types } from 'mongoose';
import { type Actor, Clock, CurrentActor, InvalidInputError, type LoaderHolder, SignedIn } from '@helpboard/core';
import { toUser, User, UsersService } from '@helpboard/identity';
import { Post, Thread, toPost, toThread } from '@helpboard/threads';
import { type AuditEntry, ModerationAction } from './audit-entry.schema.js';
import { SYSTEM_ACTOR_ID } from './audit-log.js';
import { CloseReason, ModerationService } from './moderation.service.js';
import { moderationReason as reasonOf } from './moderation-reason.js';

registerEnumType(CloseReason, { name: 'CloseReason', description: 'Why a question was closed.' });
registerEnumType(ModerationAction, { name: 'ModerationAction', description: 'What a moderator did.' });

@ObjectType({ description: 'One moderation action, as recorded in the audit log.' })
export class ModerationLogEntry {
  @Field(() => ID) id!: string;
  @Field(() => ModerationAction) action!: ModerationAction;
  @Field({ description: '`thread`, `post`, `comment`, `tag` or `user`.' }) targetType!: string;
  @Field(() => ID) targetId!: string;
  @Field() reason!: string;
  @Field({ description: 'The state before, as JSON.' }) before!: string;
  @Field({ description: 'The state after, as JSON.' }) after!: string;
  @Field() at!: Date;
  actorId!: string;
}

function toLogEntry(row: AuditEntry): ModerationLogEntry {
  return {
    id: row._id.toHexString(),
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId.toHexString(),
    reason: row.reason,
    before: JSON.stringify(row.before),
    after: JSON.stringify(row.after),
    at: row.at,
    actorId: row.actorId.toHexString(),
  };
}

@Resolver(() => ModerationLogEntry)
export class ModerationResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @SignedIn()
  @Mutation(() => Thread, { description: 'Close a question (board moderators); DUPLICATE needs duplicateOfId.' })
  async closeThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason', { type: () => CloseReason }) reason: CloseReason,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @Args('duplicateOfId', { type: () => ID, nullable: true }) duplicateOfId: string | null,
  ): Promise<Thread> {
    const trimmedNote = note?.trim() ? reasonOf(note, 'note') : null;
    return toThread(await this.moderation.closeThread(actor, threadId, reason, trimmedNote, duplicateOfId));
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Reopen a closed question (board moderators).' })
  async reopenThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason') reason: string,
  ) {
    return toThread(await this.moderation.reopenThread(actor, threadId, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Lock a thread against answers, comments, votes and edits (or unlock it).' })
  async lockThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason') reason: string,
    @Args('isLocked', { defaultValue: true }) isLocked: boolean,
  ) {
    return toThread(await this.moderation.lockThread(actor, threadId, isLocked, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Pin a thread to the top of its board (or unpin it).' })
  async pinThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('isPinned', { defaultValue: true }) isPinned: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ) {
    return toThread(
      await this.moderation.pinThread(actor, threadId, isPinned, reason?.trim() || (isPinned ? 'pinned' : 'unpinned')),
    );
  }

  @SignedIn()
  @Mutation(() => Thread, {
    description:
      "Protect a thread (board moderators): only people with the board's `privileges.answerProtected` reputation may answer it. `isProtected: false` lifts it.",
  })
  async protectThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason') reason: string,
    @Args('isProtected', { defaultValue: true }) isProtected: boolean,
  ) {
    return toThread(await this.moderation.protectThread(actor, threadId, isProtected, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Thread, { description: 'Move a thread to another board (moderators of both).' })
  async moveThread(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('toBoardSlug') toBoardSlug: string,
    @Args('reason') reason: string,
  ) {
    return toThread(await this.moderation.moveThread(actor, threadId, toBoardSlug, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Thread, {
    description:
      'Merge a duplicate into its original (moderators of both): its answers, with their comments and votes, move under the original, and the duplicate stays closed, pointing to it. Returns the original.',
  })
  async mergeThreads(
    @CurrentActor() actor: Actor,
    @Args('duplicateId', { type: () => ID }) duplicateId: string,
    @Args('originalId', { type: () => ID }) originalId: string,
    @Args('reason') reason: string,
  ) {
    return toThread(await this.moderation.mergeThreads(actor, duplicateId, originalId, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Post, {
    description: 'Hide a post from everyone but moderators (or restore it). Hiding a question hides its thread.',
  })
  async hidePost(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('reason') reason: string,
    @Args('isHidden', { defaultValue: true }) isHidden: boolean,
  ) {
    return toPost(await this.moderation.hidePost(actor, postId, isHidden, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => Post, {
    description:
      'Delete a post (soft; revisions kept). Authors may delete their own unless it is accepted or a question with answers.',
  })
  async deletePost(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
  ) {
    return toPost(await this.moderation.deletePost(actor, postId, true, reason?.trim() ? reasonOf(reason) : 'deleted'));
  }

  @SignedIn()
  @Mutation(() => Post, { description: 'Bring back a deleted post (board moderators).' })
  async undeletePost(
    @CurrentActor() actor: Actor,
    @Args('postId', { type: () => ID }) postId: string,
    @Args('reason') reason: string,
  ) {
    return toPost(await this.moderation.deletePost(actor, postId, false, reasonOf(reason)));
  }

  @SignedIn()
  @Mutation(() => User, {
    description:
      "Suspend a user until a date, or with `indefinitely: true` until lifted (one of the two is required): everywhere (platform admins; they cannot sign in or write), or with operatorSlug on that operator's boards only (its admins; they cannot write or earn there). `unsuspendUser` lifts it.",
  })
  async suspendUser(
    @CurrentActor() actor: Actor,
    @Args('handle') handle: string,
    @Args('until', { type: () => Date, nullable: true, description: 'When the suspension ends.' }) until: Date | null,
    @Args('indefinitely', {
      defaultValue: false,
      description: 'Suspend until lifted, instead of until a date.',
    })
    indefinitely: boolean,
    @Args('reason') reason: string,
    @Args('operatorSlug', {
      type: () => String,
      nullable: true,
      description: "Only on this operator's boards (its admins may do this); without it, everywhere (platform admins).",
    })
    operatorSlug: string | null,
  ): Promise<User> {
    // Exactly one of the two: a forgotten date must not pass for "until lifted", nor lift anything.
    if (!until === !indefinitely) {
      throw new InvalidInputError([{ field: 'until', message: 'UNTIL_OR_INDEFINITELY' }], 'UNTIL_OR_INDEFINITELY');
    }
    const user = operatorSlug
      ? await this.moderation.suspendOnOperator(actor, handle, operatorSlug, until ?? null, false, reasonOf(reason))
      : await this.moderation.suspendUser(actor, handle, until ?? 'indefinitely', reasonOf(reason));
    return toUser(user, this.clock.now());
  }

  @SignedIn()
  @Mutation(() => User, {
    description: "Lift a suspension: everywhere (platform admins), or on one operator's boards (its admins).",
  })
  async unsuspendUser(
    @CurrentActor() actor: Actor,
    @Args('handle') handle: string,
    @Args('reason') reason: string,
    @Args('operatorSlug', { type: () => String, nullable: true, description: 'The operator whose suspension to lift.' })
    operatorSlug: string | null,
  ): Promise<User> {
    const user = operatorSlug
      ? await this.moderation.suspendOnOperator(actor, handle, operatorSlug, null, true, reasonOf(reason))
      : await this.moderation.liftSuspension(actor, handle, reasonOf(reason));
    return toUser(user, this.clock.now());
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'Warn a user formally on a board (board moderators); the user sees it in `myWarnings`.',
  })
  async warnUser(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('handle') handle: string,
    @Args('reason') reason: string,
  ): Promise<boolean> {
    await this.moderation.warnUser(actor, boardSlug, handle, reasonOf(reason));
    return true;
  }

  @SignedIn()
  @Query(() => [ModerationLogEntry], { description: 'Warnings you received from moderators, newest first.' })
  async myWarnings(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 20 }) first: number) {
    const rows = await this.moderation.warningsOf(actor.userId, Math.min(Math.max(first, 1), 100));
    return rows.map(toLogEntry);
  }

  @SignedIn()
  @Query(() => [ModerationLogEntry], {
    description: "A board's moderation log, newest first (moderators, owners and admins).",
  })
  async moderationLog(
    @CurrentActor() actor: Actor,
    @Args('boardSlug') boardSlug: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('before', { type: () => ID, nullable: true, description: 'Entries older than this entry id.' })
    before: string | null,
  ): Promise<ModerationLogEntry[]> {
    const beforeId = before && Types.ObjectId.isValid(before) ? new Types.ObjectId(before) : undefined;
    const rows = await this.moderation.log(actor, boardSlug, Math.min(Math.max(first, 1), 100), beforeId);
    return rows.map(toLogEntry);
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'Who acted; null when Helpboard acted by itself (a post held back for review).',
  })
  async actor(@Parent() entry: ModerationLogEntry, @Context() context: LoaderHolder): Promise<User | null> {
    if (entry.actorId === SYSTEM_ACTOR_ID) return null;
    return toUser((await this.users.loader(context).load(entry.actorId))!, this.clock.now());
  }
}
