// Keeps the search index in step with MongoDB: every committed thread change arrives through the
// outbox (at least once, so indexing is idempotent: it re-reads the thread and upserts or
// removes it), and `rebuild` re-indexes everything from MongoDB.
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { OutboxRelay } from '@helpboard/database';
import { SearchableThreadReader, THREAD_CHANGED_TOPIC } from '@helpboard/threads';
import { SearchPort } from '../search.port.js';
import { EmbeddedSearchAdapter } from '../embedded/embedded-search.adapter.js';

@Injectable()
export class SearchIndexer implements OnApplicationBootstrap {
  private readonly logger = new Logger(SearchIndexer.name);
  private rebuilding?: Promise<number>;

  constructor(
    private readonly search: SearchPort,
    private readonly reader: SearchableThreadReader,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundJobs) return;
    this.relay.register(THREAD_CHANGED_TOPIC, (payload) => this.reindex(String(payload.threadId)));
    // The embedded index lives in memory: fill it from MongoDB in the background at start.
    if (this.search instanceof EmbeddedSearchAdapter) void this.rebuild();
  }

  async reindex(threadId: string): Promise<void> {
    const document = await this.reader.read(threadId);
    if (document) await this.search.index([document]);
    else await this.search.remove([threadId]);
  }

  /** Re-indexes every thread; returns how many were indexed. Concurrent calls share one run. */
  rebuild(onProgress?: (indexed: number) => void): Promise<number> {
    this.rebuilding ??= this.runRebuild(onProgress).finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  async status() {
    const lag = await this.relay.lag(THREAD_CHANGED_TOPIC);
    return {
      backend: this.search instanceof EmbeddedSearchAdapter ? 'embedded' : 'meilisearch',
      isHealthy: await this.search.isHealthy().catch(() => false),
      ...lag,
    };
  }

  /** Resolves when a running rebuild has finished (immediately if none). */
  async settled(): Promise<void> {
    await this.rebuilding;
  }

  private async runRebuild(onProgress?: (indexed: number) => void): Promise<number> {
    let indexed = 0;
    try {
      for await (const ids of this.reader.allThreadIds()) {
        const documents = (await Promise.all(ids.map((id) => this.reader.read(id)))).filter((d) => d !== null);
        await this.search.index(documents);
        indexed += documents.length;
        onProgress?.(indexed);
      }
      this.logger.log(`search index rebuilt: ${indexed} threads`);
    } catch (error) {
      this.logger.error({ err: error }, 'search index rebuild failed');
    }
    return indexed;
  }
}
