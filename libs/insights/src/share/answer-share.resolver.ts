import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  type Actor,
  ConnectionType,
  CurrentActor,
  cursorValuesOf,
  pageSize,
  SignedIn,
  toConnection,
} from '@helpboard/core';
import { AnswerShare, AnswerSharesArgs } from './answer-share.model.js';
import { SHARE_ORDER } from './answer-share.repository.js';
import { type AnswerShareRecord, ShareChannel } from './answer-share.schema.js';
import { AnswerShareService } from './answer-share.service.js';

export const AnswerShareConnection = ConnectionType(AnswerShare);

@Resolver(() => AnswerShare)
export class AnswerShareResolver {
  constructor(private readonly shares: AnswerShareService) {}

  private toShare(record: AnswerShareRecord, snippet: string | null): AnswerShare {
    return {
      code: record.code,
      url: this.shares.shortUrl(record.code),
      snippet,
      channel: record.channel,
      answerId: record.answerId.toHexString(),
      threadId: record.threadId.toHexString(),
      opens: record.opens,
      lastOpenedAt: record.lastOpenedAt,
      createdAt: record.createdAt,
    };
  }

  @SignedIn()
  @Mutation(() => AnswerShare, {
    description: 'Board staff: a stable short link and text snippet to send an answer to a customer elsewhere.',
  })
  async shareAnswer(
    @CurrentActor() actor: Actor,
    @Args('answerId', { type: () => ID, description: 'The answer to send.' }) answerId: string,
    @Args('channel', { type: () => ShareChannel, description: 'Where you will send it.' }) channel: ShareChannel,
  ): Promise<AnswerShare> {
    const shared = await this.shares.shareAnswer(actor, answerId, channel);
    return this.toShare(shared.record, shared.snippet);
  }

  @SignedIn()
  @Query(() => AnswerShareConnection, {
    description: "A board's shared answers with their opens, newest first (staff, moderators, owners).",
    complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity,
  })
  async answerShares(@CurrentActor() actor: Actor, @Args() args: AnswerSharesArgs) {
    const size = pageSize(args.first);
    const rows = await this.shares.list(actor, args.boardSlug, size + 1, args.after);
    return toConnection(
      rows,
      size,
      !!args.after,
      (row) => cursorValuesOf(row as unknown as Record<string, unknown>, SHARE_ORDER),
      (row) => this.toShare(row, null),
    );
  }
}
