// The e2e helpers (accounts, boards, threads) talk to whatever has `graphql` and `websocket`: this
// gives them an instance running in another process.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from '../../e2e/support/test-app.js';
import { STRONG_PASSWORD, login, type TestUser, uniqueHandle } from '../../e2e/support/accounts.js';
import { type Cluster, type Instance, runCli } from './cluster.js';

export function clientOf(instance: Instance): TestApp {
  const clients: ReturnType<typeof createClient>[] = [];
  const client = {
    baseUrl: instance.baseUrl,
    async graphql(
      query: string,
      variables?: Record<string, unknown>,
      options: { token?: string; headers?: Record<string, string> } = {},
    ) {
      const response = await fetch(`${instance.baseUrl}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
    },
    websocket(connectionParams?: Record<string, unknown>) {
      const ws = createClient({
        url: `${instance.baseUrl.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: true,
      });
      clients.push(ws);
      return ws;
    },
    async close() {
      await Promise.all(clients.map((ws) => ws.dispose()));
    },
  };
  return client as unknown as TestApp;
}

/** A platform admin's handle, made with `npm run cli -- create-admin` (pass to `startCluster`'s `alongside`). */
export async function createAdminWithCli(shared: Cluster['shared'], handle = uniqueHandle('admin')): Promise<string> {
  await runCli(
    ['create-admin', '--email', `${handle}@example.com`, '--handle', handle],
    shared,
    `${STRONG_PASSWORD}\n`,
  );
  return handle;
}

export async function signIn(t: TestApp, handle: string): Promise<TestUser> {
  const response = await login(t, handle);
  const { accessToken, refreshToken, user } = response.data!.login;
  return { id: user.id, handle, email: `${handle}@example.com`, accessToken, refreshToken };
}
