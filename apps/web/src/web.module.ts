// The server-rendered site (apps/web): pages built on the server by calling the domain
// services directly, served by the API process under `npm start` (AppModule imports this
// module) or on its own (apps/web/src/main.ts). See apps/web/README.md.
import { TagsController } from './pages/tags/tags.controller.js';
import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import { IdentityModule } from '@helpboard/identity';
import { BoardsModule } from '@helpboard/boards';
import { ThreadsModule } from '@helpboard/threads';
import { ReputationModule } from '@helpboard/reputation';
import { SearchModule } from '@helpboard/search';
import { ModerationModule } from '@helpboard/moderation';
import { ReferralsModule } from '@helpboard/referrals';
import { InsightsModule } from '@helpboard/insights';
import { NotificationsModule } from '@helpboard/notifications';
import './i18n/web.messages.js';
import { AssetsController } from './assets/assets.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AccountLinksController } from './auth/account-links.controller.js';
import { InboxController } from './pages/inbox/inbox.controller.js';
import { SettingsController } from './pages/settings/settings.controller.js';
import { FilesController } from './pages/files/files.controller.js';
import { PostImagesController } from './pages/uploads/post-images.controller.js';
import { BountyShareController } from './pages/thread/bounty-share.controller.js';
import { SecurityMiddleware } from './http/security.middleware.js';
import { SessionCookieMiddleware } from './http/session-cookies.js';
import { WebContextFactory } from './http/web-context.js';
import { ViewerStates } from './http/viewer-state.js';
import { WebExceptionFilter } from './http/web-exception.filter.js';
import { HomeController } from './pages/home.controller.js';
import { SeoController } from './seo/seo.controller.js';
import { PostActionsController } from './pages/thread/post-actions.controller.js';
import { RevisionsController } from './pages/thread/revisions.controller.js';
import { LegacyThreadLinkController, ThreadController } from './pages/thread/thread.controller.js';
import { ThreadPageLoader } from './pages/thread/thread-page.data.js';
import { EscalationsPageController } from './pages/staff/escalations.controller.js';
import { InsightsPageController } from './pages/staff/insights.controller.js';
import { ModerationLogController } from './pages/staff/moderation-log.controller.js';
import { PostTitles } from './pages/staff/post-titles.js';
import { BoardTools } from './pages/staff/board-tools.js';
import { ReferralsPageController } from './pages/staff/referrals.controller.js';
import { ReviewPageController } from './pages/staff/review.controller.js';
import { ThreadModerationController } from './pages/staff/thread-moderation.controller.js';
import { StaffHomeController } from './pages/staff/staff-home.controller.js';
import { AlertsPageController } from './pages/staff/alerts.controller.js';
import { OperatorInsightsController } from './pages/staff/operator-insights.controller.js';
import { OperatorAdminController } from './pages/staff/operator-admin.controller.js';
import { RoleAuditController } from './pages/staff/role-audit.controller.js';
import { AskController } from './pages/ask/ask.controller.js';
import { BoardController } from './pages/board/board.controller.js';
import { OperatorController } from './pages/board/operator.controller.js';
import { FlagQueueController } from './pages/staff/flag-queue.controller.js';
import { PeopleController } from './pages/people/people.controller.js';
import { SearchController } from './pages/search/search.controller.js';

/** Controllers that render pages for people (sessions, CSRF, CSP apply). */
export const PAGE_CONTROLLERS = [
  AuthController,
  AccountLinksController,
  InboxController,
  SettingsController,
  FilesController,
  PostImagesController,
  BountyShareController,
  HomeController,
  ThreadController,
  LegacyThreadLinkController,
  PostActionsController,
  RevisionsController,
  BoardController,
  TagsController,
  OperatorController,
  AskController,
  PeopleController,
  SearchController,
  FlagQueueController,
  // Staff pages: reps, moderators, operators.
  StaffHomeController,
  ReferralsPageController,
  ReviewPageController,
  ModerationLogController,
  ThreadModerationController,
  InsightsPageController,
  AlertsPageController,
  EscalationsPageController,
  OperatorInsightsController,
  OperatorAdminController,
  RoleAuditController,
];

@Module({
  imports: [
    IdentityModule,
    BoardsModule,
    ThreadsModule,
    ReputationModule,
    SearchModule,
    ModerationModule,
    ReferralsModule,
    InsightsModule,
    NotificationsModule,
  ],
  controllers: [AssetsController, SeoController, ...PAGE_CONTROLLERS],
  providers: [
    ThreadPageLoader,
    PostTitles,
    BoardTools,
    WebContextFactory,
    ViewerStates,
    WebExceptionFilter,
    SecurityMiddleware,
    SessionCookieMiddleware,
  ],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(compression()).forRoutes(AssetsController, SeoController, ...PAGE_CONTROLLERS);
    consumer.apply(cookieParser(), SecurityMiddleware, SessionCookieMiddleware).forRoutes(...PAGE_CONTROLLERS);
  }
}
