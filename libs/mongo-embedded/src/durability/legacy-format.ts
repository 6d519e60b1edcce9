// The data directory format before the LMDB store: snapshot.bson (every collection, framed BSON
// records) plus journal.log (the operations since, each record fsynced before its reply). Read
// once, on the first start of a new engine on such a directory, to convert it (open-store.ts).
import { type Document } from 'bson';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type IndexSpec } from '../storage/collection-index.js';
import { type Operation } from '../storage/store.js';
import { readRecordsFromFile } from './record-file.js';

export const LEGACY_SNAPSHOT = 'snapshot.bson';
export const LEGACY_JOURNAL = 'journal.log';

export function hasLegacyData(dir: string): boolean {
  return existsSync(join(dir, LEGACY_SNAPSHOT)) || existsSync(join(dir, LEGACY_JOURNAL));
}

/**
 * The directory's content as batches of operations, in order: the snapshot's collections,
 * indexes and documents (a batch per record of up to 1,000), then the journal's records newer
 * than the snapshot. A torn journal tail (an interrupted, never acknowledged write) is left out.
 */
export function* readLegacyData(dir: string, warn: (message: string) => void): Generator<Operation[]> {
  let snapshotSequence = 0;
  const snapshotPath = join(dir, LEGACY_SNAPSHOT);
  if (existsSync(snapshotPath)) {
    // Read frame by frame: a snapshot past 2 GiB, which the old engine wrote but could not load, converts too.
    const records = readRecordsFromFile(snapshotPath);
    let next = records.next();
    for (; !next.done; next = records.next()) {
      if (next.value.kind === 'meta') snapshotSequence = next.value.seq as number;
      else yield snapshotOperations(next.value);
    }
    if (next.value.tornBytes > 0) throw new Error(`${snapshotPath} is damaged; restore it from a backup`);
  }
  const journalPath = join(dir, LEGACY_JOURNAL);
  if (!existsSync(journalPath)) return;
  const records = readRecordsFromFile(journalPath);
  let next = records.next();
  for (; !next.done; next = records.next())
    if ((next.value.seq as number) > snapshotSequence) yield next.value.ops as Operation[];
  if (next.value.tornBytes > 0)
    warn(`journal ${journalPath}: ${next.value.tornBytes} bytes of an interrupted write left out`);
}

function snapshotOperations(record: Document): Operation[] {
  const ns = record.ns as string;
  switch (record.kind) {
    case 'collection':
      return [
        { op: 'createCollection', ns, options: record.options as Document },
        ...(record.indexes as IndexSpec[]).map((spec) => ({ op: 'createIndex' as const, ns, spec })),
      ];
    case 'docs':
      return (record.docs as Document[]).map((doc) => ({ op: 'insert' as const, ns, doc }));
    default:
      throw new Error(`unknown snapshot record ${String(record.kind)}`);
  }
}
