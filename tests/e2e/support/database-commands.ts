// Counts what the app asks of the database while some work runs: how tests check that a page
// costs a fixed number of round trips. The outbox poll runs on its own clock and is left out;
// callers wait for the writes' after-commit jobs (afterCommitJobsDone) before they count.
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { TestApp } from './test-app.js';

/** Each command sent during `work`, as "<command> <collection>" (e.g. "find threads"). */
export async function databaseCommandsDuring(t: Pick<TestApp, 'app'>, work: () => Promise<unknown>): Promise<string[]> {
  const client = t.app.get<Connection>(getConnectionToken()).getClient();
  const commands: string[] = [];
  const listener = (event: { commandName: string; command: Record<string, unknown> }) => {
    const collection = String(event.command[event.commandName]);
    if (collection !== 'outbox') commands.push(`${event.commandName} ${collection}`);
  };
  client.on('commandStarted', listener);
  try {
    await work();
  } finally {
    client.off('commandStarted', listener);
  }
  return commands;
}

/** Only the reads among them (find and aggregate). */
export const readsAmong = (commands: readonly string[]) => commands.filter((c) => /^(find|aggregate) /.test(c));
