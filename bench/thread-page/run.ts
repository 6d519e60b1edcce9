// Requests/s of the `thread` query for a thread with 30 answers and 60 comments versus the
// `health` query, on one Helpboard process, measured one after the other in one run; prints the
// ratio (goal >= 0.25) and the database round trips per thread page. Anonymous readers (most
// of a thread's readers) are served from the public query cache; signed-in readers share the
// thread's snapshot and add their own overlay. `--compare <checkout>` measures another checkout's
// server in the same run (see bench/support/compare.ts).
import { parseArgs } from 'node:util';
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
const line = (label: string, r: LoadResult) =>
  `${label.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${r.latencyP50Ms} ms  p99 ${r.latencyP99Ms} ms  errors ${r.errors}  non-2xx ${r.non2xx}\n`;

process.stdout.write(`thread-page: ${options.connections} connections, ${options.durationSeconds} s each\n`);
const ratios: { label: string; anonymous: number; signedIn: number }[] = [];
for (const checkout of checkoutsOf(values.compare)) {
  const server = await startServerProcess(
    entryIn(checkout, new URL('./server.ts', import.meta.url)),
    {},
    checkout.root,
  );
  try {
    const { threadId, roundTrips, signedInRoundTrips, readerToken } = (await (
      await fetch(server.url.replace('/graphql', '/bench-info'))
    ).json()) as { threadId: string; roundTrips: number; signedInRoundTrips?: number; readerToken: string };
    const threadQuery = `{ thread(id: "${threadId}") { id title score viewCount author { user { handle } isStaff } question { bodyHtml score comments { bodyHtml author { user { handle } } } } answers(first: 50) { edges { node { id bodyHtml score isAccepted isOfficial author { user { handle displayName } boardRole isStaff } comments { bodyHtml createdAt author { user { handle } } } } } } } }`;
    const healthQuery = '{ health { status version database } }';
    await graphqlLoad(server.url, threadQuery, { ...options, durationSeconds: 2 }); // warm-up
    const health = await graphqlLoad(server.url, healthQuery, options);
    const thread = await graphqlLoad(server.url, threadQuery, options);
    const signedIn = await graphqlLoad(server.url, threadQuery, {
      ...options,
      headers: { authorization: `Bearer ${readerToken}` },
    });
    process.stdout.write(`${checkout.label}:\n`);
    process.stdout.write(line('health', health));
    process.stdout.write(line('thread, anonymous (cached)', thread));
    process.stdout.write(line('thread, signed in', signedIn));
    process.stdout.write(
      `database round trips per thread page: built ${roundTrips}, signed in on the warm snapshot ${signedInRoundTrips ?? 'n/a'}\n`,
    );
    const ratio = {
      label: checkout.label,
      anonymous: thread.requestsPerSecond / health.requestsPerSecond,
      signedIn: signedIn.requestsPerSecond / health.requestsPerSecond,
    };
    ratios.push(ratio);
    process.stdout.write(
      `ratio thread / health: anonymous ${ratio.anonymous.toFixed(2)}, signed in ${ratio.signedIn.toFixed(2)} (goal >= 0.25)\n`,
    );
  } finally {
    await server.stop();
  }
}
if (ratios.length === 2) {
  const [base, current] = ratios;
  process.stdout.write(
    `signed-in ratio, this checkout vs ${base.label}: ${current.signedIn.toFixed(2)} vs ${base.signedIn.toFixed(2)}\n`,
  );
}
