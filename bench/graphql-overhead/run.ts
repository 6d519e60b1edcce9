// Requests/s of a bare Apollo server vs the full Helpboard stack answering `health`, measured
// one after the other in one run with identical load; prints the ratio (goal >= 0.8).
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { graphqlLoad, type LoadResult, startServerProcess } from '../support/load.js';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '20' }, duration: { type: 'string', default: '10' } },
});
const options = { connections: Number(values.connections), durationSeconds: Number(values.duration) };
const query = '{ health { status version database } }';

async function measure(label: string, entry: string): Promise<LoadResult> {
  const server = await startServerProcess(fileURLToPath(new URL(entry, import.meta.url)));
  try {
    await graphqlLoad(server.url, query, { ...options, durationSeconds: 2 }); // warm-up (JIT, pools)
    const result = await graphqlLoad(server.url, query, options);
    process.stdout.write(
      `${label.padEnd(16)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms  errors ${result.errors}  non-2xx ${result.non2xx}\n`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

process.stdout.write(`graphql-overhead: ${options.connections} connections, ${options.durationSeconds} s each\n`);
const bare = await measure('bare Apollo', './bare-apollo.ts');
const ours = await measure('Helpboard health', './helpboard.ts');
process.stdout.write(
  `ratio Helpboard / bare Apollo: ${(ours.requestsPerSecond / bare.requestsPerSecond).toFixed(2)} (goal >= 0.80)\n`,
);
