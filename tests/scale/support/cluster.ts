// Real parts on loopback for the multi-instance tests: a redis-server, the embedded engine as a
// standalone server, API instances and workers as child processes (from sources, no build).
// Every process is killed when the suite ends; ports are free ones picked at start.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_JWT_SECRET, TEST_REFERRALS_SECRET_KEY } from '../../e2e/support/test-app.js';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const hasRedis = existsSync(REDIS_SERVER);
const ROOT = join(import.meta.dirname, '..', '..', '..');
// Generous: a loaded CI machine boots several processes at once.
const STARTUP_MS = 120_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `condition` until it holds (no fixed sleeps); throws with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  condition: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Children still running; killed if the test process ends without its afterAll (a crash, a timeout). */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A child process whose output is kept (shown when a start-up fails). */
class Child {
  output = '';
  readonly exited: Promise<number | null>;
  constructor(readonly process: ChildProcess) {
    running.add(process);
    process.once('exit', () => running.delete(process));
    process.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    process.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }
  get isRunning(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.isRunning) return;
    this.process.kill(signal);
    await this.exited;
  }
}

function node(entry: string, args: string[], env: Record<string, string>): Child {
  return new Child(
    spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  );
}

export class RedisServer {
  private child?: Child;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const child = new Child(
      spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']),
    );
    this.child = child;
    await eventually(
      'redis-server',
      async () =>
        child.output.includes('Ready to accept connections') ||
        (!child.isRunning && Promise.reject(new Error(child.output))),
    );
  }
  stop(): Promise<void> {
    return this.child?.kill() ?? Promise.resolve();
  }
}

export class EngineServer {
  private child?: Child;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'helpboard-scale-db-'));
  constructor(readonly port: number) {}
  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/helpboard?replicaSet=helpboard-embedded`;
  }
  async start(): Promise<void> {
    const child = node('libs/mongo-embedded/src/cli.ts', ['--port', String(this.port), '--data-dir', this.dataDir], {});
    this.child = child;
    await eventually(
      'mongo-embedded',
      async () => child.output.includes('listening') || (!child.isRunning && Promise.reject(new Error(child.output))),
      STARTUP_MS,
    );
  }
  /** SIGKILL: no chance to flush anything but what it acknowledged durably. */
  stop(): Promise<void> {
    return this.child?.kill() ?? Promise.resolve();
  }
}

export interface InstanceOptions {
  role: 'api' | 'worker';
  env?: Record<string, string>;
}

/** An API instance or a worker, reachable on its own port. */
export class Instance {
  private child?: Child;
  port = 0;
  constructor(
    private readonly options: InstanceOptions,
    private readonly shared: { mongodbUri: string; redisUrl: string; dataDir: string },
  ) {}
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get dataDir(): string {
    return this.shared.dataDir;
  }
  get output(): string {
    return this.child?.output ?? '';
  }
  async start(): Promise<void> {
    this.port = await freePort();
    const child = node(`apps/api/src/${this.options.role === 'api' ? 'main' : 'worker'}.ts`, [], {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      MONGODB_URI: this.shared.mongodbUri,
      REDIS_URL: this.shared.redisUrl,
      DATA_DIR: this.shared.dataDir,
      JWT_SECRET: TEST_JWT_SECRET,
      REFERRALS_SECRET_KEY: TEST_REFERRALS_SECRET_KEY,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      ...this.options.env,
    });
    this.child = child;
    await eventually(
      `${this.options.role} on port ${this.port}`,
      async () => {
        if (!child.isRunning) throw new Error(`exited:\n${child.output}`);
        return (await fetch(`${this.baseUrl}/healthz`)).ok;
      },
      STARTUP_MS,
    );
  }
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    return this.child?.kill(signal) ?? Promise.resolve();
  }
}

/** The CLI, e.g. `create-admin`, with `input` on stdin; resolves with its output. */
export async function runCli(
  args: string[],
  shared: { mongodbUri: string; dataDir: string },
  input = '',
): Promise<string> {
  const child = node('apps/api/src/cli.ts', args, {
    NODE_ENV: 'test',
    MONGODB_URI: shared.mongodbUri,
    DATA_DIR: shared.dataDir,
    JWT_SECRET: TEST_JWT_SECRET,
    REFERRALS_SECRET_KEY: TEST_REFERRALS_SECRET_KEY,
    LOG_LEVEL: 'silent',
  });
  child.process.stdin!.end(input);
  const code = await child.exited;
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited ${code}:\n${child.output}`);
  return child.output;
}

export interface Cluster {
  redis: RedisServer;
  engine: EngineServer;
  apis: Instance[];
  workers: Instance[];
  dataDir: string;
  shared: { mongodbUri: string; redisUrl: string; dataDir: string };
  close(): Promise<void>;
}

/** Redis, the engine, `apis` API instances and `workers` workers, started together. */
export async function startCluster(options: {
  apis: number;
  workers: number;
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** Runs once the engine is up, while the instances start (e.g. the CLI creating an admin). */
  alongside?: (shared: Cluster['shared']) => Promise<unknown>;
}): Promise<Cluster> {
  const [redisPort, enginePort] = await Promise.all([freePort(), freePort()]);
  const redis = new RedisServer(redisPort);
  const engine = new EngineServer(enginePort);
  const dataDir = mkdtempSync(join(tmpdir(), 'helpboard-scale-'));
  const shared = { mongodbUri: engine.uri, redisUrl: redis.url, dataDir };
  const apis = Array.from({ length: options.apis }, () => new Instance({ role: 'api', env: options.apiEnv }, shared));
  const workers = Array.from(
    { length: options.workers },
    () => new Instance({ role: 'worker', env: options.workerEnv }, shared),
  );
  const cluster: Cluster = {
    redis,
    engine,
    apis,
    workers,
    dataDir,
    shared,
    async close() {
      await Promise.all([...apis, ...workers].map((instance) => instance.kill()));
      await Promise.all([redis.stop(), engine.stop()]);
    },
  };
  try {
    await Promise.all([redis.start(), engine.start()]);
    await Promise.all([...[...apis, ...workers].map((instance) => instance.start()), options.alongside?.(shared)]);
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}
