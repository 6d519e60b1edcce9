// Multi-document transactions. Reads see a snapshot: the committed data as of the start plus the
// transaction's own writes (documents others change meanwhile are remembered as they were).
// Writes go to a private overlay and lock their documents; another transaction touching a locked
// document, or one changed since this transaction started, gets WriteConflict
// (TransientTransactionError), which the drivers retry. Commit applies the overlay atomically;
// abort drops it.
import { type Document } from 'bson';
import { MongoCommandError, writeConflict } from '../errors.js';
import { type MemoryCollection } from './collection.js';
import { type Operation, Store } from './store.js';

export const TRANSACTION_LIFETIME_MS = 60_000;

export class Transaction {
  readonly writes = new Map<string, Map<string, Document | null>>();
  /** Documents committed by others since the start, as they were at the start (null: absent then). */
  readonly before = new Map<string, Map<string, Document | null>>();
  isCommitting = false;
  /** Every document this transaction locked (by ns, then key), written or not (a matched-then-skipped update locks too). */
  readonly locked = new Map<string, Set<string>>();
  /** Per `ns\0index`, for unique indexes: key → overlay documents holding it (see TransactionView). */
  readonly uniqueKeys = new Map<string, Map<string, Set<string>>>();
  /** Per ns, the overlay's documents with the collection's indexes, built on the first query that needs them. */
  readonly indexedOverlays = new Map<string, MemoryCollection>();
  state: 'active' | 'committed' | 'aborted' = 'active';
  private release!: () => void;
  /** Settles when the transaction ends; writers outside it wait on this for its locks. */
  readonly ended = new Promise<void>((resolve) => (this.release = resolve));

  constructor(
    readonly id: string,
    readonly txnNumber: number,
    readonly startVersion: number,
    readonly startedAt: number,
  ) {}

  overlay(ns: string): Map<string, Document | null> {
    let map = this.writes.get(ns);
    if (!map) this.writes.set(ns, (map = new Map()));
    return map;
  }

  end(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.release();
  }
}

export class TransactionManager {
  /** ns → docKey → the transaction holding the document (nested: no key string built per write). */
  readonly locks = new Map<string, Map<string, Transaction>>();
  /** lsid → its latest transaction. */
  private readonly sessions = new Map<string, Transaction>();
  /** Running transactions, whose snapshots need the old state of documents others change. */
  private readonly active = new Set<Transaction>();

  constructor(private readonly store: Store) {
    store.beforeDocumentChange = (ns, key, previous) => this.keepForSnapshots(ns, key, previous);
  }

  /** The first committed change to a document after a transaction began: remember its old state. */
  private keepForSnapshots(ns: string, key: string, previous: Document | null): void {
    for (const txn of this.active) {
      if (txn.isCommitting) continue;
      let map = txn.before.get(ns);
      if (!map) txn.before.set(ns, (map = new Map()));
      if (!map.has(key)) map.set(key, previous);
    }
  }

  begin(lsid: string, txnNumber: number, now: number): Transaction {
    const previous = this.sessions.get(lsid);
    if (previous && previous.txnNumber >= txnNumber && previous.state !== 'aborted') {
      throw new MongoCommandError(
        'TransactionTooOld',
        `txnNumber ${txnNumber} is not newer than ${previous.txnNumber}`,
      );
    }
    if (previous?.state === 'active') this.abort(previous);
    const txn = new Transaction(`${lsid}:${txnNumber}`, txnNumber, this.store.version, now);
    this.sessions.set(lsid, txn);
    this.active.add(txn);
    return txn;
  }

  /** The session's transaction with this number, if it is still running. */
  get(lsid: string, txnNumber: number, now: number): Transaction {
    const txn = this.sessions.get(lsid);
    if (!txn || txn.txnNumber !== txnNumber) throw noSuchTransaction(txnNumber);
    if (txn.state === 'active' && now - txn.startedAt > TRANSACTION_LIFETIME_MS) this.abort(txn);
    return txn;
  }

  /** Locks a document for `txn` or fails with WriteConflict, as MongoDB does (first writer wins). */
  lock(txn: Transaction, ns: string, docKey: string): void {
    let locks = this.locks.get(ns);
    if (!locks) this.locks.set(ns, (locks = new Map()));
    const holder = locks.get(docKey);
    if (holder === txn) return;
    if (holder) throw writeConflict();
    // Changed by another writer since this transaction began (its snapshot kept the old state).
    if (txn.before.get(ns)?.has(docKey)) throw writeConflict();
    locks.set(docKey, txn);
    let mine = txn.locked.get(ns);
    if (!mine) txn.locked.set(ns, (mine = new Set()));
    mine.add(docKey);
  }

  lockHolder(ns: string, docKey: string): Transaction | undefined {
    return this.locks.get(ns)?.get(docKey);
  }

  /** Turns the overlay into operations and applies them; the caller journals them. */
  commit(txn: Transaction): Operation[] {
    const operations: Operation[] = [];
    for (const [ns, writes] of txn.writes) {
      const collection = this.store.collection(ns);
      for (const [key, doc] of writes) {
        const exists = collection?.docs.has(key) ?? false;
        if (doc === null) {
          if (exists) operations.push({ op: 'delete', ns, key });
        } else if (exists) operations.push({ op: 'replace', ns, key, doc });
        else operations.push({ op: 'insert', ns, doc });
      }
    }
    try {
      txn.isCommitting = true;
      this.store.apply(operations);
    } catch (error) {
      txn.isCommitting = false;
      this.abort(txn);
      // A concurrent writer took a unique key meanwhile: retrying will report it properly.
      if (error instanceof MongoCommandError && error.codeName === 'DuplicateKey') throw writeConflict();
      throw error;
    }
    this.finish(txn, 'committed');
    return operations;
  }

  abort(txn: Transaction): void {
    if (txn.state === 'active') this.finish(txn, 'aborted');
  }

  /** Aborts transactions that outlived their limit (a crashed client never commits). */
  abortExpired(now: number): void {
    for (const txn of this.sessions.values()) {
      if (txn.state === 'active' && now - txn.startedAt > TRANSACTION_LIFETIME_MS) this.abort(txn);
    }
  }

  endSession(lsid: string): void {
    const txn = this.sessions.get(lsid);
    if (txn) this.abort(txn);
    this.sessions.delete(lsid);
  }

  private finish(txn: Transaction, state: 'committed' | 'aborted'): void {
    this.active.delete(txn);
    txn.before.clear();
    txn.indexedOverlays.clear();
    for (const [ns, keys] of txn.locked) {
      const locks = this.locks.get(ns);
      for (const key of keys) if (locks?.get(key) === txn) locks.delete(key);
      if (locks?.size === 0) this.locks.delete(ns);
    }
    txn.end(state);
  }
}

export function noSuchTransaction(txnNumber: number): MongoCommandError {
  return new MongoCommandError(
    'NoSuchTransaction',
    `Transaction with { txnNumber: ${txnNumber} } has been aborted.`,
    {},
    ['TransientTransactionError'],
  );
}
