// The entities a unified test creates (clients with their observed command events, databases,
// collections, sessions), fresh for each test.
import { deserialize, type Document, serialize } from 'bson';
import {
  type ClientSession,
  type Collection,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type CommandFailedEvent,
  type Db,
  MongoClient,
} from 'mongodb';
import { UnsupportedError } from './matcher.js';

export type CommandEvent = CommandStartedEvent | CommandSucceededEvent | CommandFailedEvent;

export interface ClientEntity {
  client: MongoClient;
  events: { kind: string; event: CommandEvent }[];
}

/** Commands the format says a runner never reports (handshakes, authentication). */
const SENSITIVE = new Set(['hello', 'ismaster', 'isMaster', 'saslStart', 'saslContinue', 'authenticate', 'getnonce']);

export class Entities {
  readonly values = new Map<string, unknown>();
  readonly clients = new Map<string, ClientEntity>();
  /** Each session's lsid, kept after it ends (expectations refer to it). */
  readonly lsids = new Map<string, Document>();

  constructor(
    private readonly uri: string,
    /** Whether the target replica set has one member (no secondary to select). */
    private readonly isSingleMember: boolean,
  ) {}

  /** An entity; `lsid:<session>` is that session's lsid, kept after it ends. */
  get = (id: string): unknown => {
    if (id.startsWith('lsid:')) return this.lsids.get(id.slice(5));
    if (!this.values.has(id)) throw new Error(`no entity ${id}`);
    return this.values.get(id);
  };

  async create(definitions: Document[]): Promise<void> {
    for (const definition of definitions) {
      const [kind, spec] = Object.entries(definition)[0] as [string, Document];
      if (kind === 'client') await this.createClient(spec);
      else if (kind === 'database') {
        const { client } = this.clients.get(spec.client as string)!;
        this.values.set(spec.id as string, client.db(spec.databaseName as string, spec.databaseOptions as Document));
      } else if (kind === 'collection') {
        const db = this.values.get(spec.database as string) as Db;
        this.values.set(
          spec.id as string,
          db.collection(spec.collectionName as string, spec.collectionOptions as Document),
        );
      } else if (kind === 'session') {
        const { client } = this.clients.get(spec.client as string)!;
        const session = client.startSession(spec.sessionOptions as Document);
        this.values.set(spec.id as string, session);
        this.lsids.set(spec.id as string, session.id as Document);
      } else throw new UnsupportedError(`entity ${kind}`);
    }
  }

  private async createClient(spec: Document): Promise<void> {
    if (spec.storeEventsAsEntities || spec.observeLogMessages || spec.autoEncryptOpts)
      throw new UnsupportedError('client option');
    const uriOptions = { ...((spec.uriOptions as Document) ?? {}) };
    // Connecting selects a server by the client's read preference: `secondary` is never met by a
    // one-member replica set (a real single-node mongod times out the same way).
    if (uriOptions.readPreference === 'secondary' && this.isSingleMember)
      throw new UnsupportedError('a client reading from secondaries needs a replica set with a secondary');
    if ('appname' in uriOptions) {
      uriOptions.appName = uriOptions.appname;
      delete uriOptions.appname;
    }
    const client = new MongoClient(this.uri, { ...uriOptions, monitorCommands: true, serverMonitoringMode: 'poll' });
    const observed = new Set((spec.observeEvents as string[]) ?? []);
    const ignored = new Set([...((spec.ignoreCommandMonitoringEvents as string[]) ?? []), 'configureFailPoint']);
    const entity: ClientEntity = { client, events: [] };
    const record = (kind: string) => (event: CommandEvent) => {
      if (!observed.has(kind) || ignored.has(event.commandName)) return;
      if (!spec.observeSensitiveCommands && SENSITIVE.has(event.commandName)) return;
      entity.events.push({ kind, event: snapshot(event) });
    };
    client.on('commandStarted', record('commandStartedEvent'));
    client.on('commandSucceeded', record('commandSucceededEvent'));
    client.on('commandFailed', record('commandFailedEvent'));
    // Not connected here: connecting selects a server by the client's read preference, which a
    // one-member set without secondaries never satisfies; operations connect as they need.
    this.clients.set(spec.id as string, entity);
    this.values.set(spec.id as string, client);
  }

  session(id: string | undefined): ClientSession | undefined {
    return id === undefined ? undefined : (this.values.get(id) as ClientSession);
  }

  collection(id: string): Collection {
    return this.values.get(id) as Collection;
  }

  async close(): Promise<void> {
    for (const value of this.values.values())
      if (value && typeof value === 'object' && 'endSession' in value)
        await (value as ClientSession).endSession().catch(() => undefined);
    for (const { client } of this.clients.values()) await client.close().catch(() => undefined);
  }
}

/**
 * The event as it was when the driver sent (or received) it: the driver reuses some objects of a
 * command (a transaction's readConcern) and later adds to them (afterClusterTime), which would
 * otherwise show up in events recorded earlier.
 */
function snapshot(event: CommandEvent): CommandEvent {
  const copy = Object.create(Object.getPrototypeOf(event) as object) as CommandEvent;
  Object.assign(copy, event);
  for (const field of ['command', 'reply'] as const) {
    const value = (event as unknown as Record<string, unknown>)[field];
    if (value && typeof value === 'object')
      (copy as unknown as Record<string, unknown>)[field] = deserialize(
        serialize(value as Document, { ignoreUndefined: true }),
        {
          promoteValues: false,
          promoteLongs: false,
        },
      );
  }
  return copy;
}
