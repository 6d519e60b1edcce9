// Requests/s of the `thread` query for a thread with 30 answers and 60 comments versus the
// `health` query, on one Helpboard process, measured one after the other in one run; prints the
// ratio (goal >= 0.25) and the database round trips per thread page. Anonymous readers (most
// of a thread's readers) are served from the public query cache; a signed-in reader's page is
// built afresh every time, and is measured too.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { graphqlLoad, startServerProcess } from '../support/load.js';

const { values } = parseArgs({
  options: { connections: { type: 'string', default: '20' }, duration: { type: 'string', default: '10' } },
});
const options = { connections: Number(values.connections), durationSeconds: Number(values.duration) };

const server = await startServerProcess(fileURLToPath(new URL('./server.ts', import.meta.url)));
try {
  const { threadId, roundTrips, readerToken } = (await (
    await fetch(server.url.replace('/graphql', '/bench-info'))
  ).json()) as { threadId: string; roundTrips: number; readerToken: string };
  const threadQuery = `{ thread(id: "${threadId}") { id title score viewCount author { user { handle } isStaff } question { bodyHtml score comments { bodyHtml author { user { handle } } } } answers(first: 50) { edges { node { id bodyHtml score isAccepted isOfficial author { user { handle displayName } boardRole isStaff } comments { bodyHtml createdAt author { user { handle } } } } } } } }`;
  const healthQuery = '{ health { status version database } }';
  await graphqlLoad(server.url, threadQuery, { ...options, durationSeconds: 2 }); // warm-up
  const health = await graphqlLoad(server.url, healthQuery, options);
  const thread = await graphqlLoad(server.url, threadQuery, options);
  const signedIn = await graphqlLoad(server.url, threadQuery, {
    ...options,
    headers: { authorization: `Bearer ${readerToken}` },
  });
  const line = (label: string, r: typeof health) =>
    `${label.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${r.latencyP50Ms} ms  p99 ${r.latencyP99Ms} ms  errors ${r.errors}  non-2xx ${r.non2xx}\n`;
  process.stdout.write(`thread-page: ${options.connections} connections, ${options.durationSeconds} s each\n`);
  process.stdout.write(line('health', health));
  process.stdout.write(line('thread, anonymous (cached)', thread));
  process.stdout.write(line('thread, signed in (built)', signedIn));
  process.stdout.write(`database round trips per thread page: ${roundTrips}\n`);
  process.stdout.write(
    `ratio thread / health: anonymous ${(thread.requestsPerSecond / health.requestsPerSecond).toFixed(2)}, ` +
      `signed in ${(signedIn.requestsPerSecond / health.requestsPerSecond).toFixed(2)} (goal >= 0.25)\n`,
  );
} finally {
  await server.stop();
}
