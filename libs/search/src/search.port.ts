import type { SearchableThread } from '@helpboard/threads';

// What the rest of Helpboard needs from a search engine. Adapters: the embedded one (default,
// in-process) and Meilisearch (production); both must pass the same contract tests.

/**
 * What is indexed per thread; the threads lib produces it (SearchableThreadReader), so the shape is
 * defined once, there.
 */
export type SearchDocument = SearchableThread;

export type SearchSort = 'RELEVANCE' | 'NEWEST' | 'VOTES';

export interface SearchQuery {
  text: string;
  boardSlug?: string;
  operatorSlug?: string;
  status?: string;
  tags?: string[];
  /** Private boards whose threads this reader may find; threads of other private boards never match. */
  privateBoards?: string[];
  sort: SearchSort;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  relevance: number;
  /** Title with matched words wrapped in <mark>, HTML-escaped otherwise. */
  titleHighlight: string;
  /** A short part of the body or answers around the first match, highlighted the same way. */
  snippet: string;
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
  facets: { boards: FacetCount[]; tags: FacetCount[] };
}

export interface FacetCount {
  value: string;
  count: number;
}

export abstract class SearchPort {
  abstract index(documents: SearchDocument[]): Promise<void>;
  abstract remove(ids: string[]): Promise<void>;
  abstract search(query: SearchQuery): Promise<SearchPage>;
  /** "You may be asking…": close matches for a draft title, answered threads first. */
  abstract suggest(
    title: string,
    boardSlug: string | undefined,
    limit: number,
    privateBoards?: string[],
  ): Promise<SearchHit[]>;
  abstract clear(): Promise<void>;
  /** Whether the backend answers (the embedded index always does). */
  abstract isHealthy(): Promise<boolean>;
}
