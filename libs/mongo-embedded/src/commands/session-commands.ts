// killSessions and killAllSessions: end the sessions' transactions at once (the drivers' test
// runners call killAllSessions between tests to clear transactions left open).
import { Binary, type Document } from 'bson';
import { type CommandHandler } from './context.js';

function sessionId(lsid: Document): string {
  const id = lsid.id as unknown;
  return id instanceof Binary ? Buffer.from(id.buffer).toString('hex') : String(id);
}

const killSessions: CommandHandler = (command, { transactions }) => {
  for (const lsid of (command.killSessions as Document[]) ?? []) transactions.endSession(sessionId(lsid));
  return { ok: 1 };
};

/** Every session is killed: running transactions abort (their clients get NoSuchTransaction). */
const killAllSessions: CommandHandler = (_command, { transactions }) => {
  // Aborting those older than "now + forever" aborts every running one.
  transactions.abortExpired(Number.POSITIVE_INFINITY);
  return { ok: 1 };
};

export const sessionCommands: Record<string, CommandHandler> = {
  killSessions,
  killAllSessions,
  killAllSessionsByPattern: killAllSessions,
};
