import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Types } from 'mongoose';
import {
  type Actor,
  byIds,
  ConnectionType,
  CurrentActor,
  cursorValuesOf,
  type LoaderHolder,
  pageSize,
  Public,
  requestLoader,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { BoardService } from '@helpboard/boards';
import { Thread } from '@helpboard/threads';
import type { SupportCaseRecord } from './case/support-case.schema.js';
import { SupportCaseState } from './case/support-case.schema.js';
import { SupportCaseService } from './case/support-case.service.js';
import { EscalationQueueService } from './escalation/escalation-queue.service.js';
import { QUEUE_ORDER } from './escalation/escalation.repository.js';
import { EscalationService } from './escalation/escalation.service.js';
import { EscalatedQuestion, EscalationQueueArgs, SupportCase } from './insights.models.js';

export const EscalatedQuestionConnection = ConnectionType(EscalatedQuestion);

const toSupportCase = (record: SupportCaseRecord): SupportCase => ({
  id: record._id.toHexString(),
  threadId: record.threadId.toHexString(),
  state: record.state,
  reason: record.reason,
  openedAt: record.openedAt,
  updatedAt: record.updatedAt,
  solvedAt: record.solvedAt,
});

@Resolver(() => SupportCase)
export class EscalationResolver {
  constructor(
    private readonly queue: EscalationQueueService,
    private readonly escalation: EscalationService,
    private readonly cases: SupportCaseService,
  ) {}

  @SignedIn()
  @Query(() => EscalatedQuestionConnection, {
    description: "A board's escalated questions at one tier, longest waiting first (board staff).",
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async escalationQueue(@CurrentActor() actor: Actor, @Args() args: EscalationQueueArgs) {
    const size = pageSize(args.first);
    const rows = await this.queue.queue(actor, { ...args, limit: size + 1 });
    return toConnection(
      rows,
      size,
      !!args.after,
      (row) => cursorValuesOf(row as unknown as Record<string, unknown>, QUEUE_ORDER),
      (row) => row.question,
    );
  }

  @SignedIn()
  @Mutation(() => Boolean, {
    description: 'As the asker: keep escalating until you accept an answer (true), or only until one is posted.',
  })
  async setEscalationUntilAccepted(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('untilAccepted') untilAccepted: boolean,
  ): Promise<boolean> {
    return (await this.escalation.setUntilAccepted(actor, threadId, untilAccepted)).untilAccepted;
  }

  @SignedIn()
  @Mutation(() => SupportCase, { description: 'Board staff: handle a question privately as a support case.' })
  async escalateToCase(
    @CurrentActor() actor: Actor,
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('reason', { description: 'Why (3–500 characters); the asker sees it.' }) reason: string,
  ): Promise<SupportCase> {
    return toSupportCase(await this.cases.escalateToCase(actor, threadId, reason));
  }

  @SignedIn()
  @Mutation(() => SupportCase, { description: 'Board staff: move a support case to another state.' })
  async setSupportCaseState(
    @CurrentActor() actor: Actor,
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('state', { type: () => SupportCaseState }) state: SupportCaseState,
  ): Promise<SupportCase> {
    return toSupportCase(await this.cases.setState(actor, caseId, state));
  }

  @SignedIn()
  @Query(() => SupportCase, { description: 'A support case (the asker, board staff and moderators).' })
  async supportCase(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<SupportCase> {
    return toSupportCase(await this.cases.viewCase(actor, id));
  }
}

@Resolver(() => Thread)
export class ThreadCaseFieldsResolver {
  constructor(
    private readonly cases: SupportCaseService,
    private readonly boards: BoardService,
  ) {}

  @Public()
  @ResolveField(() => Boolean, { description: 'Whether staff are handling this question as a private support case.' })
  async isHandledByStaff(@Parent() thread: Thread, @Context() context: LoaderHolder): Promise<boolean> {
    return (await this.caseOf(thread, context)) !== null;
  }

  @Public()
  @ResolveField(() => SupportCase, {
    nullable: true,
    description: 'The support case, for the asker, board staff and moderators; null for everyone else.',
  })
  async supportCase(
    @Parent() thread: Thread,
    @CurrentActor() actor: Actor | null,
    @Context() context: LoaderHolder,
  ): Promise<SupportCase | null> {
    const record = await this.caseOf(thread, context);
    if (!record) return null;
    const board = await this.boards.requireById(new Types.ObjectId(thread.boardId));
    return (await this.cases.canSee(actor, record, board)) ? toSupportCase(record) : null;
  }

  private caseOf(thread: Thread, context: LoaderHolder) {
    const loader = requestLoader<string, SupportCaseRecord>(context, 'supportCases.byThread', async (ids) =>
      byIds(ids, await this.cases.casesOf(ids), (row) => row.threadId.toHexString()),
    );
    return loader.load(thread.id);
  }
}
