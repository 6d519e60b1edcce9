// Requests/s of the server-rendered thread page (30 answers, 60 comments) versus GraphQL
// `health` on one Helpboard process, measured one after the other; prints the ratio (goal
// >= 0.25), the compressed size of the page's CSS + JS (goal < 50 KB) and the database round
// trips of building the page. Anonymous readers share one rendering until the thread changes.
// `--compare <checkout>` measures another checkout's server in the same run (bench/support/compare.ts).
import autocannon from 'autocannon';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { checkoutsOf, entryIn } from '../support/compare.js';
import { graphqlLoad, type LoadResult, loadResultOf, startServerProcess } from '../support/load.js';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    compare: { type: 'string' },
  },
});
const options = { connections: Number(values.connections), durationSeconds: Number(values.duration) };

async function pageLoad(url: string, headers: Record<string, string>, durationSeconds: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    headers: { 'accept-encoding': 'gzip', ...headers },
    connections: options.connections,
    duration: durationSeconds,
  });
  return loadResultOf(result);
}

process.stdout.write(`web-thread: ${options.connections} connections, ${options.durationSeconds} s each\n`);
const signedInRatios: { label: string; ratio: number }[] = [];
for (const checkout of checkoutsOf(values.compare)) {
  const server = await startServerProcess(
    entryIn(checkout, new URL('./server.ts', import.meta.url)),
    {},
    checkout.root,
  );
  try {
    process.stdout.write(`${checkout.label}:\n`);
    signedInRatios.push({ label: checkout.label, ratio: await measure(server.url) });
  } finally {
    await server.stop();
  }
}
if (signedInRatios.length === 2) {
  const [base, current] = signedInRatios;
  process.stdout.write(
    `signed-in ratio, this checkout vs ${base.label}: ${current.ratio.toFixed(2)} vs ${base.ratio.toFixed(2)}\n`,
  );
}

/** Prints one checkout's figures; returns its signed-in page / health ratio. */
async function measure(url: string): Promise<number> {
  const base = url.replace('/graphql', '');
  const info = (await (await fetch(`${base}/bench-info`)).json()) as {
    path: string;
    anonymousRoundTrips: number;
    signedInRoundTrips: number;
    signedInWarmRoundTrips?: number;
    readerCookie: string;
  };
  const page = await (await fetch(`${base}${info.path}`)).text();
  const assets = [...page.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  let compressed = 0;
  for (const asset of assets)
    compressed += gzipSync(Buffer.from(await (await fetch(`${base}${asset}`)).arrayBuffer())).length;

  await pageLoad(`${base}${info.path}`, {}, 2); // warm-up
  const health = await graphqlLoad(url, '{ health { status version database } }', options);
  const anonymous = await pageLoad(`${base}${info.path}`, {}, options.durationSeconds);
  const signedIn = await pageLoad(`${base}${info.path}`, { cookie: info.readerCookie }, options.durationSeconds);
  const line = (label: string, r: LoadResult) =>
    `${label.padEnd(30)} ${r.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${r.latencyP50Ms} ms  p99 ${r.latencyP99Ms} ms  errors ${r.errors}  non-2xx ${r.non2xx}\n`;
  process.stdout.write(line('health (GraphQL)', health));
  process.stdout.write(line('thread page, anonymous', anonymous));
  process.stdout.write(line('thread page, signed in', signedIn));
  process.stdout.write(
    `ratio page / health: anonymous ${(anonymous.requestsPerSecond / health.requestsPerSecond).toFixed(2)}, ` +
      `signed in ${(signedIn.requestsPerSecond / health.requestsPerSecond).toFixed(2)} (goal >= 0.25)\n`,
  );
  process.stdout.write(
    `CSS + JS compressed: ${(compressed / 1024).toFixed(1)} KB in ${assets.length} files (goal < 50 KB)\n`,
  );
  process.stdout.write(
    `database round trips per page: anonymous ${info.anonymousRoundTrips}, signed in ${info.signedInRoundTrips}` +
      ` (first page), ${info.signedInWarmRoundTrips ?? 'n/a'} (next page)\n`,
  );
  return signedIn.requestsPerSecond / health.requestsPerSecond;
}
