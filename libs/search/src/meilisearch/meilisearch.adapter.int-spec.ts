// The shared contract against a real Meilisearch, whenever one is configured (MEILI_TEST_HOST, or
// MEILI_HOST as the app uses it; each run works in a fresh index of its own).
// Meilisearch cannot be installed on our build machines, so without the variable this is skipped
// and says so.
import { describe, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { runSearchPortContract } from '../testing/search-port.contract.js';
import { MeilisearchAdapter } from './meilisearch.adapter.js';

const host = process.env.MEILI_TEST_HOST ?? process.env.MEILI_HOST;
const apiKey = process.env.MEILI_TEST_API_KEY ?? process.env.MEILI_API_KEY;

if (host) {
  runSearchPortContract('meilisearch', async () => {
    const adapter = new MeilisearchAdapter(host, apiKey, `contract_${randomUUID().slice(0, 8)}`);
    await adapter.ensureSettings();
    return adapter;
  });
} else {
  describe('meilisearch: SearchPort contract', () => {
    it.skip('runs when MEILI_HOST (or MEILI_TEST_HOST) points at a Meilisearch server; none is configured here', () =>
      undefined);
  });
}
