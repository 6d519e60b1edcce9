// The e2e helpers (accounts, boards, threads) talk to whatever has `graphql` and `websocket`: this
// gives them an instance running in another process.
import type { Client } from 'graphql-ws';
import { graphqlAt, type TestApp, websocketAt } from '../../e2e/support/test-app.js';
import { STRONG_PASSWORD, login, type TestUser, uniqueHandle } from '../../e2e/support/accounts.js';
import { type Cluster, type Instance, runCli } from './cluster.js';

export function clientOf(instance: Instance): TestApp & { close(): Promise<void> } {
  const clients: Client[] = [];
  const client = {
    baseUrl: instance.baseUrl,
    // Where the instance writes its mail (registerUser reads sign-up links there).
    config: { dataDir: instance.dataDir },
    graphql: graphqlAt(instance.baseUrl),
    websocket(connectionParams?: Record<string, unknown>) {
      const ws = websocketAt(instance.baseUrl, connectionParams);
      clients.push(ws);
      return ws;
    },
    async close() {
      await Promise.all(clients.map((ws) => ws.dispose()));
    },
  };
  return client as unknown as TestApp & { close(): Promise<void> };
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
