import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { registerMessages } from '@helpboard/core';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import { ThreadsModule } from '@helpboard/threads';
import { ReputationModule } from '@helpboard/reputation';
import { FlagResolver } from './flag.resolver.js';
import { FlaggerStats, FlaggerStatsSchema, FlagRecord, FlagSchema } from './flag.schema.js';
import { FlagService } from './flag.service.js';
import { AuditEntry, AuditEntrySchema } from './audit-entry.schema.js';
import { AuditLog } from './audit-log.js';
import { StaffEditsAuditor } from './staff-edits.auditor.js';
import { ModerationResolver } from './moderation.resolver.js';
import { ModerationService } from './moderation.service.js';
import {
  ContentFingerprint,
  ContentFingerprintSchema,
  ReviewItemRecord,
  ReviewItemSchema,
} from './review/review-item.schema.js';
import { ReviewIntake } from './review/review-intake.js';
import { CloseVoteRecord, CloseVoteSchema } from './community/close-vote.schema.js';
import { CloseVotesResolver } from './community/close-votes.resolver.js';
import { CloseVotesService } from './community/close-votes.service.js';
import { ReviewResolver } from './review/review.resolver.js';
import { ReviewService } from './review/review.service.js';

registerMessages({
  en: {
    THREAD_ALREADY_CLOSED: 'This question is already closed.',
    THREAD_NOT_CLOSED: 'This question is not closed.',
    FLAG_OWN_POST: 'You cannot flag your own post.',
    FLAG_EXISTS: 'You have already flagged this post.',
    FLAG_DECLINED: 'A moderator declined your flag on this post; it cannot be raised again.',
    FLAG_ALLOWANCE_USED: 'You have used your flags for today. Try again in {seconds} seconds.',
    FLAG_NOT_FOUND: 'Flag not found.',
    FLAG_RESOLVED: 'This flag has already been resolved.',
    NEW_USER_RATE_LIMITED:
      'New members may post only a few of these an hour. Try again in {seconds, plural, one {# second} other {# seconds}}.',
    REVIEW_ITEM_NOT_FOUND: 'Review item not found.',
    REVIEW_ITEM_RESOLVED: 'This review item has already been decided.',
    REVIEW_ITEM_CLAIMED: 'Another reviewer is working on this item.',
    REVIEW_ITEM_NOT_CLAIMED: 'Claim this item before deciding on it.',
    RESOLVE_FLAGS_INSTEAD: 'Decide on flagged posts by resolving their flags.',
    ALREADY_VOTED: 'You have already voted on this.',
    UNTIL_OR_INDEFINITELY: 'Give an end date, or suspend indefinitely (until lifted); not both.',
  },
  'zh-CN': {
    THREAD_ALREADY_CLOSED: '该问题已经关闭。',
    THREAD_NOT_CLOSED: '该问题没有关闭。',
    FLAG_OWN_POST: '不能举报自己的帖子。',
    FLAG_EXISTS: '你已经举报过该帖子。',
    FLAG_DECLINED: '版主已驳回你对该帖子的举报，不能再次举报。',
    FLAG_ALLOWANCE_USED: '你今天的举报次数已用完，请在 {seconds} 秒后重试。',
    FLAG_NOT_FOUND: '未找到该举报。',
    FLAG_RESOLVED: '该举报已处理。',
    NEW_USER_RATE_LIMITED: '新成员每小时只能发布少量此类内容，请在 {seconds} 秒后重试。',
    REVIEW_ITEM_NOT_FOUND: '未找到该审核项。',
    REVIEW_ITEM_RESOLVED: '该审核项已处理。',
    REVIEW_ITEM_CLAIMED: '另一位审核者正在处理此项。',
    REVIEW_ITEM_NOT_CLAIMED: '请先认领此项再做决定。',
    RESOLVE_FLAGS_INSTEAD: '被举报的帖子请通过处理举报来决定。',
    ALREADY_VOTED: '你已经投过票了。',
    UNTIL_OR_INDEFINITELY: '请给出结束日期，或选择无限期停用（直到解除），二者只能选一。',
  },
});

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    ReputationModule,
    MongooseModule.forFeature([
      { name: AuditEntry.name, schema: AuditEntrySchema },
      { name: FlagRecord.name, schema: FlagSchema },
      { name: FlaggerStats.name, schema: FlaggerStatsSchema },
      { name: ReviewItemRecord.name, schema: ReviewItemSchema },
      { name: ContentFingerprint.name, schema: ContentFingerprintSchema },
      { name: CloseVoteRecord.name, schema: CloseVoteSchema },
    ]),
  ],
  providers: [
    AuditLog,
    StaffEditsAuditor,
    ModerationService,
    ModerationResolver,
    FlagService,
    FlagResolver,
    ReviewService,
    ReviewIntake,
    ReviewResolver,
    CloseVotesService,
    CloseVotesResolver,
  ],
  // The server-rendered site (apps/web) flags posts from thread pages and has the moderators' pages.
  exports: [FlagService, ModerationService, ReviewService],
})
export class ModerationModule {}
