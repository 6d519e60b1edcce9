import { Command } from 'commander';
import type { SearchIndexer } from './indexer/search-indexer.js';

/**
 * `search reindex`: rebuild the index from MongoDB (meaningful for Meilisearch; the embedded
 * index lives in the server process and is rebuilt at its start). `search status`: indexing lag.
 */
export function searchCommand(withIndexer: <T>(use: (indexer: SearchIndexer) => Promise<T>) => Promise<T>): Command {
  return new Command('search')
    .description('search index maintenance')
    .addCommand(
      new Command('reindex').description('re-index every thread from MongoDB').action(async () => {
        const started = performance.now();
        const indexed = await withIndexer((indexer) =>
          indexer.rebuild((done) => process.stderr.write(`\rindexed ${done} threads`)),
        );
        process.stderr.write('\n');
        process.stdout.write(`${indexed} threads indexed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      }),
    )
    .addCommand(
      new Command('status').description('how far indexing lags behind the database').action(async () => {
        const status = await withIndexer((indexer) => indexer.status());
        process.stdout.write(
          `backend: ${status.backend} (${status.isHealthy ? 'up' : 'DOWN'})\n` +
            `pending changes: ${status.pending}, oldest ${status.oldestPendingSeconds ?? 0} s old, dead-lettered: ${status.deadLettered}\n`,
        );
      }),
    );
}
