import { Args, Query, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor, SignedIn } from '@helpboard/core';
import { BoardInsights, BoardInsightsArgs } from './board-insights.model.js';
import { BoardInsightsService } from './board-insights.service.js';

@Resolver(() => BoardInsights)
export class BoardInsightsResolver {
  constructor(private readonly insights: BoardInsightsService) {}

  @SignedIn()
  @Query(() => BoardInsights, {
    description:
      "A board's or an operator's service numbers over whole UTC days: questions, the share each tier resolved " +
      '(self-service, peers, staff), response times, SLA breaches, cases, and staff KPIs apart from peers.',
    complexity: 50,
  })
  async boardInsights(@CurrentActor() actor: Actor, @Args() args: BoardInsightsArgs): Promise<BoardInsights> {
    const report = await this.insights.insights(actor, args, args.from, args.to, args.granularity);
    return { ...report, scopeKind: report.scope.kind, slug: report.scope.slug };
  }
}
