// Search throughput through the GraphQL `search` resolver (HTTP, a Helpboard process with 10k
// threads) versus direct calls to the embedded adapter on the same documents, in one run, and the
// adapter's p95 latency at 10k and 100k indexed threads.
import { fileURLToPath } from 'node:url';
import { EmbeddedSearchAdapter } from '@helpboard/search';
import { graphqlLoad, startServerProcess } from '../support/load.js';
import { QUERIES, syntheticDocuments } from './documents.js';

async function direct(size: number, seconds: number) {
  const adapter = new EmbeddedSearchAdapter();
  await adapter.index(syntheticDocuments(size, 'bench-board'));
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const started = performance.now();
    await adapter.search({ text: QUERIES[i % QUERIES.length], sort: 'RELEVANCE', limit: 20, offset: 0 });
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p95: latencies[Math.floor(latencies.length * 0.95)] };
}

const seconds = 6;
const small = await direct(10_000, seconds);
const large = await direct(100_000, seconds);
process.stdout.write(
  `adapter, 10k threads:  ${small.perSecond.toFixed(0)} queries/s, p95 ${small.p95.toFixed(1)} ms\n`,
);
process.stdout.write(
  `adapter, 100k threads: ${large.perSecond.toFixed(0)} queries/s, p95 ${large.p95.toFixed(1)} ms\n`,
);

const server = await startServerProcess(fileURLToPath(new URL('./server.ts', import.meta.url)));
try {
  const query = `{ search(query: "${QUERIES[0]}", boardSlug: "bench-board", first: 20) { totalCount edges { node { titleHighlight snippet thread { id title score } } } } }`;
  await graphqlLoad(server.url, query, { connections: 10, durationSeconds: 2 });
  const viaGraphql = await graphqlLoad(server.url, query, { connections: 10, durationSeconds: seconds });
  process.stdout.write(
    `GraphQL search, 10k threads: ${viaGraphql.requestsPerSecond.toFixed(0)} req/s, p50 ${viaGraphql.latencyP50Ms} ms, p99 ${viaGraphql.latencyP99Ms} ms, errors ${viaGraphql.errors + viaGraphql.non2xx}\n`,
  );
  process.stdout.write(
    `ratio GraphQL / direct adapter (10k): ${(viaGraphql.requestsPerSecond / small.perSecond).toFixed(2)} (goal >= 0.5)\n`,
  );
} finally {
  await server.stop();
}
