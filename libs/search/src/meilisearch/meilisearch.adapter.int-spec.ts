// The shared contract against a real Meilisearch, whenever one is reachable (MEILI_TEST_HOST).
// Meilisearch cannot be installed on our build machines, so without the variable this is skipped
// and says so.
import { describe, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { runSearchPortContract } from '../testing/search-port.contract.js';
import { MeilisearchAdapter } from './meilisearch.adapter.js';

const host = process.env.MEILI_TEST_HOST;

if (host) {
  runSearchPortContract('meilisearch', async () => {
    const adapter = new MeilisearchAdapter(
      host,
      process.env.MEILI_TEST_API_KEY,
      `contract_${randomUUID().slice(0, 8)}`,
    );
    await adapter.ensureSettings();
    return adapter;
  });
} else {
  describe('meilisearch: SearchPort contract', () => {
    it.skip('runs when MEILI_TEST_HOST points at a Meilisearch server (none is reachable here)', () => undefined);
  });
}
