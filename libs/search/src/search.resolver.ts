import { Args, ArgsType, Field, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import {
  type Actor,
  CurrentActor,
  decodeCursor,
  encodeCursor,
  InvalidInputError,
  PageArgs,
  pageSize,
  PageInfo,
  Public,
} from '@helpboard/core';
import { BoardAccessService, BoardAction, BoardService } from '@helpboard/boards';
import { Thread, ThreadQueryService, ThreadStatus, toThread } from '@helpboard/threads';
import { type SearchHit, SearchPort, type SearchSort } from './search.port.js';

export enum SearchOrder {
  RELEVANCE = 'RELEVANCE',
  NEWEST = 'NEWEST',
  VOTES = 'VOTES',
}
registerEnumType(SearchOrder, { name: 'SearchOrder', description: 'How search results are ordered.' });

@ObjectType({ description: 'A thread found by search, with the matched words marked.' })
export class SearchResult {
  @Field(() => Thread) thread!: Thread;
  @Field({ description: 'The title, HTML-escaped, with matches in <mark>.' }) titleHighlight!: string;
  @Field({ description: 'Part of the question or answers around the first match, highlighted the same way.' })
  snippet!: string;
}

@ObjectType({ description: 'How many results fall under one board or tag.' })
export class SearchFacet {
  @Field() value!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'One search result with its cursor.' })
export class SearchResultEdge {
  @Field() cursor!: string;
  @Field(() => SearchResult) node!: SearchResult;
}

@ObjectType({ description: 'A page of search results, with counts by board and tag over all of them.' })
export class SearchResultConnection {
  @Field(() => [SearchResultEdge]) edges!: SearchResultEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many threads matched in all.' }) totalCount!: number;
  @Field(() => [SearchFacet]) boardFacets!: SearchFacet[];
  @Field(() => [SearchFacet]) tagFacets!: SearchFacet[];
}

@ArgsType()
class SearchArgs extends PageArgs {
  @Field({ description: 'Words to find (any language; Chinese and Japanese are split into words).' })
  @IsString()
  @MaxLength(200)
  query!: string;

  @Field(() => String, { nullable: true, description: 'Only this board.' })
  @IsOptional()
  @IsString()
  boardSlug?: string | null;

  @Field(() => String, { nullable: true, description: "Only this operator's boards." })
  @IsOptional()
  @IsString()
  operatorSlug?: string | null;

  @Field(() => ThreadStatus, { nullable: true, description: 'Only open or only closed questions.' })
  @IsOptional()
  status?: ThreadStatus | null;

  @Field(() => [String], { nullable: true, description: 'Only threads with all these tags.' })
  @IsOptional()
  tags?: string[] | null;

  @Field(() => SearchOrder, { defaultValue: SearchOrder.RELEVANCE })
  sort!: SearchOrder;
}

/** Results beyond this depth are not paged to: refine the query instead. */
const MAX_OFFSET = 1_000;
/**
 * What one call to the search engine costs in query-cost points, on top of its results: a search
 * scans the index whatever it returns, so 2,400 aliased searches must cost far more than 2,400
 * field reads (issue #21).
 */
export const SEARCH_CALL_COST = 100;
/** Existing questions shown for a draft title. */
const SUGGESTIONS = 5;

@Resolver()
export class SearchResolver {
  constructor(
    private readonly searchPort: SearchPort,
    private readonly threads: ThreadQueryService,
    private readonly boards: BoardService,
    private readonly access: BoardAccessService,
  ) {}

  @Public()
  @Query(() => SearchResultConnection, {
    description: 'Full-text search over questions and their answers.',
    complexity: ({ args, childComplexity }) => SEARCH_CALL_COST + (args.first ?? 20) * childComplexity,
  })
  async search(@CurrentActor() actor: Actor | null, @Args() args: SearchArgs): Promise<SearchResultConnection> {
    const text = args.query.trim();
    if (!text) throw new InvalidInputError([{ field: 'query', message: 'REQUIRED' }]);
    if (args.boardSlug)
      await this.access.assert(actor, BoardAction.View, await this.boards.requireBoard(args.boardSlug));
    const size = pageSize(args.first);
    const offset = args.after ? Number(decodeCursor(args.after, 1)[0]) : 0;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
      throw new InvalidInputError([{ field: 'after', message: 'INVALID_CURSOR' }], 'INVALID_CURSOR');
    const page = await this.searchPort.search({
      text,
      boardSlug: args.boardSlug ?? undefined,
      operatorSlug: args.operatorSlug ?? undefined,
      status: args.status ?? undefined,
      tags: args.tags ?? undefined,
      privateBoards: await this.access.privateBoardsVisibleTo(actor),
      sort: args.sort as SearchSort,
      limit: size,
      offset,
    });
    const results = await this.withThreads(actor, page.hits);
    const edges = results.map((node, i) => ({ cursor: encodeCursor([offset + i + 1]), node }));
    return {
      edges,
      pageInfo: {
        hasNextPage: offset + page.hits.length < page.total,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      totalCount: page.total,
      boardFacets: page.facets.boards,
      tagFacets: page.facets.tags,
    };
  }

  @Public()
  @Query(() => [SearchResult], {
    description: '"You may be asking…": existing questions like a draft title, answered ones first.',
    complexity: ({ childComplexity }) => SEARCH_CALL_COST + SUGGESTIONS * childComplexity,
  })
  async similarQuestions(
    @CurrentActor() actor: Actor | null,
    @Args('title') title: string,
    @Args('boardSlug', { type: () => String, nullable: true }) boardSlug: string | null,
  ): Promise<SearchResult[]> {
    if (title.length > 300)
      throw new InvalidInputError([{ field: 'title', message: 'TOO_LONG', params: { max: 300 } }]);
    const privateBoards = await this.access.privateBoardsVisibleTo(actor);
    return this.withThreads(
      actor,
      await this.searchPort.suggest(title, boardSlug ?? undefined, SUGGESTIONS, privateBoards),
    );
  }

  /** Loads the hits' threads as the reader may see them (batched); hits they may not see are dropped. */
  private async withThreads(actor: Actor | null, hits: SearchHit[]): Promise<SearchResult[]> {
    const threads = new Map(
      (
        await this.threads.visibleThreads(
          actor,
          hits.map((hit) => hit.id),
        )
      ).map((t) => [t._id.toHexString(), t]),
    );
    return hits.flatMap((hit) => {
      const thread = threads.get(hit.id);
      return thread ? [{ thread: toThread(thread), titleHighlight: hit.titleHighlight, snippet: hit.snippet }] : [];
    });
  }
}
