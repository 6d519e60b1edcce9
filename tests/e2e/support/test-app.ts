// Boots the real application on a random loopback port against a fresh in-memory engine, and
// talks to it the way clients do: GraphQL over HTTP and over WebSocket (graphql-ws).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type AppConfig, ManualClock, parseEnvironment, toAppConfig } from '@helpboard/core';
import { OutboxRelay } from '@helpboard/database';
import { type EmbeddedMongo, startEmbeddedMongo } from '@helpboard/mongo-embedded';
import { createApp } from '../../../apps/api/src/create-app.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  engine: EmbeddedMongo;
  clock: ManualClock;
  baseUrl: string;
  graphql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** A graphql-ws client; closed by `close()`. */
  websocket(connectionParams?: Record<string, unknown>): Client;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export const TEST_REFERRALS_SECRET_KEY = '7e'.repeat(32);

/**
 * `on`: another instance's engine, for a second instance of the app on the same database (its
 * `close()` then leaves the engine running).
 */
export async function startTestApp(env: Record<string, string> = {}, on?: EmbeddedMongo): Promise<TestApp> {
  const engine = on ?? (await startEmbeddedMongo());
  const config = toAppConfig(
    parseEnvironment({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      MONGODB_URI: engine.uri,
      JWT_SECRET: TEST_JWT_SECRET,
      REFERRALS_SECRET_KEY: TEST_REFERRALS_SECRET_KEY,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Suites send thousands of anonymous operations from one address while their clock stands
      // still; the budget has its own test (tests/e2e/query-cost.e2e-spec.ts), which lowers this.
      ANONYMOUS_QUERY_COST_PER_MINUTE: '1000000000',
      // Mail (.eml files) and uploads of a suite stay in its own folder, never in ./data.
      DATA_DIR: mkdtempSync(join(tmpdir(), 'helpboard-test-')),
      ...env,
    }),
  );
  const clock = new ManualClock(new Date());
  const app = await createApp(config, { clock });
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const clients: Client[] = [];

  return {
    app,
    config,
    engine,
    clock,
    baseUrl,
    graphql: graphqlAt(baseUrl),
    websocket(connectionParams) {
      const client = websocketAt(baseUrl, connectionParams);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
      await app.close();
      if (!on) await engine.stop();
    },
  };
}

/**
 * Waits until this instance has delivered every outbox message due: the after-commit jobs of the
 * writes made so far (insight buckets, tag counts) are applied. Counts those jobs keep lag a
 * write's response by a moment, so a test reads them after this.
 */
export async function afterCommitJobsDone(t: Pick<TestApp, 'app'>): Promise<void> {
  await t.app.get(OutboxRelay).nudge();
}

/** GraphQL over HTTP to the app at `baseUrl` (this process's or another's). */
export function graphqlAt(baseUrl: string): TestApp['graphql'] {
  return async (query, variables, options = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<any>;
  };
}

/** A lazy graphql-ws client of the app at `baseUrl`; the caller disposes of it. */
export function websocketAt(baseUrl: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Runs one operation over WebSocket and resolves with its single result. */
export function executeOverWebSocket<T = Record<string, any>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T | null; errors?: readonly { message: string; extensions?: Record<string, any> }[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: T | null; errors?: readonly { message: string; extensions?: Record<string, any> }[] };
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => (result = value as typeof result),
        error: reject,
        complete: () => resolve(result),
      },
    );
  });
}
