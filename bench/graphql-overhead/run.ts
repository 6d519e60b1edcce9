// Requests/s of a bare Apollo server vs the full Helpboard stack answering `health`, measured
// one after the other in one run with identical load; prints the ratio (goal >= 0.8).
// `--compare <checkout>` measures another checkout's Helpboard too (bench/support/compare.ts).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkoutsOf, entryIn } from '../support/compare.js';
import { graphqlLoad, type LoadResult, startServerProcess } from '../support/load.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    compare: { type: 'string' },
  },
});
const options = { connections: Number(values.connections), durationSeconds: Number(values.duration) };
const query = '{ health { status version database } }';

async function measure(label: string, entry: string, root?: string): Promise<LoadResult> {
  const server = await startServerProcess(entry, {}, root);
  try {
    await graphqlLoad(server.url, query, { ...options, durationSeconds: 2 }); // warm-up (JIT, pools)
    const result = await graphqlLoad(server.url, query, options);
    process.stdout.write(
      `${label.padEnd(32)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms  errors ${result.errors}  non-2xx ${result.non2xx}\n`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

process.stdout.write(`graphql-overhead: ${options.connections} connections, ${options.durationSeconds} s each\n`);
const bare = await measure('bare Apollo', fileURLToPath(new URL('./bare-apollo.ts', import.meta.url)));
for (const checkout of checkoutsOf(values.compare)) {
  const ours = await measure(
    `Helpboard health, ${checkout.label}`,
    entryIn(checkout, new URL('./helpboard.ts', import.meta.url)),
    checkout.root,
  );
  process.stdout.write(
    `ratio Helpboard / bare Apollo, ${checkout.label}: ${(ours.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} (goal >= 0.80)\n`,
  );
}
