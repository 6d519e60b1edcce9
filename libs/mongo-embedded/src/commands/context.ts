// What a command handler works with.
import { type Document, Long } from 'bson';
import { type DocumentView } from '../storage/document-view.js';
import { type Operation, Store } from '../storage/store.js';
import { TransactionManager } from '../storage/transaction.js';
import { type Collation, effectiveCollation } from '../query/collation.js';

export interface ServerInfo {
  host: string;
  port: number;
  /** Set when the engine listens on a Unix domain socket: its address for the drivers. */
  socketPath?: string;
  setName: string;
  startedAt: Date;
  /** mongod's enableTestCommands: configureFailPoint exists only then. */
  enableTestCommands?: boolean;
  /** The data directory (absolute), as mongod's storage.dbPath; absent for a temporary store. */
  dbPath?: string;
}

export interface OpenCursor {
  ns: string;
  documents: Document[];
  position: number;
  batchSize: number;
}

export class CursorRegistry {
  private readonly cursors = new Map<string, OpenCursor>();
  private nextId = 1n;

  /** Returns the first batch and, if more remain, a cursor id for getMore (else 0). */
  open(
    ns: string,
    documents: Document[],
    batchSize: number,
    isSingleBatch = false,
  ): { id: Long; firstBatch: Document[] } {
    const size = batchSize > 0 ? batchSize : 101;
    const firstBatch = documents.slice(0, size);
    if (isSingleBatch || documents.length <= size) return { id: Long.ZERO, firstBatch };
    const id = this.nextId++;
    this.cursors.set(id.toString(), { ns, documents, position: size, batchSize: size });
    return { id: Long.fromBigInt(id), firstBatch };
  }

  get(id: Long | number | bigint): OpenCursor | undefined {
    return this.cursors.get(BigInt(id.toString()).toString());
  }

  close(id: Long | number | bigint): boolean {
    return this.cursors.delete(BigInt(id.toString()).toString());
  }

  get size(): number {
    return this.cursors.size;
  }
}

export interface CommandContext {
  store: Store;
  transactions: TransactionManager;
  cursors: CursorRegistry;
  server: ServerInfo;
  view: DocumentView;
  db: string;
  now: Date;
  /** Sessions this server has seen recently, for $listLocalSessions. */
  localSessions?: () => Document[];
  /** Applies schema-level operations (collections, indexes) now and journals them with the reply. */
  applyOperations(operations: Operation[]): void;
}

export type CommandHandler = (command: Document, context: CommandContext) => Document | Promise<Document>;

/** The collation an operation on `ns` runs with: its own, else the collection's default. */
export function collationFor(context: CommandContext, ns: string, requested: unknown): Collation | undefined {
  return effectiveCollation(requested, context.store.collection(ns)?.options?.collation);
}
