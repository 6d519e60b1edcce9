// The production search adapter. Meilisearch segments CJK text itself and is typo-tolerant; the
// index settings are applied idempotently at start-up. Writes wait for their task so that, as with
// the embedded adapter, an indexed thread is findable once `index` resolves.
import { Meilisearch, type Index, type Hits } from 'meilisearch';
import type { SearchDocument, SearchHit, SearchPage, SearchQuery } from '../search.port.js';
import { SearchPort } from '../search.port.js';

interface StoredDocument extends Omit<SearchDocument, 'createdAt' | 'lastActivityAt'> {
  createdAt: number;
  lastActivityAt: number;
  isAnswered: boolean;
}

const INDEX = 'threads';
const HIGHLIGHT = { highlightPreTag: '<mark>', highlightPostTag: '</mark>' };

function toStored(document: SearchDocument): StoredDocument {
  return {
    ...document,
    createdAt: document.createdAt.getTime(),
    lastActivityAt: document.lastActivityAt.getTime(),
    isAnswered: document.hasAcceptedAnswer || document.hasOfficialAnswer,
  };
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function visibilityFilter(privateBoards: string[] | undefined): string {
  const allowed = (privateBoards ?? []).map(quote);
  return allowed.length ? `(isPrivateBoard = false OR boardSlug IN [${allowed.join(', ')}])` : 'isPrivateBoard = false';
}

export class MeilisearchAdapter extends SearchPort {
  private readonly client: Meilisearch;
  private readonly threads: Index<StoredDocument>;

  constructor(host: string, apiKey?: string, indexName = INDEX) {
    super();
    this.client = new Meilisearch({ host, apiKey });
    this.threads = this.client.index<StoredDocument>(indexName);
  }

  async ensureSettings(): Promise<void> {
    await this.client.createIndex(this.threads.uid, { primaryKey: 'id' }).waitTask();
    await this.threads
      .updateSettings({
        searchableAttributes: ['title', 'tags', 'body', 'answersText'],
        filterableAttributes: ['boardSlug', 'operatorSlug', 'tags', 'status', 'isAnswered', 'isPrivateBoard'],
        sortableAttributes: ['createdAt', 'lastActivityAt', 'score'],
        rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'score:desc'],
        synonyms: { '5g': ['5G'], sms: ['text message'], 流量: ['数据流量'] },
      })
      .waitTask();
  }

  async index(documents: SearchDocument[]): Promise<void> {
    if (documents.length > 0) await this.threads.addDocuments(documents.map(toStored)).waitTask();
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.threads.deleteDocuments(ids).waitTask();
  }

  async isHealthy(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async clear(): Promise<void> {
    await this.threads.deleteAllDocuments().waitTask();
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const filter = [
      ...(query.boardSlug ? [`boardSlug = ${quote(query.boardSlug)}`] : []),
      ...(query.operatorSlug ? [`operatorSlug = ${quote(query.operatorSlug)}`] : []),
      ...(query.status ? [`status = ${quote(query.status)}`] : []),
      visibilityFilter(query.privateBoards),
      ...(query.tags ?? []).map((tag) => `tags = ${quote(tag)}`),
    ];
    const sort = query.sort === 'NEWEST' ? ['createdAt:desc'] : query.sort === 'VOTES' ? ['score:desc'] : undefined;
    const response = await this.threads.search(query.text, {
      filter,
      sort,
      limit: query.limit,
      offset: query.offset,
      facets: ['boardSlug', 'tags'],
      attributesToHighlight: ['title'],
      attributesToCrop: ['body', 'answersText'],
      cropLength: 30,
      showRankingScore: true,
      ...HIGHLIGHT,
    });
    const facet = (name: string) =>
      Object.entries(response.facetDistribution?.[name] ?? {})
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return {
      hits: this.hits(response.hits),
      total: response.estimatedTotalHits ?? response.hits.length,
      facets: { boards: facet('boardSlug'), tags: facet('tags') },
    };
  }

  async suggest(
    title: string,
    boardSlug: string | undefined,
    limit: number,
    privateBoards?: string[],
  ): Promise<SearchHit[]> {
    const response = await this.threads.search(title, {
      filter: [...(boardSlug ? [`boardSlug = ${quote(boardSlug)}`] : []), visibilityFilter(privateBoards)],
      limit: limit * 3,
      attributesToHighlight: ['title'],
      attributesToCrop: ['body'],
      cropLength: 30,
      showRankingScore: true,
      ...HIGHLIGHT,
    });
    const hits = this.hits(response.hits);
    const answered = new Set(response.hits.filter((hit) => hit.isAnswered).map((hit) => hit.id));
    return hits.sort((a, b) => Number(answered.has(b.id)) - Number(answered.has(a.id))).slice(0, limit);
  }

  private hits(hits: Hits<StoredDocument>): SearchHit[] {
    // Meilisearch escapes nothing: the formatted text is escaped here, keeping only our <mark> tags.
    const safe = (text: string | undefined) =>
      (text ?? '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/&lt;mark&gt;/g, '<mark>')
        .replace(/&lt;\/mark&gt;/g, '</mark>');
    return hits.map((hit) => ({
      id: hit.id,
      relevance: hit._rankingScore ?? 0,
      titleHighlight: safe(hit._formatted?.title as string | undefined),
      snippet: safe(
        (hit._formatted?.body as string | undefined) || (hit._formatted?.answersText as string | undefined),
      ),
    }));
  }
}
