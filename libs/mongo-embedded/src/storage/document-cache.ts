// Recently read documents, decoded, up to a byte budget (least recently used go first): reads of
// hot documents skip LMDB and BSON decoding, and the heap stays bounded whatever the data size.
// Stored documents are never mutated by the engine, so one decoded object can be shared. Writes
// evict what they change; nothing is cached while a write transaction is open (it could abort).
import { type Document } from 'bson';

export class DocumentCache {
  private readonly entries = new Map<string, { doc: Document; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): Document | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first entry is the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.doc;
  }

  set(key: string, doc: Document, bytes: number): void {
    if (bytes > this.budgetBytes / 8) return;
    this.delete(key);
    this.entries.set(key, { doc, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
