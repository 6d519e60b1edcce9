import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@helpboard/core';
import { BoardsModule } from '@helpboard/boards';
import { ThreadsModule } from '@helpboard/threads';
import { EmbeddedSearchAdapter } from './embedded/embedded-search.adapter.js';
import { SearchIndexer } from './indexer/search-indexer.js';
import { MeilisearchAdapter } from './meilisearch/meilisearch.adapter.js';
import { SearchPort } from './search.port.js';
import { SearchResolver } from './search.resolver.js';

/** Meilisearch when MEILI_HOST is set, the embedded index otherwise: one interface, two adapters. */
export async function createSearchAdapter(config: AppConfig): Promise<SearchPort> {
  if (!config.meili) return new EmbeddedSearchAdapter();
  const adapter = new MeilisearchAdapter(config.meili.host, config.meili.apiKey);
  await adapter.ensureSettings();
  return adapter;
}

@Module({
  imports: [ThreadsModule, BoardsModule],
  providers: [
    { provide: SearchPort, inject: [APP_CONFIG], useFactory: createSearchAdapter },
    SearchIndexer,
    SearchResolver,
  ],
  exports: [SearchPort, SearchIndexer],
})
export class SearchModule {}
