// The embedded search engine, on MiniSearch: an inverted index in memory with fuzzy and prefix
// matching for Latin words and word segmentation for CJK text (see tokenize.ts). It is not
// persisted: MongoDB is the source of truth and the index is rebuilt from it at start-up (a few
// seconds for tens of thousands of threads), which also removes any chance of the two drifting.
import MiniSearch, { type SearchResult } from 'minisearch';
import {
  type FacetCount,
  type SearchDocument,
  type SearchHit,
  type SearchPage,
  SearchPort,
  type SearchQuery,
} from '../search.port.js';
import { highlight, queryTerms, snippet } from './highlight.js';
import { isCjk, tokenize } from './tokenize.js';

interface IndexedFields {
  id: string;
  title: string;
  tagsText: string;
  body: string;
  answersText: string;
}

const SEARCH_OPTIONS = {
  boost: { title: 3, tagsText: 2, body: 1, answersText: 0.5 },
  // Typo tolerance and prefixes for words in spaced scripts; CJK words must match exactly.
  fuzzy: (term: string) => (!isCjk(term) && term.length > 3 ? 0.2 : false),
  prefix: (term: string) => !isCjk(term) && term.length > 2,
  combineWith: 'OR' as const,
};

/** An answered thread ranks as if this much more relevant to the draft. */
const ANSWERED_LIFT = 1.5;
/** Suggestions scoring under this share of the best one are noise, not "you may be asking". */
const MIN_SHARE_OF_BEST = 0.25;

export class EmbeddedSearchAdapter extends SearchPort {
  private readonly documents = new Map<string, SearchDocument>();
  private readonly engine = new MiniSearch<IndexedFields>({
    fields: ['title', 'tagsText', 'body', 'answersText'],
    tokenize,
    processTerm: (term) => term,
    searchOptions: SEARCH_OPTIONS,
  });

  async index(documents: SearchDocument[]): Promise<void> {
    for (const document of documents) {
      if (this.documents.has(document.id)) this.engine.discard(document.id);
      this.engine.add({
        id: document.id,
        title: document.title,
        tagsText: document.tags.join(' '),
        body: document.body,
        answersText: document.answersText,
      });
      this.documents.set(document.id, document);
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (!this.documents.has(id)) continue;
      this.engine.discard(id);
      this.documents.delete(id);
    }
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async clear(): Promise<void> {
    this.engine.removeAll();
    this.documents.clear();
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const terms = queryTerms(query.text);
    const results = this.matching(
      query.text,
      (doc) =>
        (!query.boardSlug || doc.boardSlug === query.boardSlug) &&
        (!query.operatorSlug || doc.operatorSlug === query.operatorSlug) &&
        (!query.status || doc.status === query.status) &&
        isVisible(doc, query.privateBoards) &&
        (!query.tags?.length || query.tags.every((tag) => doc.tags.includes(tag))),
    );
    const ordered = this.sorted(results, query.sort);
    return {
      hits: ordered.slice(query.offset, query.offset + query.limit).map((result) => this.hit(result, terms)),
      total: ordered.length,
      facets: {
        boards: facet(ordered.map((r) => [this.documents.get(r.id)!.boardSlug])),
        tags: facet(ordered.map((r) => this.documents.get(r.id)!.tags)),
      },
    };
  }

  async suggest(
    title: string,
    boardSlug: string | undefined,
    limit: number,
    privateBoards?: string[],
  ): Promise<SearchHit[]> {
    const terms = queryTerms(title);
    const results = this.matching(
      title,
      (doc) => (!boardSlug || doc.boardSlug === boardSlug) && isVisible(doc, privateBoards),
    );
    const isAnswered = (id: string) => {
      const doc = this.documents.get(id)!;
      return doc.hasAcceptedAnswer || doc.hasOfficialAnswer;
    };
    // Relevance first, with a lift for answered threads (a reader who finds one needs no new
    // question); matches far weaker than the best (one shared common word) are left out. Sorting
    // answered threads first regardless put "SIM not provisioned" above "premium SMS charges".
    const weighted = results.map((result) => ({
      result,
      weight: result.score * (isAnswered(result.id) ? ANSWERED_LIFT : 1),
    }));
    const best = Math.max(0, ...weighted.map((w) => w.weight));
    return weighted
      .filter((w) => w.weight >= best * MIN_SHARE_OF_BEST)
      .sort((a, b) => b.weight - a.weight)
      .slice(0, limit)
      .map((w) => this.hit(w.result, terms));
  }

  private matching(text: string, keep: (doc: SearchDocument) => boolean): SearchResult[] {
    if (tokenize(text).length === 0) return [];
    return this.engine.search(text).filter((result) => keep(this.documents.get(result.id as string)!));
  }

  private sorted(results: SearchResult[], sort: SearchQuery['sort']): SearchResult[] {
    const doc = (r: SearchResult) => this.documents.get(r.id as string)!;
    if (sort === 'NEWEST')
      return [...results].sort((a, b) => doc(b).createdAt.getTime() - doc(a).createdAt.getTime() || b.score - a.score);
    if (sort === 'VOTES') return [...results].sort((a, b) => doc(b).score - doc(a).score || b.score - a.score);
    return results;
  }

  private hit(result: SearchResult, terms: string[]): SearchHit {
    const doc = this.documents.get(result.id as string)!;
    const matched = [...new Set([...terms, ...result.terms])];
    const inBody = matched.some((term) => doc.body.toLowerCase().includes(term));
    return {
      id: doc.id,
      relevance: result.score,
      titleHighlight: highlight(doc.title, matched),
      snippet: snippet(inBody || !doc.answersText ? doc.body : doc.answersText, matched),
    };
  }
}

function isVisible(doc: SearchDocument, privateBoards: string[] | undefined): boolean {
  return !doc.isPrivateBoard || (privateBoards ?? []).includes(doc.boardSlug);
}

function facet(valuesPerResult: string[][]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const values of valuesPerResult)
    for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
