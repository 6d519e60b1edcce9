// The backup file: gzip-compressed JSON lines in canonical Extended JSON (ObjectIds, dates, 64-bit
// and decimal numbers come back as the same BSON types). One header line, then per collection a
// line with its options and indexes followed by one line per document, then a trailer with every
// collection's document count, so a truncated or spliced file is refused before anything is written.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { BSON, type Document } from 'mongodb';

export const BACKUP_FORMAT = 'helpboard-backup';
export const BACKUP_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  database: string;
  /**
   * How the snapshot was made consistent: read from a copy of the embedded engine's store (no
   * time limit), one transaction (an embedded engine whose files are elsewhere: 60 s at most),
   * or a snapshot session (MongoDB).
   */
  consistency: 'store-copy' | 'transaction' | 'snapshot-session';
}
export interface CollectionLine {
  collection: string;
  options: Document;
  indexes: Document[];
}
export interface DocumentLine {
  c: string;
  d: Document;
}
export interface TrailerLine {
  end: { counts: Record<string, number> };
}
export type BackupLine = CollectionLine | DocumentLine | TrailerLine;

export class BackupFormatError extends Error {
  constructor(file: string, problem: string) {
    super(`${file} is not a usable Helpboard backup: ${problem}`);
    this.name = 'BackupFormatError';
  }
}

export function encodeLine(value: BackupHeader | BackupLine): string {
  return `${BSON.EJSON.stringify(value, { relaxed: false })}\n`;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * Reads every line of a backup, checking its structure as it goes, and hands each to `visit`.
 * Without `visit` it only validates: restore reads the file once to validate it completely before
 * it touches the database, and again to write.
 */
export async function readBackup(
  file: string,
  visit?: (line: BackupLine, header: BackupHeader) => Promise<void>,
): Promise<{ header: BackupHeader; counts: Record<string, number> }> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new BackupFormatError(file, error.code === 'ENOENT' ? 'no such file' : error.message);
  });
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  if (!magic.equals(GZIP_MAGIC)) throw new BackupFormatError(file, 'it is not gzip-compressed');

  const gunzip = createGunzip();
  const lines = createInterface({ input: createReadStream(file).pipe(gunzip), crlfDelay: Infinity });
  let header: BackupHeader | undefined;
  let trailer: TrailerLine | undefined;
  const counts: Record<string, number> = {};
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (trailer) throw new BackupFormatError(file, `line ${number} follows the trailer`);
      let value: unknown;
      try {
        value = BSON.EJSON.parse(text, { relaxed: false });
      } catch {
        throw new BackupFormatError(file, `line ${number} is not Extended JSON`);
      }
      if (!header) {
        header = checkHeader(file, value);
        continue;
      }
      const line = checkLine(file, number, value, counts);
      if ('end' in line) trailer = line;
      await visit?.(line, header);
    }
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    throw new BackupFormatError(file, `it cannot be decompressed (${(error as Error).message})`);
  }
  if (!header) throw new BackupFormatError(file, 'it is empty');
  if (!trailer) throw new BackupFormatError(file, 'it ends before its trailer (truncated?)');
  for (const [name, count] of Object.entries(trailer.end.counts)) {
    if (counts[name] !== Number(count))
      throw new BackupFormatError(
        file,
        `${name} has ${counts[name] ?? 0} documents, the trailer says ${Number(count)}`,
      );
  }
  return { header, counts };
}

function checkHeader(file: string, value: unknown): BackupHeader {
  const header = value as Partial<BackupHeader> | null;
  if (header?.format !== BACKUP_FORMAT)
    throw new BackupFormatError(file, `its first line does not say "${BACKUP_FORMAT}"`);
  // Canonical Extended JSON parses numbers as BSON Int32/Double wrappers.
  if (Number(header.version) !== BACKUP_VERSION)
    throw new BackupFormatError(
      file,
      `it is version ${String(header.version)}; this build reads version ${BACKUP_VERSION}`,
    );
  return header as BackupHeader;
}

const COLLECTION_NAME = /^(?!system\.)[^$\0]{1,120}$/;

function checkLine(file: string, number: number, value: unknown, counts: Record<string, number>): BackupLine {
  const line = value as Partial<CollectionLine & DocumentLine & TrailerLine> | null;
  const bad = (what: string) => new BackupFormatError(file, `line ${number} ${what}`);
  if (line && typeof line.c === 'string' && line.d && typeof line.d === 'object') {
    if (!(line.c in counts)) throw bad(`has a document of ${line.c}, which was not declared before it`);
    counts[line.c]++;
    return line as DocumentLine;
  }
  if (line && typeof line.collection === 'string') {
    if (!COLLECTION_NAME.test(line.collection)) throw bad(`names an invalid collection`);
    if (line.collection in counts) throw bad(`declares ${line.collection} twice`);
    if (!Array.isArray(line.indexes)) throw bad(`lacks the indexes of ${line.collection}`);
    counts[line.collection] = 0;
    return line as CollectionLine;
  }
  if (line?.end && typeof line.end.counts === 'object') return line as TrailerLine;
  throw bad('is neither a collection, a document nor the trailer');
}
