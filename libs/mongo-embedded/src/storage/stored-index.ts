// An index on disk: one entry per (key, document) in the entries table, under the index's id,
// its key encoded to sort in MongoDB's order (key-encoding.ts) and followed by the document
// ref, so equal keys sit together and a range of keys is a range of bytes. An entry's value is
// the document's key; when a long string was cut in the key, it is marked (CUT, then where the
// cut string ends) so scans order the entries tied on that prefix by their full values. Unique checks read
// the entries of a key; multikey fields are remembered in the catalog (as MongoDB does, a field
// stays multikey once an array was indexed there).
//
// An index with a collation is the exception: the store orders bytes, and Intl.Collator offers no
// sort keys to turn a string into bytes in the collation's order. Such an index keeps its entries
// in memory, ordered by the collator (CollectionIndex's SortedKeys), built from the documents when
// the collection is opened and kept in step by every write; a write that aborts undoes its
// changes there too (DiskStore.undoOnAbort). See docs/engine-fidelity.md.
import { type Document } from 'bson';
import { EMPTY_ARRAY_KEY } from './bson-order.js';
import { CollectionIndex, type IndexSpec, type KeyRange } from './collection-index.js';
import { documentRef, type DiskStore, u32 } from './disk-store.js';
import { KeyWriter, writeTuple } from './key-encoding.js';
import { MongoCommandError } from '../errors.js';

/** LMDB's largest key. */
const MAX_KEY_BYTES = 1978;
const AFTER = 0xff;
/** First byte of an entry value whose key holds a cut string (never the first byte of UTF-8). */
const CUT = 0xff;

/** The document key an entry's value names. */
function docKeyOf(value: Buffer): string {
  return (value[0] === CUT ? value.subarray(3) : value).toString('utf8');
}

/** Where the cut string of an entry's key ends (tied entries share the bytes before), or -1. */
function cutEndOf(value: Buffer): number {
  return value[0] === CUT ? value.readUInt16BE(1) : -1;
}

export class StoredIndex extends CollectionIndex {
  private readonly prefix: Buffer;
  private readonly end: Buffer;

  constructor(
    spec: IndexSpec,
    readonly id: number,
    private readonly disk: DiskStore,
    readonly multikey: boolean[],
    /** Reads a committed document of the collection (unique checks compare the documents). */
    private readonly documentOf: (docKey: string) => Document | undefined,
    /** Called (inside the write) when a field first becomes multikey, to record it. */
    private readonly onMultikey: () => void,
    /** The collection's committed documents (a collated index is built from them). */
    private readonly documents: () => Iterable<[string, Document]>,
  ) {
    super(spec);
    this.prefix = u32(id);
    this.end = u32(id + 1);
  }

  /** Entries in memory in collation order rather than on disk in byte order. */
  private get isInMemory(): boolean {
    return this.collation !== undefined;
  }

  /** An existing index opened: a collated one builds its entries from the documents. */
  open(): this {
    if (this.isInMemory) this.fill();
    return this;
  }

  private fill(): void {
    for (const [docKey, doc] of this.documents()) super.add(docKey, doc);
  }

  override isMultikey(fieldIndex: number): boolean {
    if (this.isInMemory) return super.isMultikey(fieldIndex);
    return this.multikey[fieldIndex] === true;
  }

  /** The entries of a document: its key tuple, the entry key (prefix, encoded key, ref) and where a cut string ends. */
  private entriesOf(docKey: string, doc: Document): { entries: StoredEntry[]; arrays: boolean[] } {
    const { entries, arrays } = this.orderedEntries(docKey, doc);
    const ref = documentRef(docKey);
    const stored = entries.map(({ key }) => {
      const out = new KeyWriter();
      out.bytes(this.prefix);
      writeTuple(out, key, this.directions);
      out.bytes(ref);
      if (out.length > MAX_KEY_BYTES)
        throw new MongoCommandError('KeyTooLong', `key too large to index in ${this.name} (${out.length} bytes)`);
      return { tuple: key, bytes: out.result(), cutEnd: out.cutEnd };
    });
    return { entries: stored, arrays };
  }

  override add(docKey: string, doc: Document): void {
    if (this.isInMemory) {
      super.add(docKey, doc);
      this.disk.undoOnAbort(() => super.remove(docKey, doc));
      return;
    }
    const { entries, arrays } = this.entriesOf(docKey, doc);
    const plain = Buffer.from(docKey, 'utf8');
    for (const { bytes, cutEnd } of entries) {
      const value = cutEnd < 0 ? plain : Buffer.concat([Buffer.from([CUT, cutEnd >> 8, cutEnd & 0xff]), plain]);
      this.disk.entries.putSync(bytes, value);
    }
    if (arrays.some((isArray, i) => isArray && !this.multikey[i])) {
      arrays.forEach((isArray, i) => isArray && (this.multikey[i] = true));
      this.onMultikey();
    }
  }

  override remove(docKey: string, doc: Document): void {
    if (this.isInMemory) {
      super.remove(docKey, doc);
      this.disk.undoOnAbort(() => super.add(docKey, doc));
      return;
    }
    for (const { bytes } of this.entriesOf(docKey, doc).entries) this.disk.entries.removeSync(bytes);
  }

  /** Removes every entry (the index is dropped). */
  override clear(): void {
    if (this.isInMemory) {
      super.clear();
      // Aborted, the documents are back on disk: the entries come from them again.
      this.disk.undoOnAbort(() => {
        super.clear();
        this.fill();
      });
      return;
    }
    for (const key of this.disk.entries.getKeys({ start: this.prefix, end: this.end }))
      this.disk.entries.removeSync(key);
  }

  override conflictFor(docKey: string, doc: Document, isOther: (key: string) => boolean = () => true): Document | null {
    if (this.isInMemory) return super.conflictFor(docKey, doc, isOther);
    if (!this.isUnique) return null;
    for (const tuple of this.uniqueTuples(doc)) {
      for (const holder of this.holdersOf(tuple)) {
        if (holder === docKey || !isOther(holder)) continue;
        const other = this.documentOf(holder);
        const keyValue = other && this.sharesKey(doc, other);
        if (keyValue) return keyValue;
      }
    }
    return null;
  }

  /**
   * Key tuples to look up for uniqueness: missing, null and an empty array are one key there,
   * while the ordered entries keep an empty array apart, so each null also looks for [].
   */
  private uniqueTuples(doc: Document): unknown[][] {
    const { entries } = this.orderedEntries('', doc);
    let tuples = entries.map((entry) => entry.key.map((v) => (v === EMPTY_ARRAY_KEY ? null : v)));
    for (let i = 0; i < this.fields.length; i++) {
      tuples = tuples.flatMap((tuple) =>
        tuple[i] === null ? [tuple, tuple.map((v, j) => (j === i ? EMPTY_ARRAY_KEY : v))] : [tuple],
      );
    }
    return tuples;
  }

  private *holdersOf(tuple: unknown[]): Generator<string> {
    const out = new KeyWriter();
    out.bytes(this.prefix);
    writeTuple(out, tuple, this.directions);
    const start = out.result();
    const end = Buffer.concat([start, Buffer.from([AFTER])]);
    for (const { value } of this.disk.entries.getRange({ start, end })) yield docKeyOf(value);
  }

  private bounds(range: KeyRange): { start: Buffer; end: Buffer } {
    const edge = (tuple: unknown[], isAfter: boolean, isUpper: boolean) => {
      const out = new KeyWriter();
      out.bytes(this.prefix);
      writeTuple(out, tuple, this.directions);
      if (out.cutEnd >= 0) {
        // A cut string stands for every string of its prefix: the bound widens to all of them
        // (whatever follows), and the filter re-tests the documents.
        const cut = out.result().subarray(0, out.cutEnd);
        return isUpper ? Buffer.concat([cut, Buffer.from([AFTER])]) : cut;
      }
      if (isAfter) out.byte(AFTER);
      return out.result();
    };
    return { start: edge(range.lo, range.loAfter, false), end: edge(range.hi, range.hiAfter, true) };
  }

  override countRange(range: KeyRange, cap = Infinity): number {
    if (this.isInMemory) return super.countRange(range, cap);
    const { start, end } = this.bounds(range);
    if (Buffer.compare(start, end) >= 0) return 0;
    let count = 0;
    for (const _key of this.disk.entries.getKeys({ start, end, limit: Number.isFinite(cap) ? cap : undefined }))
      count++;
    return count;
  }

  override *scanRange(range: KeyRange, isBackward: boolean): Generator<string> {
    if (this.isInMemory) {
      yield* super.scanRange(range, isBackward);
      return;
    }
    const { start, end } = this.bounds(range);
    if (Buffer.compare(start, end) >= 0) return;
    const entries = isBackward
      ? this.disk.entries.getRange({ start: end, end: start, reverse: true, exclusiveStart: true })
      : this.disk.entries.getRange({ start, end });
    let tied: { key: Buffer; value: Buffer }[] = [];
    for (const { key, value } of entries) {
      if (tied.length > 0) {
        const cutEnd = cutEndOf(tied[0].value);
        if (key.length >= cutEnd && key.compare(tied[0].key, 0, cutEnd, 0, cutEnd) === 0) {
          tied.push({ key, value });
          continue;
        }
        yield* this.inFullOrder(tied, isBackward);
        tied = [];
      }
      if (cutEndOf(value) < 0) yield docKeyOf(value);
      else tied.push({ key, value });
    }
    if (tied.length > 0) yield* this.inFullOrder(tied, isBackward);
  }

  /** Entries tied on a cut string's prefix, ordered by their documents' full key tuples. */
  private inFullOrder(tied: { key: Buffer; value: Buffer }[], isBackward: boolean): string[] {
    if (tied.length === 1) return [docKeyOf(tied[0].value)];
    const full = tied.map(({ key, value }) => {
      const docKey = docKeyOf(value);
      const doc = this.documentOf(docKey);
      const entry = doc && this.entriesOf(docKey, doc).entries.find((candidate) => candidate.bytes.equals(key));
      return { docKey, key, tuple: entry?.tuple ?? [] };
    });
    full.sort((a, b) => this.sorted.compareKeys(a.tuple, b.tuple) || Buffer.compare(a.key, b.key));
    if (isBackward) full.reverse();
    return full.map((entry) => entry.docKey);
  }
}

interface StoredEntry {
  tuple: unknown[];
  bytes: Buffer;
  cutEnd: number;
}
