// Mixed traffic (80% thread pages and board lists, 15% votes and answers, 5% search) from many
// concurrent clients against one API instance, then against two, all on one standalone embedded
// engine (and Redis when redis-server is installed); prints throughput, latency percentiles,
// errors and the scaling ratio two instances / one.
//
//   npm run bench -- load [--clients 200] [--duration 60] [--quick] [--no-redis] [--reads-only]
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
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
  },
});
const readsOnly = values['reads-only'];
const METRICS_TOKEN = 'load-benchmark-metrics-token';
const clients = values.quick ? 50 : Number(values.clients);
const seconds = values.quick ? 10 : Number(values.duration);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const children: ChildProcess[] = [];

/** Starts a TypeScript entry and resolves with the first match of `ready` in its output. */
async function startChild(entry: string, args: string[], ready: RegExp, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** From the instances' own /metrics: database commands per request and failed commands by name. */
async function databaseFigures(urls: string[]): Promise<string> {
  let commands = 0;
  let requests = 0;
  const failed: Record<string, number> = {};
  for (const url of urls) {
    const text = await (
      await fetch(url.replace('/graphql', '/metrics'), { headers: { 'x-metrics-token': METRICS_TOKEN } })
    ).text();
    for (const row of text.split('\n')) {
      const value = Number(row.slice(row.lastIndexOf(' ') + 1));
      if (row.startsWith('helpboard_db_round_trips_per_request_sum{')) commands += value;
      if (row.startsWith('helpboard_db_round_trips_per_request_count{')) requests += value;
      const failure = /^helpboard_db_commands_total\{command="([^"]+)",outcome="failed"\}/.exec(row);
      if (failure) failed[failure[1]] = (failed[failure[1]] ?? 0) + value;
    }
  }
  const failures = Object.entries(failed)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  return `${''.padEnd(14)} database: ${(commands / Math.max(requests, 1)).toFixed(1)} commands per request; failed commands (conflicts retried inside): ${failures || 'none'}\n`;
}

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
    `${''.padEnd(14)} p50 by kind: ${Object.entries(r.latenciesByKind)
      .map(
        ([kind, list]) =>
          `${kind} ${percentile(
            [...list].sort((a, b) => a - b),
            50,
          ).toFixed(1)} ms`,
      )
      .join(', ')}\n`
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void stopAll().then(() => process.exit(1)));

try {
  const mongo = await startChild(here('../../libs/mongo-embedded/src/cli.ts'), ['--port', '0'], /listening: (\S+)/);
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
  const seeded = await startChild(here('./seed.ts'), ['100', '100'], /SEED (.+)\n/, env);
  const seed = JSON.parse(seeded.match[1]) as LoadSeed;
  await once(seeded.child, 'exit');

  process.stdout.write(
    `load: ${clients} clients, ${seconds} s per run, ${seed.threads.length} threads on ${seed.boards.length} boards, ` +
      `${seed.tokens.length} users; ${env.REDIS_URL ? `Redis at ${env.REDIS_URL}` : 'no Redis'}\n`,
  );
  const first = await startServerProcess(here('./server.ts'), env);
  children.push(first.child);
  await runTraffic(seed, [first.url], clients, Math.min(5, seconds), readsOnly); // warm-up
  const one = await runTraffic(seed, [first.url], clients, seconds, readsOnly);
  process.stdout.write(line('1 instance', one));
  process.stdout.write(await databaseFigures([first.url]));

  const second = await startServerProcess(here('./server.ts'), env);
  children.push(second.child);
  await runTraffic(seed, [second.url], clients, Math.min(5, seconds), readsOnly); // warm-up of the new instance
  const two = await runTraffic(seed, [first.url, second.url], clients, seconds, readsOnly);
  process.stdout.write(line('2 instances', two));
  process.stdout.write(await databaseFigures([first.url, second.url]));

  const sorted = [...two.latenciesMs].sort((a, b) => a - b);
  process.stdout.write(
    `scaling ratio (2 instances / 1): ${(two.requests / two.seconds / (one.requests / one.seconds)).toFixed(2)}; ` +
      `p99 / p50 with 2 instances: ${(percentile(sorted, 99) / percentile(sorted, 50)).toFixed(1)} (goal < 10)\n` +
      `answered mix with 2 instances: ${Object.entries(two.byKind)
        .map(([kind, n]) => `${kind} ${((100 * n) / two.requests).toFixed(0)}%`)
        .join(', ')}\n`,
  );
} finally {
  await stopAll();
}
