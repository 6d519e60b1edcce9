export * from './search.module.js';
export * from './search.port.js';
export * from './indexer/search-indexer.js';
export { EmbeddedSearchAdapter } from './embedded/embedded-search.adapter.js';
export { MeilisearchAdapter } from './meilisearch/meilisearch.adapter.js';
export * from './search.command.js';
