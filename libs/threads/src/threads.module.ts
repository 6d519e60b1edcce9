import { FilesModule } from '@helpboard/files';
import { PostImageService } from './post/post-image.service.js';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BoardsModule } from '@helpboard/boards';
import { IdentityModule } from '@helpboard/identity';
import './threads.messages.js';
import { ActivityPublisher } from './activity/activity-publisher.js';
import { CommentRepository } from './comment/comment.repository.js';
import { CommentRecord, CommentSchema } from './comment/comment.schema.js';
import { CommentService } from './comment/comment.service.js';
import { PostRenderer } from './markdown/post-renderer.js';
import { AnswerService } from './post/answer.service.js';
import { CommentFieldsResolver, PostFieldsResolver, RevisionFieldsResolver } from './post/post-fields.resolver.js';
import { PostRepository } from './post/post.repository.js';
import { PostBodyHooks } from './post/post-body-hooks.js';
import { PostStatsService } from './post/post-stats.service.js';
import { PostRecord, PostSchema } from './post/post.schema.js';
import { EditPostService } from './revision/edit-post.service.js';
import { OthersPostEditing } from './revision/others-post-editing.js';
import { ProtectedThreadAnswering } from './post/protected-thread-answering.js';
import { RevisionRepository } from './revision/revision.repository.js';
import { RevisionRecord, RevisionSchema } from './revision/revision.schema.js';
import { BoardTagFieldsResolver, BoardTagsResolver } from './tag/board-tags.resolver.js';
import { TagService } from './tag/tag.service.js';
import { ProfilePostsService } from './post/profile-posts.service.js';
import { UserPostsResolver } from './post/user-posts.resolver.js';
import { UnverifiedAccounts } from './thread/unverified-accounts.js';
import { TagRepository } from './tag/tag.repository.js';
import { TagCounts } from './tag/tag-counts.js';
import { TagRecord, TagSchema } from './tag/tag.schema.js';
import { AskQuestionService } from './thread/ask-question.service.js';
import { AuthorCards } from './thread/author-cards.js';
import { ThreadContextLoader } from './thread/thread-context.js';
import { ThreadFieldsResolver } from './thread/thread-fields.resolver.js';
import { ThreadQueryService } from './thread/thread-query.service.js';
import { SearchableThreadReader } from './thread/searchable-thread.reader.js';
import { ThreadStateService } from './thread/thread-state.service.js';
import { ThreadRepository } from './thread/thread.repository.js';
import { ThreadResolver } from './thread/thread.resolver.js';
import { ThreadRecord, ThreadSchema } from './thread/thread.schema.js';
import { ViewCounter } from './views/view-counter.js';
import { ThreadPageCache } from './thread/thread-page-cache.js';
import { ThreadSnapshots } from './thread/thread-snapshot.js';
import { ThreadPageReader } from './thread/thread-page.reader.js';
import { ThreadMergeService } from './thread/thread-merge.service.js';
import { ImportedContentService } from './import/imported-content.service.js';
import { ImportedVotesService } from './import/imported-votes.service.js';
import { VoteRepository } from './vote/vote.repository.js';
import { VoteRecord, VoteSchema } from './vote/vote.schema.js';
import { VoteService } from './vote/vote.service.js';

@Module({
  imports: [
    IdentityModule,
    FilesModule,
    BoardsModule,
    MongooseModule.forFeature([
      { name: ThreadRecord.name, schema: ThreadSchema },
      { name: PostRecord.name, schema: PostSchema },
      { name: CommentRecord.name, schema: CommentSchema },
      { name: VoteRecord.name, schema: VoteSchema },
      { name: RevisionRecord.name, schema: RevisionSchema },
      { name: TagRecord.name, schema: TagSchema },
    ]),
  ],
  providers: [
    ThreadRepository,
    PostRepository,
    CommentRepository,
    VoteRepository,
    RevisionRepository,
    TagRepository,
    TagCounts,
    PostRenderer,
    PostBodyHooks,
    ThreadContextLoader,
    UnverifiedAccounts,
    AskQuestionService,
    PostImageService,
    AnswerService,
    CommentService,
    EditPostService,
    OthersPostEditing,
    ProtectedThreadAnswering,
    VoteService,
    ThreadQueryService,
    ViewCounter,
    ThreadPageCache,
    ThreadSnapshots,
    ThreadPageReader,
    SearchableThreadReader,
    ThreadStateService,
    ThreadMergeService,
    PostStatsService,
    ImportedContentService,
    ImportedVotesService,
    AuthorCards,
    ActivityPublisher,
    ThreadResolver,
    ThreadFieldsResolver,
    PostFieldsResolver,
    CommentFieldsResolver,
    RevisionFieldsResolver,
    BoardTagsResolver,
    BoardTagFieldsResolver,
    TagService,
    ProfilePostsService,
    UserPostsResolver,
  ],
  exports: [
    // The server-rendered site (apps/web) calls these directly.
    ThreadPageReader,
    ViewCounter,
    AskQuestionService,
    PostImageService,
    CommentService,
    EditPostService,
    PostBodyHooks,
    ThreadQueryService,
    AnswerService,
    VoteService,
    ThreadContextLoader,
    SearchableThreadReader,
    ThreadStateService,
    ThreadMergeService,
    PostStatsService,
    OthersPostEditing,
    ProtectedThreadAnswering,
    ImportedContentService,
    ImportedVotesService,
    TagService,
    ProfilePostsService,
  ],
})
export class ThreadsModule {}
