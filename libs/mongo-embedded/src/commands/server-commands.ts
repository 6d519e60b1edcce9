// Handshake and server-information commands.
import { type Document, ObjectId } from 'bson';
import { type CommandHandler, type CommandContext } from './context.js';

const MAX_WIRE_VERSION = 21; // MongoDB 7.0
const processId = new ObjectId();

function hello(_command: Document, { server, now }: CommandContext): Document {
  const address = server.socketPath ?? `${server.host}:${server.port}`;
  return {
    helloOk: true,
    isWritablePrimary: true,
    ismaster: true,
    // A single-member replica set: the drivers only allow transactions on replica sets.
    setName: server.setName,
    setVersion: 1,
    hosts: [address],
    me: address,
    primary: address,
    secondary: false,
    electionId: processId,
    lastWrite: { lastWriteDate: now, majorityWriteDate: now },
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: 1,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

export const serverCommands: Record<string, CommandHandler> = {
  hello,
  ismaster: hello,
  isMaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo: () => ({
    version: '7.0.0',
    gitVersion: 'helpboard-embedded',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['helpboard-embedded'],
    ok: 1,
  }),
  buildinfo: (c, ctx) => serverCommands.buildInfo(c, ctx),
  hostInfo: () => ({ system: { hostname: 'localhost', numCores: 1 }, os: { type: process.platform }, ok: 1 }),
  getParameter: (command) => ({
    ...(command.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' } } : {}),
    ok: 1,
  }),
  // As mongod: where its files are (`cli backup` copies the store from there when it can reach it).
  getCmdLineOpts: (_c, { server }) => ({
    argv: ['mongo-embedded'],
    parsed: server.dbPath ? { storage: { dbPath: server.dbPath } } : {},
    ok: 1,
  }),
  whatsmyuri: () => ({ you: '127.0.0.1', ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  serverStatus: (_c, { server, now, cursors }) => ({
    host: `${server.host}:${server.port}`,
    version: '7.0.0',
    process: 'mongo-embedded',
    pid: process.pid,
    uptime: Math.floor((now.getTime() - server.startedAt.getTime()) / 1000),
    localTime: now,
    metrics: { cursor: { open: { total: cursors.size } } },
    ok: 1,
  }),
  dbStats: (_c, { store, db }) => {
    const collections = [...(store.databases.get(db)?.values() ?? [])];
    const objects = collections.reduce((n, c) => n + c.docs.size, 0);
    return {
      db,
      collections: collections.length,
      objects,
      indexes: collections.reduce((n, c) => n + c.indexes.size + 1, 0),
      ok: 1,
    };
  },
  endSessions: (command, { transactions }) => {
    for (const session of (command.endSessions as Document[]) ?? [])
      transactions.endSession(String(session.id?.toString('hex') ?? session.id));
    return { ok: 1 };
  },
};
