// Mixed traffic (80% thread pages and board lists, 15% votes and answers, 5% search) from many
// concurrent clients against one API instance, then against two, all on one standalone embedded
// engine (and Redis when redis-server is installed); prints throughput, latency percentiles,
// errors, write-transaction retries and the scaling ratio two instances / one.
//
//   npm run bench -- load [--clients 200] [--duration 60] [--quick] [--no-redis] [--reads-only]
//                         [--compare <checkout>]
//
// --compare measures another checkout first (e.g. the starting commit: `git worktree add /tmp/base
// <commit>` with a node_modules link), then this one, in the same run with the same traffic, and
// prints both side by side.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServerProcess } from '../support/load.js';
import type { LoadSeed } from './seed.js';
import { percentile, runTraffic, type TrafficResult } from './traffic.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    quick: { type: 'boolean', default: false },
    'no-redis': { type: 'boolean', default: false },
    /** Only thread pages and board lists: separates the cost of reads from that of writes. */
    'reads-only': { type: 'boolean', default: false },
    compare: { type: 'string' },
  },
});
const readsOnly = values['reads-only'];
const METRICS_TOKEN = 'load-benchmark-metrics-token';
const clients = values.quick ? 50 : Number(values.clients);
const seconds = values.quick ? 10 : Number(values.duration);
const thisCheckout = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];

/** Starts a TypeScript entry and resolves with the first match of `ready` in its output. */
async function startChild(
  root: string,
  entry: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
) {
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', resolve(root, entry), ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      cwd: root,
    },
  );
  children.push(child);
  let output = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = ready.exec(output);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${output.slice(-500)}`)));
  });
  return { child, match };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function stopAll(): Promise<void> {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(async (child) => {
        child.kill('SIGTERM');
        // An instance whose database is already gone may hang in its shutdown.
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await once(child, 'exit');
        clearTimeout(force);
      }),
  );
}

interface ServerFigures {
  commandsPerRequest: number;
  failedCommands: Record<string, number>;
  /** Write transactions run again, by reason (absent where the checkout does not count them). */
  retries: Record<string, number> | null;
}

/** From the instances' own /metrics: database commands per request, failed commands, retries. */
async function serverFigures(urls: string[]): Promise<ServerFigures> {
  let commands = 0;
  let requests = 0;
  const failedCommands: Record<string, number> = {};
  let retries: Record<string, number> | null = null;
  for (const url of urls) {
    const text = await (
      await fetch(url.replace('/graphql', '/metrics'), { headers: { 'x-metrics-token': METRICS_TOKEN } })
    ).text();
    for (const row of text.split('\n')) {
      const value = Number(row.slice(row.lastIndexOf(' ') + 1));
      if (row.startsWith('helpboard_db_round_trips_per_request_sum{')) commands += value;
      if (row.startsWith('helpboard_db_round_trips_per_request_count{')) requests += value;
      const failure = /^helpboard_db_commands_total\{command="([^"]+)",outcome="failed"\}/.exec(row);
      if (failure) failedCommands[failure[1]] = (failedCommands[failure[1]] ?? 0) + value;
      if (row.startsWith('# TYPE helpboard_transaction_retries_total')) retries ??= {};
      const retry = /^helpboard_transaction_retries_total\{reason="([^"]+)"\}/.exec(row);
      if (retry) (retries ??= {})[retry[1]] = (retries[retry[1]] ?? 0) + value;
    }
  }
  return { commandsPerRequest: commands / Math.max(requests, 1), failedCommands, retries };
}

function figuresLine(figures: ServerFigures, writes: number): string {
  const failures = Object.entries(figures.failedCommands)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  const retried = figures.retries ? Object.values(figures.retries).reduce((sum, n) => sum + n, 0) : null;
  const retries = figures.retries
    ? `${retried} (${
        Object.entries(figures.retries)
          .map(([reason, n]) => `${reason} ${n}`)
          .join(', ') || 'none'
      }), ${((1000 * retried!) / Math.max(writes, 1)).toFixed(1)} per 1,000 writes`
    : 'not counted by this checkout';
  return (
    `${''.padEnd(14)} database: ${figures.commandsPerRequest.toFixed(1)} commands per request; ` +
    `failed commands: ${failures || 'none'}\n` +
    `${''.padEnd(14)} transaction retries: ${retries}\n`
  );
}

const writesOf = (r: TrafficResult) => (r.byKind.vote ?? 0) + (r.byKind.answer ?? 0);

function line(label: string, r: TrafficResult): string {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  const ms = (p: number) => percentile(sorted, p).toFixed(1).padStart(7);
  const refusals = Object.entries(r.refusals)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return (
    `${label.padEnd(14)} ${(r.requests / r.seconds).toFixed(0).padStart(6)} req/s  ` +
    `p50 ${ms(50)} ms  p95 ${ms(95)} ms  p99 ${ms(99)} ms  errors ${r.errors} (${r.timeouts} timeouts)  ` +
    `(${r.requests} requests; refused by rules: ${refusals || 'none'})\n` +
    `${''.padEnd(14)} p50 / p99 by kind: ${Object.entries(r.latenciesByKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, list]) => {
        const sorted = [...list].sort((a, b) => a - b);
        return `${kind} ${percentile(sorted, 50).toFixed(0)} / ${percentile(sorted, 99).toFixed(0)} ms`;
      })
      .join(', ')}\n`
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(1)));

interface Measured {
  label: string;
  one: TrafficResult;
  two: TrafficResult;
}

/** One checkout's runs: a fresh engine, Redis and seed; one instance, then two. */
async function measure(label: string, root: string): Promise<Measured> {
  process.stdout.write(`\n== ${label}: ${root}\n`);
  const mongo = await startChild(root, 'libs/mongo-embedded/src/cli.ts', ['--port', '0'], /listening: (\S+)/);
  const env: Record<string, string> = {
    MONGODB_URI: mongo.match[1].replace(/\/(\?|$)/, '/helpboard$1'),
    JWT_SECRET: 'load-benchmark-secret-that-is-long-enough-0123',
    REFERRALS_SECRET_KEY: 'c'.repeat(64),
    METRICS_TOKEN,
  };
  const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
  if (redisServer && !values['no-redis']) {
    const port = await freePort();
    const redis = spawn(
      redisServer,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    children.push(redis);
    for (
      let i = 0;
      i < 50 &&
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() !== 'PONG';
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
    env.REDIS_URL = `redis://127.0.0.1:${port}`;
  }
  const seeded = await startChild(root, 'bench/load/seed.ts', ['100', '100'], /SEED (.+)\n/, env);
  const seed = JSON.parse(seeded.match[1]) as LoadSeed;
  await once(seeded.child, 'exit');

  process.stdout.write(
    `load: ${clients} clients, ${seconds} s per run, ${seed.threads.length} threads on ${seed.boards.length} boards, ` +
      `${seed.tokens.length} users; ${env.REDIS_URL ? `Redis at ${env.REDIS_URL}` : 'no Redis'}\n`,
  );
  const server = resolve(root, 'bench/load/server.ts');
  const first = await startServerProcess(server, env, root);
  children.push(first.child);
  await runTraffic(seed, [first.url], clients, Math.min(5, seconds), readsOnly); // warm-up
  const one = await runTraffic(seed, [first.url], clients, seconds, readsOnly);
  process.stdout.write(line('1 instance', one));
  process.stdout.write(figuresLine(await serverFigures([first.url]), writesOf(one)));

  const second = await startServerProcess(server, env, root);
  children.push(second.child);
  await runTraffic(seed, [second.url], clients, Math.min(5, seconds), readsOnly); // warm-up of the new instance
  const before = await serverFigures([first.url, second.url]);
  const two = await runTraffic(seed, [first.url, second.url], clients, seconds, readsOnly);
  process.stdout.write(line('2 instances', two));
  const after = await serverFigures([first.url, second.url]);
  // Only this run's retries: the instances have counted the one-instance run's and the warm-ups' too.
  const retries = after.retries
    ? Object.fromEntries(Object.entries(after.retries).map(([k, n]) => [k, n - (before.retries?.[k] ?? 0)]))
    : null;
  process.stdout.write(figuresLine({ ...after, retries }, writesOf(two)));

  const sorted = [...two.latenciesMs].sort((a, b) => a - b);
  process.stdout.write(
    `scaling ratio (2 instances / 1): ${(two.requests / two.seconds / (one.requests / one.seconds)).toFixed(2)}; ` +
      `p99 / p50 with 2 instances: ${(percentile(sorted, 99) / percentile(sorted, 50)).toFixed(1)} (goal < 10)\n` +
      `answered mix with 2 instances: ${Object.entries(two.byKind)
        .map(([kind, n]) => `${kind} ${((100 * n) / two.requests).toFixed(0)}%`)
        .join(', ')}\n`,
  );
  await stopAll();
  children.length = 0;
  return { label, one, two };
}

const p50 = (r: TrafficResult, kind: string) =>
  percentile(
    [...(r.latenciesByKind[kind] ?? [])].sort((a, b) => a - b),
    50,
  );

/** This checkout against the compared one: throughput and the writes' p50, as ratios. */
function comparison(base: Measured, mine: Measured): string {
  const rows = (['one', 'two'] as const).map((run) => {
    const [b, m] = [base[run], mine[run]];
    const rate = (r: TrafficResult) => r.requests / r.seconds;
    return (
      `${run === 'one' ? '1 instance ' : '2 instances'}  req/s ${rate(b).toFixed(0)} → ${rate(m).toFixed(0)} ` +
      `(×${(rate(m) / rate(b)).toFixed(2)}); errors ${b.errors} → ${m.errors}; ` +
      ['answer', 'vote', 'thread']
        .map((kind) => `${kind} p50 ${p50(b, kind).toFixed(0)} → ${p50(m, kind).toFixed(0)} ms`)
        .join(', ')
    );
  });
  return `\n== ${base.label} → ${mine.label}\n${rows.join('\n')}\n`;
}

try {
  const results: Measured[] = [];
  if (values.compare) results.push(await measure('compared', resolve(values.compare)));
  results.push(await measure('this checkout', thisCheckout));
  if (results.length === 2) process.stdout.write(comparison(results[0], results[1]));
} finally {
  await stopAll();
}
